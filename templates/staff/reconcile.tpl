{{%AUTOESCAPE context="HTML"}}
<h1>网关对账 · {{ESTATE_NAME}}</h1>
<p class="muted">每天上午，系统自动向支付宝、微信支付和云闪付取回前一天的对账单，与本系统的收款和退款逐笔核对：网关已收款而本系统漏记的，自动补记入账（只记一次）；其余对不上的列出来请您核查。</p>
<form method="get" action="/staff/reconcile" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field actions"><button type="submit">切换</button></div>
</form>
{{#ASKED}}<p class="ok card" role="status">已开始对账，通常几秒钟内完成；请稍后刷新本页查看结果。</p>{{/ASKED}}
{{#REFUNDS_OPEN}}<section class="card alert refunds-open">
<h2>需要您处理的退款</h2>
<p>下列作废收据的钱没有原路退回业主：退款未成功的，请在商户平台查询这笔退款，确实没有退的，请联系业主另行退款；处理中超过一小时的，系统仍在向网关确认。网关对账单显示已退的，对账时会自动记为已退款。</p>
<table class="list">
<thead><tr><th>申请退款时间</th><th>收据</th><th>渠道</th><th>金额</th><th>状态</th></tr></thead>
<tbody>
{{#REFUND}}<tr data-refund="{{STATUS_CODE}}"><td data-label="申请时间">{{AT}}</td><td data-label="收据"><a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT_NUMBER}}</a><br><span class="muted small">订单号 {{OUT_TRADE_NO}}</span></td><td data-label="渠道">{{CHANNEL_LABEL}}</td><td data-label="金额" class="amount">¥{{AMOUNT}}</td><td data-label="状态">{{#FAILED}}<b>退款未成功</b>：{{ERROR}}{{/FAILED}}{{#WAITING}}处理中，网关尚未确认{{/WAITING}}</td></tr>{{/REFUND}}
</tbody>
</table>
</section>{{/REFUNDS_OPEN}}
{{#DOUBLES}}<section class="card alert doubles">
<h2>可能重复缴费</h2>
<p>下列在线缴费到账时，订单上的账单已经全部或部分另行缴清（柜台收了现金，或业主取消订单后仍在旧的付款页面付了款）：钱已按规则用于本户其他账单或转入预存余额，没有丢。业主要退款的，打开收据申请作废，批准后原路退回。</p>
<table class="list">
<thead><tr><th>到账时间</th><th>收据</th><th>渠道</th><th>金额</th><th>重复部分</th></tr></thead>
<tbody>
{{#DOUBLE}}<tr data-double="{{OUT_TRADE_NO}}"><td data-label="到账时间">{{AT}}</td><td data-label="收据"><a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT_NUMBER}}</a><br><span class="muted small">订单号 {{OUT_TRADE_NO}}</span></td><td data-label="渠道">{{CHANNEL_LABEL}}</td><td data-label="金额" class="amount">¥{{AMOUNT}}</td><td data-label="重复部分" class="amount">¥{{ELSEWHERE}}</td></tr>{{/DOUBLE}}
</tbody>
</table>
</section>{{/DOUBLES}}
{{#NO_ACCOUNTS}}<p class="card">本小区还没有开通线上支付（没有商户号），无需对账。</p>{{/NO_ACCOUNTS}}
<form method="post" action="/staff/reconcile" class="form card reconcile-ask">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<h2>核对某一天</h2>
<p class="muted">网关的对账单在次日上午生成；某天的对账单迟到或需要重新核对时，在这里再对一次。</p>
<label for="day">对账日期</label>
<input id="day" name="day" type="date" max="{{DAY_MAX}}" value="{{DAY_VAL}}"{{#DAY_FOCUS}} autofocus{{/DAY_FOCUS}}><p class="err">{{DAY_ERR}}</p>
<label for="channel">支付渠道</label>
<select id="channel" name="channel"><option value="">全部渠道</option>{{#CHANNEL}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHANNEL}}</select><p class="err">{{CHANNEL_ERR}}</p>
<button type="submit" class="primary wide">开始对账</button>
</form>
{{#NONE}}<p class="card">还没有对账记录。</p>{{/NONE}}
<table class="list statements">
<thead><tr><th>日期</th><th>渠道</th><th>状态</th><th>网关收款</th><th>网关退款</th><th>一致</th><th>补记入账</th><th>需核查</th><th></th></tr></thead>
<tbody>
{{#STATEMENT}}<tr data-statement="{{ID}}" data-status="{{STATUS_CODE}}"><td data-label="日期">{{DAY}}</td><td data-label="渠道">{{CHANNEL_LABEL}}</td><td data-label="状态">{{STATUS}}{{#DONE}}{{#TO_CHECK}} <span class="badge tier-red">有差异</span>{{/TO_CHECK}}{{/DONE}}{{#NOT_DONE}}<span class="muted small"> {{ERROR}}</span>{{/NOT_DONE}}</td>
<td data-label="网关收款">{{#DONE}}{{PAYS}} 笔 <span class="amount">¥{{PAY_AMOUNT}}</span>{{/DONE}}</td>
<td data-label="网关退款">{{#DONE}}{{REFUNDS}} 笔 <span class="amount">¥{{REFUND_AMOUNT}}</span>{{/DONE}}</td>
<td data-label="一致" class="matched">{{#DONE}}{{MATCHED}}{{/DONE}}</td>
<td data-label="补记入账" class="credited">{{#DONE}}{{CREDITED}}{{/DONE}}</td>
<td data-label="需核查" class="to-check">{{#DONE}}{{#TO_CHECK}}<b>{{/TO_CHECK}}仅网关有 {{GATEWAY_ONLY}} · 仅本系统有 {{LEDGER_ONLY}} · 金额不符 {{DIFFERS}}{{#TO_CHECK}}</b>{{/TO_CHECK}}{{/DONE}}</td>
<td><a href="/staff/reconcile/{{ID}}">查看明细</a></td></tr>{{/STATEMENT}}
</tbody>
</table>
