{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/receipts">收据</a> › {{NUMBER}}</p>
{{#NEW}}<p class="ok card" role="status">收款成功，已开具收据 {{NUMBER}}。</p>{{/NEW}}
{{#DUP}}<p class="alert" role="status">这张表单已经提交过，没有重复收款。下面是当时开具的收据。</p>{{/DUP}}
{{#JUST_VOIDED}}<p class="ok card" role="status">收据已作废，款项已冲正。</p>{{/JUST_VOIDED}}
<section class="card receipt{{#VOIDED}} voided{{/VOIDED}}">
<h1>电子收据 <span class="number">{{NUMBER}}</span></h1>
{{#VOIDED}}<p class="badge tier-red" data-status="void">作废</p><p>作废原因：{{VOID_REASON}}（{{VOID_BY}}，{{VOIDED_AT}}）</p>{{/VOIDED}}
{{#REFUNDED}}<p class="refund" data-refund="refunded">已原路退款 ¥{{REFUND_AMOUNT}}（{{CHANNEL}}，{{REFUND_AT}}）</p>{{/REFUNDED}}
{{#REFUNDING}}<p class="refund" data-refund="requested">退款处理中：¥{{REFUND_AMOUNT}} 将原路退回（{{CHANNEL}}）</p>{{/REFUNDING}}
{{#REFUND_BY_HAND}}<p class="alert refund" data-refund="by-hand">这笔在线缴费没有支付订单记录，系统无法原路退款：请经理通过{{CHANNEL}}商户平台手工退还业主 ¥{{REFUND_AMOUNT}}。</p>{{/REFUND_BY_HAND}}
{{#REFUND_FAILED}}<p class="alert refund" data-refund="failed">原路退款未成功：{{REFUND_ERROR}}。请经理联系业主另行退款。</p>{{/REFUND_FAILED}}
<dl class="facts">
<div><dt>小区</dt><dd>{{ESTATE}}</dd></div>
<div><dt>房屋</dt><dd><a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a></dd></div>
<div><dt>缴款人</dt><dd>{{PAYER}}</dd></div>
<div class="long"><dt>缴费方式</dt><dd class="channel">{{CHANNEL_FULL}}</dd></div>
{{#ORDER}}<div class="long"><dt>商户订单号</dt><dd class="code otn">{{OUT_TRADE_NO}}</dd></div>{{/ORDER}}
{{#GATEWAY_TXN}}<div class="long"><dt>{{TXN_LABEL}}</dt><dd class="code txn">{{TXN}}</dd></div>{{/GATEWAY_TXN}}
<div><dt>{{TAKER_LABEL}}</dt><dd class="taker">{{COLLECTOR}}</dd></div>
<div><dt>开具时间</dt><dd>{{ISSUED_AT}}</dd></div>
<div><dt>金额</dt><dd class="amount big" data-amount="{{AMOUNT}}">¥{{AMOUNT}}</dd></div>
<div><dt>大写</dt><dd class="capital">{{CAPITAL}}</dd></div>
{{#HAS_VOUCHER}}<div><dt>POS 凭证号</dt><dd class="voucher">{{VOUCHER}}</dd></div>{{/HAS_VOUCHER}}
{{#HAS_TENDERED}}<div><dt>实收</dt><dd class="amount tendered">¥{{TENDERED}}</dd></div><div><dt>找零</dt><dd class="amount change">¥{{CHANGE}}</dd></div>{{/HAS_TENDERED}}
<div><dt>校验码</dt><dd class="code">{{CODE}}</dd></div>
</dl>
<p class="where-money">{{WHERE}}</p>
<p class="actions"><a class="button primary view" href="/staff/receipts/{{ID}}.pdf">查看 / 打印 PDF</a> <a class="button download" href="/staff/receipts/{{ID}}.pdf?download=1">下载 PDF</a></p>
{{#SEND}}<div class="send-receipt">
<h2>电子收据</h2>
{{#SENT_BY}}<ul class="sent-by">{{#MSG}}<li class="msg-state{{#MSG_FAILED}} warn{{/MSG_FAILED}}" data-status="{{MSG_CODE}}">{{MSG_CHANNEL}}：{{MSG_STATUS}}{{#MSG_WHY}}（{{MSG_WHY_TEXT}}）{{/MSG_WHY}}{{#MSG_LINK}} <a href="/staff/outbox/{{MSG_ID}}">查看</a>{{/MSG_LINK}}</li>{{/MSG}}</ul>
{{#NONE_SENT}}<p class="not-sent">自动发送没有成功：请复制下面的链接，用微信或短信发给业主，或当面打开。</p>{{/NONE_SENT}}
{{#SOME_SENT}}<p class="muted">也可以复制下面的链接发给业主。</p>{{/SOME_SENT}}{{/SENT_BY}}
{{#NOT_SENT}}<p class="not-sent">业主没有可用的接收渠道（短信、微信、App），系统<b>不会</b>自动发送。请复制下面的链接，用微信或短信发给业主，或当面打开：</p>{{/NOT_SENT}}
<p class="link"><input class="owner-url" id="owner-url" type="text" readonly value="{{OWNER_URL}}" aria-label="收据链接"> <button type="button" class="button" data-copy="owner-url" hidden>复制链接</button> <a class="button" href="{{OWNER_URL}}">打开</a></p>
<p class="muted">业主用手机号登录后即可下载这张收据。查验真伪（无需登录）：<a class="verify-url" href="{{VERIFY_URL}}">{{VERIFY_URL}}</a></p>
</div>
<script src="/static/copy.js"></script>{{/SEND}}
<table class="list lines">
<thead><tr><th>收费项目</th><th>所属期间</th><th>金额</th></tr></thead>
<tbody>
{{#LINE}}<tr><td data-label="项目">{{ITEM}}</td><td data-label="期间">{{PERIOD}}</td><td data-label="金额" class="amount">¥{{LINE_AMOUNT}}</td></tr>{{/LINE}}
{{#PREPAID}}<tr><td data-label="项目">预存款</td><td data-label="期间">抵扣以后的账单</td><td data-label="金额" class="amount">¥{{PREPAID_AMOUNT}}</td></tr>{{/PREPAID}}
</tbody>
</table>
<div class="owes-now">
{{#STILL_OWES}}<p>本户现在尚欠 <b class="amount owed-now">¥{{OWED_NOW}}</b>{{#STILL_OVERDUE}}，其中已逾期 <b class="amount overdue">¥{{OVERDUE_NOW}}</b>{{/STILL_OVERDUE}}。</p>{{/STILL_OWES}}
{{#PAID_UP}}<p class="owed-now paid-up">本户现在已无欠费。</p>{{/PAID_UP}}
{{#PREPAID_NOW}}<p>预存余额 <b class="amount">¥{{PREPAID_NOW_AMOUNT}}</b>，出账后自动抵扣。</p>{{/PREPAID_NOW}}
</div>
</section>
<div class="void-part">
{{#VOID_ALERT}}<p class="alert void-alert" role="alert">{{VOID_ALERT_TEXT}}</p>{{/VOID_ALERT}}
{{#JUST_ASKED}}<p class="ok card" role="status">作废申请已提交，等待组长或经理审批。</p>{{/JUST_ASKED}}
{{#JUST_REFUSED}}<p class="ok card" role="status">已驳回这份作废申请，收据仍然有效。</p>{{/JUST_REFUSED}}
{{#VOID_REQUEST}}
<section class="card void-request" data-request="{{VREQ_ID}}">
<h2>作废申请</h2>
<p>{{VREQ_BY}} 于 {{VREQ_AT}} 申请作废，原因：<b class="vreq-reason">{{VREQ_REASON}}</b></p>
{{#VREQ_MINE}}<p class="muted">这是您提出的申请，等待其他组长或经理审批。</p>{{/VREQ_MINE}}
{{#VREQ_WAITING}}<p class="muted">等待组长或经理审批。</p>{{/VREQ_WAITING}}
{{#VREQ_OWN_PAYMENT}}<p class="muted">{{OWN_WORDS}}，须由其他组长或经理审批。</p>{{/VREQ_OWN_PAYMENT}}
{{#VREQ_DECIDE}}
<p class="muted">批准后收据号保留并标注“作废”，款项以冲正记录退回，账单恢复为未缴。</p>
{{#REFUND_AUTO}}<p class="refund-note" data-refund="auto">这是{{CHANNEL}}在线缴费：批准后系统自动把 ¥{{REFUND_AMOUNT}} 原路退回业主的{{CHANNEL}}。</p>{{/REFUND_AUTO}}
{{#REFUND_MANUAL}}<p class="alert refund-note" data-refund="manual">这笔{{CHANNEL}}缴费没有支付订单记录：批准后系统<b>不会</b>自动退款，须经理手工退还业主 ¥{{REFUND_AMOUNT}}。</p>{{/REFUND_MANUAL}}
<form method="post" action="/staff/void-requests/{{VREQ_ID}}/approve" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{APPROVE_TOKEN}}">
<button type="submit" class="primary">批准作废</button>
</form>
<form method="post" action="/staff/void-requests/{{VREQ_ID}}/refuse" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{REFUSE_TOKEN}}">
<label for="reason">驳回原因</label>
<input id="reason" name="reason" maxlength="200" value="{{REASON_VAL}}">
<p class="err">{{REASON_ERR}}</p>
<button type="submit">驳回申请</button>
</form>
{{/VREQ_DECIDE}}
</section>
{{/VOID_REQUEST}}
{{#LAST_REFUSED}}<p class="muted card last-refused">上次的作废申请（{{REFUSED_ASKED}}）已被 {{REFUSED_BY}} 于 {{REFUSED_AT}} 驳回：{{REFUSED_WHY}}</p>{{/LAST_REFUSED}}
{{#OWN_PAYMENT}}<p class="muted card own-payment">{{OWN_WORDS}}，作废须由其他组长或经理审批。</p>{{/OWN_PAYMENT}}
{{#CAN_VOID}}
<section class="card">
<h2>作废收据</h2>
<p class="muted">作废后收据号保留并标注“作废”，款项以冲正记录退回，账单恢复为未缴。</p>
{{#REFUND_AUTO}}<p class="refund-note" data-refund="auto">这是{{CHANNEL}}在线缴费：作废后系统自动把 ¥{{REFUND_AMOUNT}} 原路退回业主的{{CHANNEL}}，无需手工退款。</p>{{/REFUND_AUTO}}
{{#REFUND_MANUAL}}<p class="alert refund-note" data-refund="manual">这笔{{CHANNEL}}缴费没有支付订单记录：作废后系统<b>不会</b>自动退款，须经理通过{{CHANNEL}}商户平台手工退还业主 ¥{{REFUND_AMOUNT}}。</p>{{/REFUND_MANUAL}}
<form method="post" action="/staff/receipts/{{ID}}/void" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="reason">作废原因</label>
<input id="reason" name="reason" maxlength="200" value="{{REASON_VAL}}">
<p class="err">{{REASON_ERR}}</p>
<button type="submit">作废这张收据</button>
</form>
</section>
{{/CAN_VOID}}
{{#CAN_ASK}}
<section class="card">
<h2>申请作废</h2>
<p class="muted">收错了款（金额、房屋或缴费方式有误）时，说明原因后提交，由组长或经理审批作废。</p>
<form method="post" action="/staff/receipts/{{ID}}/void-requests" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{ASK_TOKEN}}">
<label for="reason">作废原因</label>
<input id="reason" name="reason" maxlength="200" value="{{REASON_VAL}}">
<p class="err">{{REASON_ERR}}</p>
<button type="submit">提交作废申请</button>
</form>
</section>
{{/CAN_ASK}}
</div>
