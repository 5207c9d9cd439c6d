{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › {{PREMISES}}</p>
<h1>{{PREMISES}}的账单</h1>
<section class="card owed-summary">
<p>待缴合计 <b class="amount big owed-total">¥{{OWED}}</b></p>
{{#PASTDUE}}<div class="pastdue" role="alert">
<p class="pastdue-sum">其中逾期未缴 <span class="amount overdue-amount">¥{{PASTDUE_AMOUNT}}</span></p>
<p class="pastdue-months">已逾期 <b>{{PASTDUE_MONTHS}}</b>（最早一笔 {{PASTDUE_SINCE}} 到期，共 <span class="pastdue-periods">{{PASTDUE_PERIODS}}</span> 期账单逾期未缴）</p>
<p class="pastdue-ask">请尽快缴纳</p>
</div>{{/PASTDUE}}
{{#ALL_PAID}}<p class="ok">没有待缴费用，谢谢您！</p>{{/ALL_PAID}}
</section>
<p class="tabs">
<a href="/premises/{{PREMISES_ID}}/bills?status=unpaid"{{#FILTER_UNPAID}} aria-current="page"{{/FILTER_UNPAID}}>待缴</a>
<a href="/premises/{{PREMISES_ID}}/bills"{{#FILTER_ALL}} aria-current="page"{{/FILTER_ALL}}>全部</a>
</p>
{{#FILTER_UNPAID}}<p class="muted">待缴账单按时间先后排列，最早的在前。</p>{{/FILTER_UNPAID}}
{{#NONE_UNPAID}}<p class="card ok">没有待缴账单，费用已全部缴清。</p>{{/NONE_UNPAID}}
{{#NONE}}<p class="card">还没有账单。</p>{{/NONE}}
{{#PERIOD}}
<section class="card statement state-{{STATE_KEY}}" data-period="{{PERIOD_KEY}}">
<details{{#EXPANDED}} open{{/EXPANDED}}>
<summary><h2><span class="period">{{PERIOD}}</span> <span class="state">{{STATE}}</span>{{#PERIOD_LATE}} <span class="late">已逾期</span>{{/PERIOD_LATE}}</h2> {{#PERIOD_OWES}}<span class="amount period-owed">尚欠 ¥{{TOTAL_OWED}}</span>{{/PERIOD_OWES}}{{#PERIOD_SETTLED}}<span class="amount">¥{{TOTAL}}</span>{{/PERIOD_SETTLED}}</summary>
<p class="meta">合计 <b class="amount">¥{{TOTAL}}</b> · 已缴 ¥{{TOTAL_PAID}}{{#TOTAL_WAIVED}} · 已减免 ¥{{TOTAL_WAIVED_AMOUNT}}{{/TOTAL_WAIVED}}{{#PERIOD_OWES}} · 尚欠 <b class="amount">¥{{TOTAL_OWED}}</b>{{/PERIOD_OWES}} · 截止 {{DUE}}</p>
<ul class="bills">
{{#BILL}}
<li class="bill status-{{STATUS_KEY}}">
<a href="/bills/{{ID}}">
<span class="item">{{ITEM}}{{#LATE_FEE}}<small class="late-of">（{{LATE_OF}}）</small>{{/LATE_FEE}}</span>
<span class="amount">¥{{AMOUNT}}</span>
<span class="status">{{STATUS}}{{#BILL_LATE}} · <b class="late">已逾期 {{LATE_MONTHS}}</b>{{/BILL_LATE}}</span>
<span class="meta">已缴 ¥{{PAID}}{{#BILL_WAIVED}} · 已减免 ¥{{WAIVED}}{{/BILL_WAIVED}}{{#BILL_OWES}} · 尚欠 <span class="owed">¥{{OWED}}</span>{{/BILL_OWES}}</span>
</a>
</li>
{{/BILL}}
</ul>
</details>
</section>
{{/PERIOD}}
{{>PAGER}}
{{#FILTER_UNPAID}}<p class="more"><a class="button wide" href="/premises/{{PREMISES_ID}}/bills">查看已缴清的账单</a></p>{{/FILTER_UNPAID}}
