{{%AUTOESCAPE context="HTML"}}
<h1>{{CHANNEL_LABEL}}对账单 · {{DAY}}</h1>
<p><a href="/staff/reconcile?estate={{ESTATE_ID}}">← 返回网关对账</a></p>
<section class="card">
<p>{{ESTATE_NAME}} · 状态：<b class="statement-status">{{STATUS}}</b>{{#DONE}} · 核对于 {{DONE_AT}}{{/DONE}}</p>
{{#HAS_ERROR}}<p class="alert">未能取得对账单：{{ERROR}}。系统会自动再试；也可以回到上一页重新对账。</p>{{/HAS_ERROR}}
{{#DONE}}<dl class="facts">
<div><dt>网关收款</dt><dd>{{PAYS}} 笔 <span class="amount">¥{{PAY_AMOUNT}}</span></dd></div>
<div><dt>网关退款</dt><dd>{{REFUNDS}} 笔 <span class="amount">¥{{REFUND_AMOUNT}}</span></dd></div>
<div><dt>一致</dt><dd class="matched">{{MATCHED}}</dd></div>
<div><dt>网关已收款、已补记入账</dt><dd class="credited">{{CREDITED}}</dd></div>
<div><dt>仅网关有</dt><dd class="gateway-only">{{GATEWAY_ONLY}}</dd></div>
<div><dt>仅本系统有</dt><dd class="ledger-only">{{LEDGER_ONLY}}</dd></div>
<div><dt>金额不符</dt><dd class="differs">{{DIFFERS}}</dd></div>
</dl>
{{#ALL_MATCH}}<p class="ok">本日网关与本系统逐笔一致，无需处理。</p>{{/ALL_MATCH}}
{{#TO_CHECK}}<p class="alert">有对不上的记录，请逐笔核查：可在“收据”中按订单号查找，或联系网关客服核对。</p>{{/TO_CHECK}}{{/DONE}}
</section>
<table class="list statement-lines">
<thead><tr><th>时间</th><th>类型</th><th>商户订单号</th><th>网关金额</th><th>本系统金额</th><th>核对结果</th><th>收据</th></tr></thead>
<tbody>
{{#LINE}}<tr data-result="{{RESULT}}"><td data-label="时间">{{AT}}</td><td data-label="类型">{{KIND}}</td><td data-label="订单号" class="otn">{{OUT_TRADE_NO}}{{#REFUND_NO}}<br><span class="muted small">退款单号 {{OUT_REFUND_NO}}</span>{{/REFUND_NO}}</td><td data-label="网关金额" class="amount">{{GATEWAY_AMOUNT}}</td><td data-label="本系统金额" class="amount">{{LEDGER_AMOUNT}}</td><td data-label="核对结果"><b>{{RESULT_LABEL}}</b></td><td data-label="收据">{{#RECEIPT}}<a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT_NUMBER}}</a>{{/RECEIPT}}</td></tr>{{/LINE}}
</tbody>
</table>
<details class="card matched-lines"><summary>逐笔一致的记录</summary>
<table class="list">
<tbody>
{{#MATCHED_LINE}}<tr data-result="{{RESULT}}"><td data-label="时间">{{AT}}</td><td data-label="类型">{{KIND}}</td><td data-label="订单号" class="otn">{{OUT_TRADE_NO}}</td><td data-label="金额" class="amount">{{GATEWAY_AMOUNT}}</td><td data-label="收据">{{#RECEIPT}}<a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT_NUMBER}}</a>{{/RECEIPT}}</td></tr>{{/MATCHED_LINE}}
</tbody>
</table>
</details>
