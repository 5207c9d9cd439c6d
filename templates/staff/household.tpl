{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households?estate={{ESTATE_ID}}">收费台账</a> › {{LABEL}}</p>
<h1>{{LABEL}}</h1>
<p class="muted">{{ESTATE}} · {{OCCUPANCY}} · {{FLOOR}} 层 · {{AREA}} ㎡</p>
<p class="actions">
{{#CAN_PAY}}<a class="button primary" href="/staff/households/{{ID}}/pay">收款</a>{{/CAN_PAY}}
{{#CAN_CASE}}<a class="button" href="/staff/households/{{ID}}/case">一户一策</a>{{/CAN_CASE}}
{{#CAN_LOG_CREDIT}}<a class="button" href="/staff/households/{{ID}}/credits/new">登记服务置换</a>{{/CAN_LOG_CREDIT}}
{{#CAN_LOG_DEFERRAL}}<a class="button log-deferral" href="/staff/households/{{ID}}/deferrals/new">登记缓交申请</a>{{/CAN_LOG_DEFERRAL}}
{{#CAN_LOG_REQUEST}}<a class="button" href="/staff/households/{{ID}}/requests/new">报事报修</a>{{/CAN_LOG_REQUEST}}
{{#CAN_LOG_ENQUIRY}}<a class="button" href="/staff/households/{{ID}}/enquiries/new">登记咨询异议</a>{{/CAN_LOG_ENQUIRY}}
{{#CAN_CUSTODY}}<a class="button" href="/staff/households/{{ID}}/custody">空置房托管</a>{{/CAN_CUSTODY}}
{{#CAN_SEE_ENQUIRIES}}<a class="button" href="/staff/enquiries?estate={{ESTATE_ID}}&amp;premises={{ID}}">本户咨询异议</a>{{/CAN_SEE_ENQUIRIES}}
</p>
<section class="card account">
<h2>账户</h2>
<dl class="figures">
<div><dt>待缴合计</dt><dd class="amount big owed">¥{{OWED}}</dd></div>
<div><dt>逾期欠费</dt><dd class="amount overdue">¥{{OVERDUE}}</dd></div>
<div><dt>逾期月数</dt><dd class="months">{{MONTHS}}</dd></div>
<div><dt>预警等级</dt><dd>{{#DEFERRED}}<span class="badge deferred" data-tier="deferred">缓交中，至 {{DEFERRED_UNTIL}}</span>{{/DEFERRED}}{{#HAS_TIER}}<span class="badge tier-{{TIER_KEY}}" data-tier="{{TIER_KEY}}">{{TIER_LABEL}}</span>{{/HAS_TIER}}{{#NO_TIER}}<span class="muted" data-tier="none">无</span>{{/NO_TIER}}</dd></div>
<div><dt>预存余额</dt><dd class="amount prepaid">¥{{PREPAID}}</dd></div>
<div><dt>下次截止</dt><dd>{{NEXT_DUE}}</dd></div>
</dl>
</section>
<section class="card">
<h2>业主</h2>
<ul class="plain owners">
{{#OWNER}}<li><b class="owner-name">{{NAME}}</b>{{#PRIMARY}}（产权人）{{/PRIMARY}} · {{#TEL}}<a href="tel:{{PHONE}}">{{/TEL}}<span class="phone">{{PHONE}}</span>{{#TEL}}</a>{{/TEL}}{{#HAS_AGE}} · {{AGE}} 岁{{/HAS_AGE}}{{#OVER_80}} <span class="badge elder">80岁以上</span>{{/OVER_80}} · 通知：<span class="channels-chosen">{{CHANNELS}}</span>{{#CAN_MSG}} <a class="owner-msg" href="/staff/households/{{HH_ID}}/owners/{{OWNER_ID}}/messages">接收设置</a>{{/CAN_MSG}}</li>{{/OWNER}}
</ul>
</section>
<section class="card">
<h2>账单</h2>
<p class="tabs">
<a href="/staff/households/{{ID}}?status=unpaid"{{#FILTER_UNPAID}} aria-current="page"{{/FILTER_UNPAID}}>未缴</a>
<a href="/staff/households/{{ID}}"{{#FILTER_ALL}} aria-current="page"{{/FILTER_ALL}}>全部</a>
</p>
{{#NO_BILLS}}<p>没有账单。</p>{{/NO_BILLS}}
<table class="list bills">
<thead><tr><th>账期</th><th>项目</th><th>应缴</th><th>已缴</th><th>尚欠</th><th>状态</th><th>截止日期</th></tr></thead>
<tbody>
{{#BILL}}<tr class="status-{{STATUS_KEY}}"><td data-label="账期"><a href="/staff/bills/{{BILL_ID}}">{{PERIOD}}</a></td><td data-label="项目">{{ITEM}}{{#LATE_FEE}}<small class="late-of">（{{LATE_OF}}）</small>{{/LATE_FEE}}</td><td data-label="应缴" class="amount">¥{{AMOUNT}}</td><td data-label="已缴" class="amount">¥{{PAID}}</td><td data-label="尚欠" class="amount owed">¥{{OWED}}</td><td data-label="状态">{{STATUS}}{{#BILL_WAIVED}}<span class="waived">（已减免 ¥{{WAIVED}}）</span>{{/BILL_WAIVED}}</td><td data-label="截止">{{DUE}}</td></tr>{{/BILL}}
</tbody>
</table>
{{>PAGER}}
</section>
<section class="card">
<h2>最近缴费</h2>
<table class="list payments">
<thead><tr><th>时间</th><th>金额</th><th>方式</th><th>缴款人</th><th>收据号</th><th>收费员</th></tr></thead>
<tbody>
{{#PAYMENT}}<tr><td data-label="时间">{{DATE}}</td><td data-label="金额" class="amount">{{AMOUNT}}</td><td data-label="方式">{{CHANNEL}}</td><td data-label="缴款人">{{PAYER}}</td><td data-label="收据号">{{#HAS_RECEIPT}}<a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT}}</a>{{/HAS_RECEIPT}}{{#VOIDED}} <span class="badge tier-red">作废</span>{{/VOIDED}}{{#REVERSAL}}冲正{{/REVERSAL}}</td><td data-label="收费员">{{COLLECTOR}}</td></tr>{{/PAYMENT}}
</tbody>
</table>
</section>
