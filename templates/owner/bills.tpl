{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › {{PREMISES}}</p>
<h1>{{PREMISES}}的账单</h1>
<p class="tabs">
<a href="/premises/{{PREMISES_ID}}/bills?status=unpaid"{{#FILTER_UNPAID}} aria-current="page"{{/FILTER_UNPAID}}>待缴</a>
<a href="/premises/{{PREMISES_ID}}/bills"{{#FILTER_ALL}} aria-current="page"{{/FILTER_ALL}}>全部</a>
</p>
{{#NONE_UNPAID}}<p class="card ok">没有待缴账单，费用已全部缴清。</p>{{/NONE_UNPAID}}
{{#NONE}}<p class="card">还没有账单。</p>{{/NONE}}
{{#PERIOD}}
<section class="card statement state-{{STATE_KEY}}" data-period="{{PERIOD_KEY}}">
<h2><span class="period">{{PERIOD}}</span> <span class="state">{{STATE}}</span></h2>
<p class="meta">合计 <b class="amount">¥{{TOTAL}}</b> · 已缴 ¥{{TOTAL_PAID}} · 截止 {{DUE}}</p>
<ul class="bills">
{{#BILL}}
<li class="bill status-{{STATUS_KEY}}">
<a href="/bills/{{ID}}">
<span class="item">{{ITEM}}</span>
<span class="amount">¥{{AMOUNT}}</span>
<span class="status">{{STATUS}}</span>
<span class="meta">已缴 ¥{{PAID}}</span>
</a>
</li>
{{/BILL}}
</ul>
</section>
{{/PERIOD}}
{{>PAGER}}
