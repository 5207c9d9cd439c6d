{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/enquiries">咨询与异议</a> › 我要咨询</p>
<h1>我要咨询或提异议</h1>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/enquiries" class="form card ask-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
{{#MANY_PREMISES}}<fieldset class="choices"><legend class="big-text">1. 哪一套房？</legend>
{{#PREMISES}}<label class="choice"><input type="radio" name="premises" value="{{PREMISES_ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{PREMISES_LABEL}}</label>
{{/PREMISES}}<p class="err">{{PREMISES_ERR}}</p></fieldset>{{/MANY_PREMISES}}
{{#ONE_PREMISES}}{{#PREMISES}}<input type="hidden" name="premises" value="{{PREMISES_ID}}"><p class="muted">房屋：{{PREMISES_LABEL}}</p>{{/PREMISES}}<p class="err">{{PREMISES_ERR}}</p>{{/ONE_PREMISES}}
<fieldset class="choices" id="category"><legend class="big-text">{{#MANY_PREMISES}}2. {{/MANY_PREMISES}}您想问什么？</legend>
{{#CATEGORY_OPT}}<label class="choice"><input type="radio" name="category" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/CATEGORY_OPT}}<p class="err">{{CATEGORY_ERR}}</p></fieldset>
<label for="question" class="big-text">{{#MANY_PREMISES}}3. {{/MANY_PREMISES}}请写下您的问题</label>
<textarea id="question" name="question" rows="5" maxlength="1000" placeholder="比如：我家面积是 89 平方米，账单上写的是 96 平方米"{{#QUESTION_FOCUS}} autofocus{{/QUESTION_FOCUS}}>{{QUESTION_VAL}}</textarea>
<p class="err">{{QUESTION_ERR}}</p>
<button type="submit" class="primary wide">提交</button>
</form>
<p class="muted">不方便打字，也可以直接打电话给物业服务中心（见页面下方）。</p>
