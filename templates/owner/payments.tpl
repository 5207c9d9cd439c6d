{{%AUTOESCAPE context="HTML"}}
<h1>缴费记录</h1>
{{#NONE}}<p class="card">还没有缴费记录。</p>{{/NONE}}
<ul class="payments">
{{#PAYMENT}}
<li class="card payment{{#REVERSAL}} reversal{{/REVERSAL}}{{#VOIDED}} voided{{/VOIDED}}" data-payment="{{ID}}">
<span class="date">{{DATE}}</span>
<span class="amount big">{{AMOUNT}}</span>
<span class="meta">{{PREMISES}} · {{CHANNEL}}{{#REVERSAL}} · 作废退回{{/REVERSAL}}</span>
<span class="meta">{{#REVERSAL}}原{{/REVERSAL}}收据号 {{RECEIPT}}</span>
{{#VOIDED}}<span class="void-note"><b>已作废</b> · {{VOIDED_AT}} · 原因：{{VOID_REASON}}</span>{{/VOIDED}}
</li>
{{/PAYMENT}}
</ul>
{{>PAGER}}
