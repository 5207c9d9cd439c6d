{{%AUTOESCAPE context="HTML"}}
<h1>您好，{{OWNER_NAME}}</h1>
{{#NO_PREMISES}}<p class="card">您名下还没有登记房屋，请联系物业服务中心。</p>{{/NO_PREMISES}}
{{#PREMISES}}
<section class="card premises" data-premises="{{ID}}">
<h2>{{LABEL}}</h2>
<p class="muted">{{ESTATE}} · {{OCCUPANCY}} · {{AREA}} ㎡</p>
<dl class="figures">
<div><dt>待缴金额</dt><dd class="amount big owed">¥{{OWED}}</dd></div>
{{#OVERDUE}}<div><dt>其中已逾期</dt><dd class="amount warn">¥{{OVERDUE_AMOUNT}}</dd></div>{{/OVERDUE}}
<div><dt>下次缴费截止</dt><dd class="next-due">{{NEXT_DUE}}</dd></div>
{{#PREPAID}}<div><dt>预存余额</dt><dd class="amount">¥{{PREPAID_AMOUNT}}</dd></div>{{/PREPAID}}
</dl>
{{#ALL_PAID}}<p class="ok">费用已全部缴清，谢谢您！</p>{{/ALL_PAID}}
<p class="actions">
<a class="button primary" href="/premises/{{ID}}/bills?status=unpaid">待缴账单</a>
<a class="button" href="/premises/{{ID}}/bills">全部账单</a>
</p>
</section>
{{/PREMISES}}
