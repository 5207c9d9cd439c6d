{{%AUTOESCAPE context="HTML"}}
<h1>您好，{{OWNER_NAME}}</h1>
<form method="post" action="/elder" class="elder-switch-bar">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="back" value="home">
{{#ELDER_ON}}<span class="elder-state">长辈模式已开启</span> <button type="submit" name="mode" value="off" class="link">关闭</button>{{/ELDER_ON}}
{{#ELDER_OFF}}<button type="submit" name="mode" value="on" class="link elder-on">开启长辈模式（大字）</button>{{/ELDER_OFF}}
</form>
{{#NO_PREMISES}}<p class="card">您名下还没有登记房屋，请联系物业服务中心。</p>{{/NO_PREMISES}}
{{#PREMISES}}
<section class="card premises" data-premises="{{ID}}">
<h2>{{LABEL}}</h2>
<p class="muted">{{ESTATE}} · {{OCCUPANCY}} · {{AREA}} ㎡</p>
{{#ELDER_OVERDUE}}<div class="elder-lead">
<p class="elder-owed">逾期未缴 <b class="amount">¥{{PASTDUE_AMOUNT}}</b></p>
<a class="button primary huge pay-overdue" href="/premises/{{ID}}/pay#one-tap">缴纳逾期</a>
<a class="button wide visit-book" href="/premises/{{ID}}/visit">预约上门收费</a>
</div>{{/ELDER_OVERDUE}}
{{#ELDER_CLEAR}}<div class="elder-lead">
<p class="elder-clear">目前没有逾期未缴的费用，不用缴费。</p>
<a class="button wide visit-book" href="/premises/{{ID}}/visit">预约上门收费</a>
</div>{{/ELDER_CLEAR}}
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
{{#HAS_CUSTODY}}<p class="more-links"><a href="/custody" class="custody-link">空置房托管：开窗通风、代收快递等服务记录和照片</a></p>{{/HAS_CUSTODY}}
<p class="more-links"><a href="/credits">服务置换：参加社区活动抵物业费的记录</a></p>
<p class="more-links"><a href="/deferrals">缓交申请：家里有困难一时交不上，可申请缓交</a></p>
