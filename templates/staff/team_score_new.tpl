{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/team?estate={{ESTATE_ID}}">团队建设</a> › 录入考核成绩</p>
<h1>录入考核成绩 · {{ESTATE_NAME}}</h1>
<p class="muted">每次考核一条，不覆盖以前的成绩：团队建设页显示每个科目的首次和最近成绩。</p>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/team/scores" class="form card team-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="staff">考核人员</label>
<select id="staff" name="staff"{{#STAFF_FOCUS}} autofocus{{/STAFF_FOCUS}}><option value="">请选择</option>{{#PERSON}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}（{{ROLE}}）</option>{{/PERSON}}</select>
<p class="err">{{STAFF_ERR}}</p>
<label for="subject">考核科目</label>
<input id="subject" name="subject" maxlength="30" list="subjects" value="{{SUBJECT_VAL}}"{{#SUBJECT_FOCUS}} autofocus{{/SUBJECT_FOCUS}}>
<datalist id="subjects">{{#SUBJECT_OPT}}<option value="{{NAME}}">{{/SUBJECT_OPT}}</datalist>
<p class="err">{{SUBJECT_ERR}}</p>
<label for="score">成绩（0 到 100 分）</label>
<input id="score" name="score" inputmode="numeric" maxlength="3" value="{{SCORE_VAL}}"{{#SCORE_FOCUS}} autofocus{{/SCORE_FOCUS}}>
<p class="err">{{SCORE_ERR}}</p>
<label for="taken_on">考核日期</label>
<input id="taken_on" name="taken_on" type="date" min="{{EARLIEST}}" max="{{TODAY}}" value="{{TAKEN_ON_VAL}}"{{#TAKEN_ON_FOCUS}} autofocus{{/TAKEN_ON_FOCUS}}>
<p class="err">{{TAKEN_ON_ERR}}</p>
<button type="submit" class="primary wide">录入成绩</button>
</form>
