{{%AUTOESCAPE context="HTML"}}
<h1>您好，{{OWNER_NAME}}</h1>
{{#NO_PREMISES}}<p class="card">您名下还没有登记房屋，请联系物业服务中心。</p>{{/NO_PREMISES}}
{{#PREMISES}}
<section class="card premises" data-premises="{{ID}}">
<h2>{{LABEL}}</h2>
<p class="muted">{{ESTATE}} · {{OCCUPANCY}} · {{AREA}} ㎡</p>
{{#PASTDUE}}
<div class="pastdue" role="alert">
<p class="pastdue-sum">逾期未缴 <span class="amount overdue-amount">¥{{PASTDUE_AMOUNT}}</span></p>
<p class="pastdue-months">已逾期 <b>{{PASTDUE_MONTHS}}</b>（最早一笔 {{PASTDUE_SINCE}} 到期，共 <span class="pastdue-periods">{{PASTDUE_PERIODS}}</span> 期账单逾期未缴）</p>
<p class="pastdue-ask">请尽快缴纳</p>
</div>
{{/PASTDUE}}
<dl class="figures">
<div><dt>待缴金额（合计）</dt><dd class="amount big owed">¥{{OWED}}</dd></div>
<div><dt>下次缴费截止</dt><dd class="next-due">{{NEXT_DUE}}</dd></div>
</dl>
{{#PREPAID}}<p class="prepaid">预存余额 ¥{{PREPAID_AMOUNT}}{{#PREPAID_UNTIL}}，约可抵扣至 {{UNTIL}}{{/PREPAID_UNTIL}}{{#PREPAID_SHORT}}，不足抵扣一个月的费用{{/PREPAID_SHORT}}</p>{{/PREPAID}}
{{#ALL_PAID}}<p class="ok">费用已全部缴清，谢谢您！</p>{{/ALL_PAID}}
<p class="actions">
{{#PAY_OVERDUE}}<a class="button primary pay" href="/premises/{{ID}}/pay">缴纳逾期</a>{{/PAY_OVERDUE}}
{{#PAY_ONLINE}}<a class="button primary pay" href="/premises/{{ID}}/pay">在线缴费</a>{{/PAY_ONLINE}}
<a class="button" href="/premises/{{ID}}/bills?status=unpaid">待缴账单</a>
<a class="button" href="/premises/{{ID}}/bills">全部账单</a>
</p>
</section>
{{/PREMISES}}
<p class="more-links"><a href="/reports" class="reports-link">服务月报：每月保洁、绿化、维修和报修处理情况{{#LATEST_REPORT}}（{{LATEST_MONTH}}已发布）{{/LATEST_REPORT}}</a></p>
<p class="more-links"><a href="/credits">服务置换：参加社区活动抵物业费的记录</a></p>
<p class="more-links"><a href="/deferrals">缓交申请：家里有困难一时交不上，可申请缓交</a></p>
