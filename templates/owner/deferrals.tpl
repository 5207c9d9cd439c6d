{{%AUTOESCAPE context="HTML"}}
<h1>缓交申请</h1>
<p>家里遇到困难（如失业、重病、家庭变故），一时交不上物业费，可以申请缓交。物业经理审批通过后，所选账单的缴费截止日期顺延，缓交期间不催缴、不计入欠费。</p>
{{#SAVED}}<p class="ok card" role="status">申请已提交，物业经理审批后会通知您。</p>{{/SAVED}}
{{#HOME}}<p><a class="button primary wide apply-deferral" href="/premises/{{PREMISES_ID}}/deferrals/new">为 {{PREMISES}} 申请缓交</a></p>
{{/HOME}}
{{#NONE}}<p class="card">您还没有申请过缓交。</p>{{/NONE}}
{{#DEFERRAL}}
<section class="card deferral status-{{STATUS_KEY}}" data-deferral="{{ID}}">
<h2>{{PREMISES}} · 缓交 {{MONTHS}} 个月</h2>
<p class="muted">{{APPLIED}}申请 · {{NBILLS}} 笔账单</p>
<p>{{REASON}}</p>
{{#PENDING}}<p class="badge deferral-status">等待物业经理审批</p>{{/PENDING}}
{{#APPROVED}}<p class="ok deferral-status">已批准，缓交至 <b>{{ENDS}}</b>，请在这天之前缴纳所选账单。</p>{{/APPROVED}}
{{#REJECTED}}<p class="warn deferral-status">未批准：{{NOTE}}</p>{{/REJECTED}}
</section>
{{/DEFERRAL}}
<p class="muted">有疑问可以直接打电话给物业服务中心（见页面下方）。</p>
