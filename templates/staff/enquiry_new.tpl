{{%AUTOESCAPE context="HTML"}}
{{#HOUSEHOLD}}<p class="crumb"><a href="/staff/households/{{ID}}">{{LABEL}}</a> › 登记咨询异议</p>
<h1>登记咨询异议 · {{LABEL}}</h1>{{/HOUSEHOLD}}
{{#CALL}}<p class="crumb"><a href="/staff/enquiries?estate={{ESTATE_ID}}">咨询异议</a> › 登记电话咨询</p>
<h1>登记电话咨询 · {{ESTATE_NAME}}</h1>{{/CALL}}
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="{{ACTION}}" class="form card enquiry-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
{{#CALL}}<input type="hidden" name="estate" value="{{ESTATE_ID}}">{{/CALL}}
<label for="channel">渠道</label>
<select id="channel" name="channel"{{#CHANNEL_FOCUS}} autofocus{{/CHANNEL_FOCUS}}>{{#CHANNEL_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHANNEL_OPT}}</select>
<p class="err">{{CHANNEL_ERR}}</p>
{{#HOUSEHOLD}}<label for="owner">业主</label>
<select id="owner" name="owner"{{#OWNER_FOCUS}} autofocus{{/OWNER_FOCUS}}><option value="">不确定是哪位</option>{{#OWNER}}<option value="{{OWNER_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{OWNER_NAME}}</option>{{/OWNER}}</select>
<p class="err">{{OWNER_ERR}}</p>{{/HOUSEHOLD}}
{{#CALL}}<label for="address">房号（知道的话）</label>
<input id="address" name="address" maxlength="40" value="{{ADDRESS_VAL}}" placeholder="如 3栋2单元301室"{{#ADDRESS_FOCUS}} autofocus{{/ADDRESS_FOCUS}}>
<p class="err">{{ADDRESS_ERR}}</p>
<label for="caller">来电人（姓名或电话）</label>
<input id="caller" name="caller" maxlength="50" value="{{CALLER_VAL}}"{{#CALLER_FOCUS}} autofocus{{/CALLER_FOCUS}}>
<p class="err">{{CALLER_ERR}}</p>{{/CALL}}
<label for="category">类别</label>
<select id="category" name="category"{{#CATEGORY_FOCUS}} autofocus{{/CATEGORY_FOCUS}}><option value="">请选择</option>{{#CATEGORY_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select>
<p class="err">{{CATEGORY_ERR}}</p>
<label for="question">业主的问题或异议</label>
<textarea id="question" name="question" rows="4" maxlength="1000"{{#QUESTION_FOCUS}} autofocus{{/QUESTION_FOCUS}}>{{QUESTION_VAL}}</textarea>
<p class="err">{{QUESTION_ERR}}</p>
<button type="submit" class="primary wide">登记</button>
</form>
