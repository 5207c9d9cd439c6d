{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/team?estate={{ESTATE_ID}}#plans">团队建设</a> › 新建带教计划</p>
<h1>新建带教计划 · {{ESTATE_NAME}}</h1>
<p class="muted">新人 30 天成长计划，一位师傅一对一带教：</p>
<ol class="stages">{{#STAGE}}<li>{{STAGE_NAME}}（{{STAGE_DAYS}}）：{{STAGE_WORDS}}</li>{{/STAGE}}</ol>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/team/pairs" class="form card team-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="newcomer">新人（收费员）</label>
<select id="newcomer" name="newcomer"{{#NEWCOMER_FOCUS}} autofocus{{/NEWCOMER_FOCUS}}><option value="">请选择</option>{{#NEWCOMER_OPT}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/NEWCOMER_OPT}}</select>
<p class="err">{{NEWCOMER_ERR}}</p>
<label for="mentor">师傅</label>
<select id="mentor" name="mentor"{{#MENTOR_FOCUS}} autofocus{{/MENTOR_FOCUS}}><option value="">请选择</option>{{#MENTOR_OPT}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}（{{ROLE}}）</option>{{/MENTOR_OPT}}</select>
<p class="err">{{MENTOR_ERR}}</p>
<label for="start_on">第 1 天（开始日期）</label>
<input id="start_on" name="start_on" type="date" min="{{EARLIEST}}" max="{{LATEST}}" value="{{START_ON_VAL}}"{{#START_ON_FOCUS}} autofocus{{/START_ON_FOCUS}}>
<p class="err">{{START_ON_ERR}}</p>
<button type="submit" class="primary wide">建立带教计划</button>
</form>
