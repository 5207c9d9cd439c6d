{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › 支付订单</p>
<section class="card pay-result">
<h1>支付订单</h1>
{{#MESSAGE}}<p class="alert" role="alert">{{MESSAGE_TEXT}}</p>{{/MESSAGE}}
<dl class="facts">
<div><dt>订单号</dt><dd class="otn">{{OUT_TRADE_NO}}</dd></div>
<div><dt>房屋</dt><dd class="premises">{{PREMISES}}</dd></div>
{{#WHAT}}<div><dt>缴费内容</dt><dd class="what">{{WHAT_TEXT}}</dd></div>{{/WHAT}}
<div><dt>金额</dt><dd class="amount">¥{{AMOUNT}}</dd></div>
<div><dt>支付方式</dt><dd>{{CHANNEL}}</dd></div>
{{#INSTALMENTS}}<div><dt>分期</dt><dd class="plan">{{PLAN}} 期，手续费{{FEE_PAYER}}</dd></div>{{/INSTALMENTS}}
</dl>
{{#PAID}}<div class="ok paid" role="status">
<p><b>支付成功，谢谢您！</b></p>
<p>电子收据号 <b class="receipt-number">{{RECEIPT_NUMBER}}</b></p>
<p class="where-money">{{WHERE}}</p>
{{#OWES_NOW}}<p class="owes-now">本户现在还有 <b class="amount owed-now">¥{{OWED_NOW}}</b> 未缴{{#OVERDUE_NOW}}，其中逾期 <span class="amount">¥{{OVERDUE_NOW_FEN}}</span>{{/OVERDUE_NOW}}。<a href="/premises/{{PREMISES_ID}}/bills?status=unpaid">查看待缴账单</a></p>{{/OWES_NOW}}
{{#PAID_UP}}<p class="owes-now paid-up"><b>本户费用已全部缴清。</b></p>{{/PAID_UP}}
{{#PREPAID_NOW}}<p class="prepaid-now">预存余额 <span class="amount">¥{{PREPAID_NOW_FEN}}</span>，出账后自动抵扣。</p>{{/PREPAID_NOW}}
<div class="buttons"><a class="button primary" href="/receipts/{{RECEIPT_ID}}.pdf?download=1">下载收据</a>
<a class="button" href="/receipts/{{RECEIPT_ID}}.pdf">查看/打印</a></div>
</div>{{/PAID}}
{{#REFUNDED}}<div class="refund" data-refund="refunded" role="status">
<p><b>已原路退款</b>：¥{{REFUND_AMOUNT}} 已退回您的{{CHANNEL}}（{{REFUND_AT}}）。这笔缴费的收据 {{RECEIPT_NUMBER}} 已作废。</p>
</div>{{/REFUNDED}}
{{#REFUNDING}}<div class="refund" data-refund="requested" role="status">
<p><b>退款处理中</b>：收据 {{RECEIPT_NUMBER}} 已作废，¥{{REFUND_AMOUNT}} 将原路退回您的{{CHANNEL}}，无需您操作。</p>
</div>{{/REFUNDING}}
{{#REFUND_FAILED}}<div class="alert refund" data-refund="failed" role="status">
<p><b>原路退款没有成功</b>：收据 {{RECEIPT_NUMBER}} 已作废，¥{{REFUND_AMOUNT}} 由物业服务中心另行退还给您，请留意他们的电话。</p>
</div>{{/REFUND_FAILED}}
{{#CREATED}}<div class="created">
<p class="expires">请在 <b>{{EXPIRES_HM}}</b> 前完成支付（15 分钟内有效）。</p>
<div class="buttons"><a class="button primary go" href="/pay/{{OUT_TRADE_NO}}/go">前往{{CHANNEL}}付款 ¥{{AMOUNT}}</a></div>
</div>{{/CREATED}}
{{#WAITING}}<div class="waiting" role="status">
<p><b>正在确认支付结果……</b></p>
<p class="muted">收到支付平台的确认后，本页会自动显示电子收据。如果您已经付款，请不要重复支付。</p>
<p class="not-paid">如果您在付款页面点了“取消”，或银行卡被拒，就没有付款：请点下面的“取消订单，换一种方式支付”。</p>
<div class="buttons"><a class="button refresh" href="/pay/{{OUT_TRADE_NO}}">刷新</a>
<a class="button go" href="/pay/{{OUT_TRADE_NO}}/go">还没付款？回到{{CHANNEL}}</a></div>
</div>{{/WAITING}}
{{#CANCEL}}<form method="post" action="/pay/{{OUT_TRADE_NO}}/cancel" class="pay-cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="buttons"><button type="submit" class="cancel">取消订单，换一种方式支付</button></div>
<p class="muted">在支付页面点了“取消”、银行卡被拒，或想换一种方式：先取消这笔订单，账单马上释放。</p>
</form>{{/CANCEL}}
{{#CANCELLED}}<div class="cancelled {{#SURE}}ok{{/SURE}}{{#STILL_PAYABLE}}alert{{/STILL_PAYABLE}}" role="status">
<p><b>您已取消这笔订单{{#SURE}}，没有扣款{{/SURE}}。</b></p>
{{#STILL_PAYABLE}}<p class="still-payable">请关掉刚才的{{CHANNEL}}付款页面，<b>不要在上面付款</b>：它在 <b>{{PAYABLE_HM}}</b> 前仍可能付款成功。万一付了，钱不会丢：自动入账，多付的转入预存余额，可找物业服务中心退款。</p>{{/STILL_PAYABLE}}
<div class="buttons"><a class="button primary" href="/premises/{{PREMISES_ID}}/pay?cancelled={{OUT_TRADE_NO}}">换一种方式支付</a></div>
</div>{{/CANCELLED}}
{{#SETTLED}}<div class="settled {{#SURE}}ok{{/SURE}}{{#STILL_PAYABLE}}alert{{/STILL_PAYABLE}}" role="status">
<p><b>这笔订单的账单已另行缴清（在物业服务中心或另一笔缴费），订单已关闭{{#SURE}}，没有扣款{{/SURE}}。</b></p>
{{#STILL_PAYABLE}}<p class="still-payable">请不要再在{{CHANNEL}}付款页面上付款：它在 <b>{{PAYABLE_HM}}</b> 前仍可能付款成功。万一付了，钱不会丢：自动入账，多付的转入预存余额，可找物业服务中心退款。</p>{{/STILL_PAYABLE}}
<div class="buttons"><a class="button" href="/premises/{{PREMISES_ID}}/bills">查看账单</a></div>
</div>{{/SETTLED}}
{{#CONFIRMING}}<div class="alert waiting" role="status">
<p><b>正在向{{CHANNEL}}确认这笔订单是否已付款……</b></p>
<p>请不要再次支付。页面会自动刷新，确认后这里会显示收据或结果。</p>
<p class="muted">如果几分钟后仍在确认，请拨打物业服务中心电话核实。</p>
</div>{{/CONFIRMING}}
{{#EXPIRED}}<div class="alert expired" role="alert">
<p><b>订单已过期，没有收到付款。</b></p>
<p class="muted">如果您的账户已被扣款，请不要再次支付，拨打物业服务中心电话核实。</p>
<div class="buttons"><a class="button primary" href="/premises/{{PREMISES_ID}}/pay">重新缴费</a></div>
</div>{{/EXPIRED}}
</section>
<p><a href="/premises/{{PREMISES_ID}}/bills?status=unpaid">返回待缴账单</a></p>
