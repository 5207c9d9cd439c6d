{{%AUTOESCAPE context="HTML"}}
<h1>服务置换</h1>
<p class="muted">参加社区活动（如绿化、值守、陪护）可以抵扣物业费。物业登记活动时长，经理审核通过后，按小区标准抵扣您的账单。</p>
{{#NONE}}<p class="card">还没有活动记录。如有需要，请联系物业服务中心。</p>{{/NONE}}
{{#CREDIT}}
<section class="card credit status-{{STATUS_KEY}}">
<h2>{{ACTIVITY}}</h2>
<p>{{DATE}} · {{HOURS}} 小时 · {{PREMISES}}</p>
{{#PENDING}}<p class="badge">待审核</p>{{/PENDING}}
{{#APPROVED}}<p class="ok">已通过，抵扣 <b class="amount">¥{{AMOUNT}}</b>（收据号 {{RECEIPT}}，<a href="/receipts/{{RECEIPT_ID}}.pdf?download=1">下载收据</a>）</p>{{/APPROVED}}
{{#REJECTED}}<p class="warn">未通过：{{NOTE}}</p>{{/REJECTED}}
</section>
{{/CREDIT}}
