{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households/{{ID}}">{{LABEL}}</a> › 登记服务置换</p>
<h1>登记服务置换 · {{LABEL}}</h1>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/households/{{ID}}/credits" class="form card">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="owner">业主</label>
<select id="owner" name="owner"{{#OWNER_FOCUS}} autofocus{{/OWNER_FOCUS}}>{{#OWNER}}<option value="{{OWNER_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{OWNER_NAME}}</option>{{/OWNER}}</select>
<p class="err">{{OWNER_ERR}}</p>
<label for="activity_date">活动日期</label>
<input id="activity_date" name="activity_date" type="date" value="{{ACTIVITY_DATE_VAL}}"{{#ACTIVITY_DATE_FOCUS}} autofocus{{/ACTIVITY_DATE_FOCUS}}>
<p class="err">{{ACTIVITY_DATE_ERR}}</p>
<label for="activity">活动内容（如 社区绿化、值守、老人陪护）</label>
<input id="activity" name="activity" maxlength="100" value="{{ACTIVITY_VAL}}"{{#ACTIVITY_FOCUS}} autofocus{{/ACTIVITY_FOCUS}}>
<p class="err">{{ACTIVITY_ERR}}</p>
<label for="hours">时长（小时，0.25 至 24）</label>
<input id="hours" name="hours" inputmode="decimal" value="{{HOURS_VAL}}"{{#HOURS_FOCUS}} autofocus{{/HOURS_FOCUS}}>
<p class="err">{{HOURS_ERR}}</p>
<label for="note">备注</label>
<input id="note" name="note" maxlength="500" value="{{NOTE_VAL}}"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>
<p class="err">{{NOTE_ERR}}</p>
<button type="submit" class="primary wide">登记，提交经理审批</button>
</form>
