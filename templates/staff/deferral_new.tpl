{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households/{{ID}}">{{LABEL}}</a> › 登记缓交申请</p>
<h1>登记缓交申请 · {{LABEL}}</h1>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/households/{{ID}}/deferrals" enctype="multipart/form-data" class="form card deferral-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="owner">申请的业主</label>
<select id="owner" name="owner"{{#OWNER_FOCUS}} autofocus{{/OWNER_FOCUS}}>{{#OWNER}}<option value="{{OWNER_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{OWNER_NAME}}</option>{{/OWNER}}</select>
<p class="err">{{OWNER_ERR}}</p>
<label for="reason">缓交原因</label>
<textarea id="reason" name="reason" rows="3" maxlength="500"{{#REASON_FOCUS}} autofocus{{/REASON_FOCUS}}>{{REASON_VAL}}</textarea>
<p class="err">{{REASON_ERR}}</p>
<fieldset class="choices" id="bill"><legend>缓交的账单</legend>
<ul class="plain checks">
{{#BILL}}<li><label><input type="checkbox" name="bill" value="{{BILL_ID}}"{{#CHECKED}} checked{{/CHECKED}}><span>{{PERIOD}} {{ITEM}}，尚欠 <b class="amount">¥{{OWED}}</b>，截止 {{DUE}}{{#LATE}} <span class="late">已逾期</span>{{/LATE}}</span></label></li>
{{/BILL}}</ul>
{{#NO_BILLS}}<p class="card">这一户没有待缴账单。</p>{{/NO_BILLS}}
<p class="err">{{BILLS_ERR}}</p></fieldset>
<fieldset class="choices" id="months"><legend>缓交多久（从经理批准那天起）</legend>
{{#MONTHS_OPT}}<label class="choice"><input type="radio" name="months" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{KEY}} 个月</label>
{{/MONTHS_OPT}}<p class="err">{{MONTHS_ERR}}</p></fieldset>
<label for="photo">证明材料照片（可选，一张）</label>
<input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/heic">
<button type="submit" class="primary wide">登记，提交经理审批</button>
</form>
