{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › <a href="/premises/{{PREMISES_ID}}/bills">{{PREMISES}}</a> › 账单</p>
<section class="card">
<h1>{{PERIOD}} {{ITEM}}</h1>
<p class="badge status-{{STATUS_KEY}}">{{STATUS}}</p>
<dl class="facts">
<div><dt>房屋</dt><dd>{{PREMISES}}</dd></div>
<div><dt>收费项目</dt><dd>{{ITEM}}（{{BASIS}}）</dd></div>
{{#METER}}<div><dt>用量</dt><dd>{{QUANTITY}} {{UNIT}}</dd></div>{{/METER}}
<div><dt>应缴金额</dt><dd class="amount">¥{{AMOUNT}}</dd></div>
<div><dt>已缴金额</dt><dd class="amount">¥{{PAID}}</dd></div>
<div><dt>尚欠金额</dt><dd class="amount big remaining">¥{{REMAINING}}</dd></div>
<div><dt>缴费截止</dt><dd>{{DUE}}</dd></div>
<div><dt>出账日期</dt><dd>{{CREATED}}</dd></div>
</dl>
</section>
<section class="card">
<h2>缴费明细</h2>
<ul class="plain">
{{#PAYMENT}}<li>{{DATE}} · {{CHANNEL}} · <span class="amount">¥{{AMOUNT}}</span> · 收据 {{RECEIPT}}</li>{{/PAYMENT}}
</ul>
</section>
