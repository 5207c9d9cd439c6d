{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/outbox?estate={{ESTATE_ID}}">消息发送</a> › {{WHAT}} #{{ID}}</p>
<section class="card outbox-msg" data-message="{{ID}}" data-status="{{STATUS_CODE}}">
<h1>{{WHAT}}：<span class="status">{{#IS_DEAD}}<b class="warn">{{/IS_DEAD}}{{STATUS}}{{#IS_DEAD}}</b>{{/IS_DEAD}}</span></h1>
{{#RESENT}}<p class="ok" role="status">已重新排队，稍后自动发送。</p>{{/RESENT}}
<dl class="facts">
<div><dt>业主</dt><dd>{{#HAS_OWNER}}{{OWNER_NAME}} {{OWNER_PHONE}}{{/HAS_OWNER}}</dd></div>
<div><dt>房屋</dt><dd>{{#HAS_PREMISES}}<a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a>{{/HAS_PREMISES}}</dd></div>
<div><dt>小区</dt><dd>{{ESTATE_NAME}}</dd></div>
<div><dt>发送方式</dt><dd>{{CHANNEL}}</dd></div>
<div><dt>发往</dt><dd class="code">{{ADDRESS}}</dd></div>
<div><dt>生成时间</dt><dd>{{AT}}</dd></div>
<div><dt>发出时间</dt><dd>{{SENT_AT}}</dd></div>
<div><dt>已尝试</dt><dd class="tries">{{TRIES}} 次{{#DUE_LATER}}，{{NEXT_AT}} 再发{{#HELD}}（免打扰时段或每日限额）{{/HELD}}{{/DUE_LATER}}</dd></div>
{{#HAS_WHY}}<div><dt>原因</dt><dd class="why">{{WHY}}</dd></div>{{/HAS_WHY}}
<div><dt>平台消息号</dt><dd class="code">{{PROVIDER_ID}}</dd></div>
{{#HAS_RUN}}<div><dt>出账批次</dt><dd><a href="/staff/billing/runs/{{RUN}}">#{{RUN}}</a></dd></div>{{/HAS_RUN}}
<div><dt>链接</dt><dd class="code">{{LINK}}</dd></div>
<div><dt>幂等键</dt><dd class="code">{{KEY}}</dd></div>
</dl>
<h2>内容</h2>
<p class="msg-body">{{BODY_TEXT}}</p>
{{#CAN_RESEND}}<form method="post" action="/staff/outbox/{{ID}}/resend" class="resend">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="muted">重发：这条消息重新排队并立即发送，尝试次数从零算起；以前的发送记录保留。</p>
<button type="submit" class="primary">重发</button>
</form>{{/CAN_RESEND}}
{{#ASK_RESEND}}<p class="muted">需要重发的，请联系收费组组长或经理。</p>{{/ASK_RESEND}}
</section>
<section class="card">
<h2>发送记录</h2>
<table class="list attempts">
<thead><tr><th>次</th><th>时间</th><th>结果</th><th>HTTP</th><th>平台代码</th><th>平台答复</th><th>耗时</th></tr></thead>
<tbody>
{{#ATTEMPT}}<tr data-result="{{RESULT_CODE}}"><td data-label="次">{{N}}</td><td data-label="时间">{{AT}}</td><td data-label="结果">{{#OK}}<span class="ok">成功</span>{{/OK}}{{#FAILED}}<b class="warn">失败</b>{{/FAILED}}</td><td data-label="HTTP" class="http">{{HTTP}}</td><td data-label="平台代码" class="code">{{CODE}}</td><td data-label="平台答复" class="answer">{{ANSWER}}</td><td data-label="耗时" class="took">{{TOOK_MS}} ms</td></tr>{{/ATTEMPT}}
</tbody>
</table>
{{#RESEND}}<p class="resend-note muted">{{AT}} {{BY}} 重发（{{DETAIL}}）</p>{{/RESEND}}
</section>
