{{%AUTOESCAPE context="HTML"}}
<h1>电子收据</h1>
<p class="muted">每次缴费都会开具电子收据，可下载保存或打印。收据上的二维码可用于查验真伪。</p>
{{#NONE}}<p class="card">还没有收据。</p>{{/NONE}}
<ul class="payments">
{{#RECEIPT}}
<li class="card receipt-row{{#VOIDED}} reversal{{/VOIDED}}" data-receipt="{{ID}}">
<span class="date">{{DATE}}</span>
<span class="amount big">¥{{AMOUNT}}</span>
<span class="meta">{{PREMISES}} · {{CHANNEL}} · 收据号 {{NUMBER}}{{#VOIDED}} · <b class="warn">已作废</b>{{/VOIDED}}</span>
<span class="meta"><a class="button download" href="/receipts/{{ID}}.pdf?download=1">下载收据</a> <a class="button view" href="/receipts/{{ID}}.pdf">查看 / 打印</a></span>
</li>
{{/RECEIPT}}
</ul>
{{>PAGER}}
