{{%AUTOESCAPE context="HTML"}}
<h1>缴费记录</h1>
{{#NONE}}<p class="card">还没有缴费记录。</p>{{/NONE}}
<ul class="payments">
{{#PAYMENT}}
<li class="card payment{{#REVERSAL}} reversal{{/REVERSAL}}">
<span class="date">{{DATE}}</span>
<span class="amount big">¥{{AMOUNT}}</span>
<span class="meta">{{PREMISES}} · {{CHANNEL}}{{#REVERSAL}} · 冲正{{/REVERSAL}}</span>
<span class="meta">收据号 {{RECEIPT}}</span>
</li>
{{/PAYMENT}}
</ul>
{{>PAGER}}
