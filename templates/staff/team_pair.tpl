{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/team?estate={{ESTATE_ID}}#plans">团队建设</a> › 带教计划</p>
<h1>带教计划 · {{NEWCOMER}}</h1>
{{#SAVED}}<p class="notice" role="status">已保存。</p>{{/SAVED}}
<section class="card plan-head">
<p>新人 <b class="newcomer">{{NEWCOMER}}</b> · 师傅 <b class="mentor">{{MENTOR}}</b> · {{ESTATE_NAME}}</p>
<p>{{START_ON}} 开始，{{END_ON}} 结束{{#BEGUN}}；今天是第 <b class="day-no">{{DAY_NO}}</b> 天{{/BEGUN}}。</p>
{{#LATE}}<p class="alert late-stages" role="alert">有 {{LATE_N}} 个阶段已过期限还没有完成。</p>{{/LATE}}
{{#ALL_DONE}}<p class="notice all-done">三个阶段都已完成。</p>{{/ALL_DONE}}
<p class="muted small">由 {{SET_BY}} 于 {{SET_AT}} 建立。</p>
</section>
<ol class="stages plan-stages">
{{#STAGE}}<li class="card stage state-{{STATE}}" data-stage="{{STAGE_NO}}">
<p><b>{{STAGE_NAME}}</b>（{{STAGE_DAYS}}，期限 {{STAGE_DUE}}）：<span class="badge state">{{STATE_LABEL}}</span>{{#OVERDUE}} <span class="late">已超 {{LATE_DAYS}} 天</span>{{/OVERDUE}}</p>
<p class="muted">{{STAGE_WORDS}}</p>
{{#TICKED}}<p class="ticked">完成日期 <span class="done-on">{{DONE_ON}}</span> · {{TICKED_BY}} 于 {{TICKED_AT}} 勾选{{#HAS_NOTE}}<br><span class="muted">备注：{{NOTE}}</span>{{/HAS_NOTE}}</p>{{/TICKED}}
</li>{{/STAGE}}
</ol>
{{#CAN_TICK}}
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/team/pairs/{{PAIR_ID}}/ticks" class="form card tick-form">
<h2>勾选{{NEXT_NAME}}完成</h2>
<p class="muted">{{NEXT_WORDS}}</p>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<input type="hidden" name="stage" value="{{NEXT_NO}}">
<label for="done_on">完成日期</label>
<input id="done_on" name="done_on" type="date" min="{{EARLIEST}}" max="{{TODAY}}" value="{{DONE_ON_VAL}}"{{#DONE_ON_FOCUS}} autofocus{{/DONE_ON_FOCUS}}>
<p class="err">{{DONE_ON_ERR}}</p>
<label for="note">备注（可不填，如复盘要点）</label>
<input id="note" name="note" maxlength="200" value="{{NOTE_VAL}}"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>
<p class="err">{{NOTE_ERR}}</p>
<button type="submit" class="primary wide">勾选完成</button>
</form>
{{/CAN_TICK}}
