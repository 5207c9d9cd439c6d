{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › <a href="/premises/{{PREMISES_ID}}/bills">{{PREMISES}}</a> › 账单</p>
<section class="card">
<h1>{{PERIOD}} {{ITEM}}</h1>
{{#LATE_OF}}<p class="late-of" data-late-of="{{LATE_OF_ID}}">这是<a href="/bills/{{LATE_OF_ID}}">{{LATE_OF_PERIOD}} {{LATE_OF_ITEM}}</a>逾期未缴产生的滞纳金，单独列出，不计入本金。</p>{{/LATE_OF}}
<p class="badge status-{{STATUS_KEY}}">{{STATUS}}</p>
{{#LATE}}<div class="pastdue" role="alert"><p class="pastdue-months">已逾期 <b>{{LATE_MONTHS}}</b>，请尽快缴纳</p></div>{{/LATE}}
<dl class="facts">
<div><dt>房屋</dt><dd>{{PREMISES}}</dd></div>
<div><dt>收费项目</dt><dd>{{ITEM}}（{{BASIS}}）</dd></div>
{{#METER}}<div><dt>用量</dt><dd>{{QUANTITY}} {{UNIT}}</dd></div>{{/METER}}
<div><dt>应缴金额</dt><dd class="amount">¥{{AMOUNT}}</dd></div>
<div><dt>已缴金额</dt><dd class="amount">¥{{PAID}}</dd></div>
{{#WAIVED}}<div><dt>已减免</dt><dd class="amount waived">¥{{WAIVED_AMOUNT}}</dd></div>{{/WAIVED}}
<div><dt>尚欠金额</dt><dd class="amount big remaining">¥{{REMAINING}}</dd></div>
<div><dt>缴费截止</dt><dd>{{DUE}}</dd></div>
<div><dt>出账日期</dt><dd>{{CREATED}}</dd></div>
</dl>
</section>
<section class="card computation">
<h2>金额怎么算的</h2>
{{#READINGS}}<p class="how-readings">{{HOW_READINGS}}</p>{{/READINGS}}
{{#HOW_KNOWN}}<p class="how">{{HOW}}</p>{{/HOW_KNOWN}}
{{#HOW_UNKNOWN}}<p class="how-unknown">本账单按出账时的收费标准计算，应缴 ¥{{AMOUNT}}。如有疑问，请致电物业服务中心。</p>{{/HOW_UNKNOWN}}
</section>
<section class="card">
<h2>缴费明细</h2>
<ul class="plain">
{{#PAYMENT}}<li>{{DATE}} · {{CHANNEL}} · <span class="amount">{{AMOUNT}}</span> · 收据 {{RECEIPT}}</li>{{/PAYMENT}}
</ul>
{{#NO_PAYMENT}}<p class="muted">这笔账单还没有缴费记录。</p>{{/NO_PAYMENT}}
</section>
<section class="card bill-contact">
<h2>有疑问请联系</h2>
{{>CONTACT}}
</section>
