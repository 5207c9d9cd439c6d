{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/billing?estate={{ESTATE_ID}}">出账</a> › {{PERIOD}}</p>
<section class="card run" data-status="{{STATUS_KEY}}">
<h1>{{PERIOD}} 出账：{{STATUS}}</h1>
<progress max="100" value="{{PERCENT}}">{{PERCENT}}%</progress>
<p>{{DONE}} / {{TOTAL}} 户（{{PERCENT}}%）</p>
<dl class="facts">
<div><dt>已生成账单</dt><dd class="run-bills">{{BILLS}}</dd></div>
<div><dt>金额合计</dt><dd class="amount run-amount">¥{{AMOUNT}}</dd></div>
<div><dt>预存款抵扣</dt><dd class="amount run-prepaid">¥{{PREPAID}}</dd></div>
<div><dt>发起</dt><dd>{{BY}} · {{REQUESTED_AT}}</dd></div>
<div><dt>开始</dt><dd>{{STARTED_AT}}</dd></div>
<div><dt>结束</dt><dd>{{FINISHED_AT}}</dd></div>
</dl>
<h2>电子账单</h2>
<p class="muted">本次出账按业主选择的方式（短信、微信、App）给每户发一条电子账单；晚上生成的要等免打扰时段结束后再发。</p>
{{#EB_QUIET}}<p class="alert eb-quiet" role="status">现在是免打扰时段（{{QUIET_FROM}} 至 {{QUIET_TO}}），待发送的电子账单将于{{QUIET_DAY}} {{QUIET_TO}} 起发出。</p>{{/EB_QUIET}}
{{#EB_NONE}}<p class="ebills-none">这次出账还没有要发的电子账单。</p>{{/EB_NONE}}
<ul class="plain ebills">
{{#EB_CHANNEL}}<li class="eb-line" data-channel="{{CHANNEL}}"><b class="eb-channel">{{CHANNEL_LABEL}}</b> {{#EB_STATE}}{{#SEP}} · {{/SEP}}<span class="eb-{{CODE}}" data-status="{{CODE}}">{{LABEL}} {{#LINKED}}<a href="{{URL}}">{{/LINKED}}<b class="n{{#WARN}} warn{{/WARN}}">{{N}}</b>{{#LINKED}}</a>{{/LINKED}}</span>{{/EB_STATE}}</li>{{/EB_CHANNEL}}
{{#EB_TOTAL}}<li class="eb-line eb-total" data-channel="{{CHANNEL}}"><b class="eb-channel">{{CHANNEL_LABEL}}</b> {{#EB_STATE}}{{#SEP}} · {{/SEP}}<span class="eb-{{CODE}}" data-status="{{CODE}}">{{LABEL}} {{#LINKED}}<a href="{{URL}}">{{/LINKED}}<b class="n{{#WARN}} warn{{/WARN}}">{{N}}</b>{{#LINKED}}</a>{{/LINKED}}</span>{{/EB_STATE}}</li>{{/EB_TOTAL}}
</ul>
<p class="muted"><small>已发送：短信平台、微信或推送平台已接收；发送失败：多次重试仍未发出，可在“消息发送”中查看原因并重发；待发送：排队中，或在免打扰时段结束后发送。点数字查看这些消息。</small></p>
{{#FAILED}}<p class="alert" role="alert">{{ERROR}}</p>{{/FAILED}}
{{#DONE_OK}}<p class="ok">出账完成。</p>{{/DONE_OK}}
</section>
