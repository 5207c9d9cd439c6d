{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a> › 账单</p>
{{#JUST_WAIVED}}<p class="ok card" role="status">已减免。</p>{{/JUST_WAIVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<section class="card">
<h1>{{PERIOD}} {{ITEM}}</h1>
{{#LATE_OF}}<p class="late-of" data-late-of="{{LATE_OF_ID}}">滞纳金：<a href="/staff/bills/{{LATE_OF_ID}}">{{LATE_OF_PERIOD}} {{LATE_OF_ITEM}}</a>逾期未缴产生，单独出账，不计入本金；可以减免。</p>{{/LATE_OF}}
<p class="badge status-{{STATUS_KEY}}" data-status="{{STATUS_KEY}}">{{STATUS}}</p>
<dl class="facts">
<div><dt>房屋</dt><dd>{{PREMISES}}</dd></div>
<div><dt>应缴</dt><dd class="amount">¥{{AMOUNT}}</dd></div>
<div><dt>已缴</dt><dd class="amount">¥{{PAID}}</dd></div>
<div><dt>尚欠</dt><dd class="amount remaining">¥{{REMAINING}}</dd></div>
<div><dt>截止日期</dt><dd>{{DUE}}</dd></div>
<div><dt>出账时间</dt><dd>{{CREATED}}</dd></div>
</dl>
{{#WAIVED}}<p>已减免 ¥{{WAIVED_AMOUNT}}：{{WAIVE_REASON}}（{{WAIVED_BY}}，{{WAIVED_AT}}）</p>{{/WAIVED}}
</section>
<section class="card">
<h2>冲抵记录</h2>
<table class="list">
<thead><tr><th>时间</th><th>来源</th><th>方式</th><th>金额</th><th>收据</th></tr></thead>
<tbody>
{{#ALLOC}}<tr><td data-label="时间">{{AT}}</td><td data-label="来源">{{SOURCE}}</td><td data-label="方式">{{CHANNEL}}</td><td data-label="金额" class="amount">{{ALLOC_AMOUNT}}</td><td data-label="收据"><a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT}}</a></td></tr>{{/ALLOC}}
</tbody>
</table>
</section>
{{#CAN_WAIVE}}
<section class="card">
<h2>减免</h2>
<p class="muted">尚欠 ¥{{REMAINING}}，可全部或部分减免（每笔账单减免一次）。减免会留下记录，不会修改账单金额。</p>
<form method="post" action="/staff/bills/{{ID}}/waive" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="reason">减免原因</label>
<input id="reason" name="reason" maxlength="200" value="{{REASON_VAL}}">
<p class="err">{{REASON_ERR}}</p>
<label for="waive_amount">减免金额（元；不填则减免全部尚欠 ¥{{REMAINING}}）</label>
<input id="waive_amount" name="waive_amount" inputmode="decimal" value="{{WAIVE_AMOUNT_VAL}}">
<p class="err">{{WAIVE_AMOUNT_ERR}}</p>
<button type="submit">减免</button>
</form>
</section>
{{/CAN_WAIVE}}
