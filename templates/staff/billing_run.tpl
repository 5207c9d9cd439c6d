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
<dl class="facts ebills">
<div><dt>已发送</dt><dd>{{#EB_LINK}}<a href="{{EB_SENT_URL}}">{{/EB_LINK}}<b class="eb-sent">{{EB_SENT}}</b>{{#EB_LINK}}</a>{{/EB_LINK}}</dd></div>
<div><dt>发送失败</dt><dd>{{#EB_LINK}}<a href="{{EB_DEAD_URL}}">{{/EB_LINK}}<b class="eb-dead{{#EB_HAS_DEAD}} warn{{/EB_HAS_DEAD}}">{{EB_DEAD}}</b>{{#EB_LINK}}</a>{{/EB_LINK}}</dd></div>
<div><dt>待发送</dt><dd>{{#EB_LINK}}<a href="{{EB_PENDING_URL}}">{{/EB_LINK}}<b class="eb-pending">{{EB_PENDING}}</b>{{#EB_LINK}}</a>{{/EB_LINK}}</dd></div>
{{#EB_HAS_SKIPPED}}<div><dt>未发送</dt><dd>{{#EB_LINK}}<a href="{{EB_SKIPPED_URL}}">{{/EB_LINK}}<b class="eb-skipped">{{EB_SKIPPED}}</b>{{#EB_LINK}}</a>{{/EB_LINK}}</dd></div>{{/EB_HAS_SKIPPED}}
</dl>
{{#FAILED}}<p class="alert" role="alert">{{ERROR}}</p>{{/FAILED}}
{{#DONE_OK}}<p class="ok">出账完成。</p>{{/DONE_OK}}
</section>
