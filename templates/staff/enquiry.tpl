{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/enquiries?estate={{ESTATE_ID}}">咨询异议</a> › {{CATEGORY}}</p>
<h1>{{CATEGORY}} · <span class="enquiry-state state-{{STATE_KEY}}">{{STATE}}</span></h1>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<section class="card enquiry-detail">
<dl class="figures">
<dt>提出</dt><dd class="when">{{WHEN}} · {{CHANNEL}}</dd>
<dt>业主</dt><dd class="who">{{#HAS_HOUSEHOLD}}<a href="/staff/households/{{PREMISES_ID}}">{{WHO}}</a>{{/HAS_HOUSEHOLD}}{{#NO_HOUSEHOLD}}{{WHO}}{{/NO_HOUSEHOLD}}</dd>
<dt>登记人</dt><dd>{{LOGGED_BY}}</dd>
</dl>
<p class="question">{{QUESTION}}</p>
</section>
<section class="card answers">
<h2>答复</h2>
{{#NO_ANSWER}}<p class="muted">还没有答复。</p>{{/NO_ANSWER}}
{{#ANSWER}}<div class="answer outcome-{{OUTCOME_KEY}}"><p class="muted">{{WHEN}} · {{BY}} · <b class="answer-outcome">{{OUTCOME}}</b></p><p class="answer-text">{{ANSWER_TEXT}}</p></div>{{/ANSWER}}
</section>
{{#CAN_ANSWER}}
<form method="post" action="/staff/enquiries/{{ID}}/answers" class="form card answer-form">
<h2>记录答复</h2>
<p class="muted">每次答复都会留下记录，不会改掉之前的。业主后来表示接受或不接受，也在这里记一条。</p>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="answer">答复内容</label>
<textarea id="answer" name="answer" rows="4" maxlength="1000"{{#ANSWER_FOCUS}} autofocus{{/ANSWER_FOCUS}}>{{ANSWER_VAL}}</textarea>
<p class="err">{{ANSWER_ERR}}</p>
<fieldset><legend>业主是否接受</legend>
{{#OUTCOME_OPT}}<label class="inline"><input type="radio" name="outcome" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/OUTCOME_OPT}}</fieldset>
<p class="err">{{OUTCOME_ERR}}</p>
<button type="submit" class="primary wide">保存答复</button>
</form>
{{/CAN_ANSWER}}
