{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/team?estate={{ESTATE_ID}}">团队建设</a> › 登记培训</p>
<h1>登记培训 · {{ESTATE_NAME}}</h1>
<p class="muted">培训结束后登记：主题、日期、课时和参加的人，参加的人各记这些课时。</p>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/team/sessions" class="form card rq-form team-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="topic">培训主题（如《民法典》物业条款解读）</label>
<input id="topic" name="topic" maxlength="100" value="{{TOPIC_VAL}}"{{#TOPIC_FOCUS}} autofocus{{/TOPIC_FOCUS}}>
<p class="err">{{TOPIC_ERR}}</p>
<label for="held_on">培训日期</label>
<input id="held_on" name="held_on" type="date" min="{{EARLIEST}}" max="{{TODAY}}" value="{{HELD_ON_VAL}}"{{#HELD_ON_FOCUS}} autofocus{{/HELD_ON_FOCUS}}>
<p class="err">{{HELD_ON_ERR}}</p>
<label for="hours">课时（0.5 到 12）</label>
<input id="hours" name="hours" inputmode="decimal" maxlength="6" value="{{HOURS_VAL}}"{{#HOURS_FOCUS}} autofocus{{/HOURS_FOCUS}}>
<p class="err">{{HOURS_ERR}}</p>
<fieldset id="attendee"><legend>参加人员</legend>
<div class="choices">{{#PERSON}}<label class="choice"><input type="checkbox" name="attendee" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}} <span class="muted small">{{ROLE}}</span></label>{{/PERSON}}</div>
</fieldset>
<p class="err">{{ATTENDEE_ERR}}</p>
<label for="note">说明（可不填）</label>
<textarea id="note" name="note" rows="2" maxlength="500"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<button type="submit" class="primary wide">登记培训</button>
</form>
