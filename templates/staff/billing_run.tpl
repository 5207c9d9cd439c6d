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
{{#FAILED}}<p class="alert" role="alert">{{ERROR}}</p>{{/FAILED}}
{{#DONE_OK}}<p class="ok">出账完成。</p>{{/DONE_OK}}
</section>
