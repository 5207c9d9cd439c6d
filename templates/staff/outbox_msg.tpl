{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/outbox?estate={{ESTATE_ID}}">消息发送</a> › {{WHAT}}</p>
<section class="card outbox-msg" data-message="{{ID}}" data-status="{{STATUS_CODE}}">
<h1>{{WHAT}}：<span class="status">{{#IS_DEAD}}<b class="warn">{{/IS_DEAD}}{{STATUS}}{{#IS_DEAD}}</b>{{/IS_DEAD}}</span></h1>
{{#RESENT}}<p class="ok resent" role="status">已重新排队，稍后自动发送。</p>{{/RESENT}}
{{#RESENT_SENT}}<p class="ok resent" role="status">重发成功，已发出。</p>{{/RESENT_SENT}}
{{#RESENT_NOT}}<p class="alert resent" role="status">重发后仍未确认发出，见下面的发送记录。</p>{{/RESENT_NOT}}
<dl class="facts">
<div><dt>业主</dt><dd class="owner">{{#HAS_OWNER}}{{OWNER_NAME}} {{OWNER_PHONE}}{{/HAS_OWNER}}</dd></div>
<div><dt>房屋</dt><dd>{{#HAS_PREMISES}}<a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a>{{#PREFS_LINK}} · <a href="/staff/households/{{PREMISES_ID}}/owners/{{OWNER_ID}}/messages" class="prefs-link">接收设置</a>{{/PREFS_LINK}}{{/HAS_PREMISES}}</dd></div>
<div><dt>发送方式</dt><dd>{{CHANNEL}}</dd></div>
<div><dt>发往</dt><dd class="address">{{ADDRESS}}{{#ADDRESS_NOW}} <small class="muted address-now">（{{ADDRESS_NOTE}}）</small>{{/ADDRESS_NOW}}</dd></div>
<div><dt>生成时间</dt><dd>{{AT}}</dd></div>
<div><dt>发出时间</dt><dd class="sent-at">{{SENT_AT}}</dd></div>
<div><dt>已尝试</dt><dd class="tries">{{TRIES}} 次{{#DUE_LATER}}，{{NEXT_AT}} 再发{{#HELD}}（免打扰时段或每日限额）{{/HELD}}{{/DUE_LATER}}</dd></div>
{{#HAS_WHY}}<div><dt>原因</dt><dd class="why">{{WHY}}</dd></div>{{/HAS_WHY}}
{{#HAS_RUN}}<div><dt>出账</dt><dd><a href="/staff/billing/runs/{{RUN}}">{{RUN_PERIOD}}出账</a></dd></div>{{/HAS_RUN}}
{{#HAS_LINK}}<div><dt>消息中的链接</dt><dd class="link"><a class="msg-url" href="{{LINK}}" title="{{LINK}}" target="_blank" rel="noopener noreferrer">{{LINK}}</a></dd></div>{{/HAS_LINK}}
<div><dt>小区</dt><dd>{{ESTATE_NAME}}</dd></div>
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
{{#NO_ATTEMPTS}}<p class="muted">还没有发送过。</p>{{/NO_ATTEMPTS}}
<table class="list attempts">
<thead><tr><th>次</th><th>时间</th><th>结果</th><th>平台答复</th><th>耗时</th></tr></thead>
<tbody>
{{#ATTEMPT}}<tr data-result="{{RESULT_CODE}}"><td data-label="次">{{N}}</td><td data-label="时间">{{AT}}</td><td data-label="结果">{{#OK}}<span class="ok">成功</span>{{/OK}}{{#FAILED}}<b class="warn">失败</b>{{/FAILED}}{{#UNSURE}}<b>未收到答复</b>{{/UNSURE}}</td><td data-label="平台答复" class="answer"><span><span class="words">{{WORDS}}</span><small class="raw muted">原始答复（供系统管理员查看）：{{RAW}}</small></span></td><td data-label="耗时" class="took">{{TOOK}}</td></tr>{{/ATTEMPT}}
</tbody>
</table>
{{#RESEND}}<p class="resend-note muted">{{AT}} {{BY}} 重发{{BEFORE}}</p>{{/RESEND}}
{{#HAS_PROVIDER_ID}}<p class="muted provider-id"><small>平台消息号 {{PROVIDER_ID}}（向平台查询时提供）</small></p>{{/HAS_PROVIDER_ID}}
</section>
