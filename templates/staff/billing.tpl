{{%AUTOESCAPE context="HTML"}}
<h1>出账 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/billing" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#CAN_ALL}}<option value="0"{{#ALL_SELECTED}} selected{{/ALL_SELECTED}}>全部小区</option>{{/CAN_ALL}}{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="period">账期</label><input id="period" name="period" type="month" value="{{PERIOD_VAL}}"><p class="err">{{PERIOD_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">预览</button></div>
</form>
<p class="muted">住户按月出账；商铺按季度出账（季度第一个月出一张合并账单，物业费与租金分项列出）。抄表读数在出账时生成水电费账单。出账时会补齐此前漏出的账期；重复出账不会产生重复账单。</p>
{{#PREVIEW}}
<section class="card preview">
<h2>{{PERIOD}} 出账预览</h2>
<p>将生成 <b class="preview-bills">{{BILLS}}</b> 笔账单，合计 <b class="amount preview-amount">¥{{AMOUNT}}</b>（其中抄表账单 {{METER_BILLS}} 笔）。</p>
{{#EARLIER}}<p class="alert earlier" role="alert">此前有账期漏出账：<b class="earlier-bills">{{EARLIER_BILLS}}</b> 笔账单、<b class="amount">¥{{EARLIER_AMOUNT}}</b> 还没有生成（下表标“漏出账”的行），本次出账会一并补齐。</p>{{/EARLIER}}
<table class="list preview-lines">
<thead><tr><th>账期</th><th>房屋类型</th><th>账单数</th><th>金额</th></tr></thead>
<tbody>{{#LINE}}<tr{{#LINE_EARLIER}} class="earlier"{{/LINE_EARLIER}}><td data-label="账期">{{LINE_PERIOD}}{{#LINE_EARLIER}} <span class="badge tier-red">漏出账</span>{{/LINE_EARLIER}}</td><td data-label="类型">{{LINE_KIND}}</td><td data-label="账单数">{{LINE_BILLS}}</td><td data-label="金额" class="amount">¥{{LINE_AMOUNT}}</td></tr>{{/LINE}}</tbody>
</table>
{{#NOTHING}}<p class="ok">这个账期的账单都已生成，不需要再出账。</p>{{/NOTHING}}
{{#CAN_RUN}}
<form method="post" action="/staff/billing">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{RUN_TOKEN}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="period" value="{{PERIOD}}">
<button type="submit" class="primary">确认生成 {{PERIOD}} 账单</button>
</form>
{{/CAN_RUN}}
</section>
{{/PREVIEW}}
<section class="card">
<h2>最近的出账</h2>
<table class="list runs">
<thead><tr><th>账期</th><th>状态</th><th>账单数</th><th>金额</th><th>发起时间</th><th>发起人</th><th>电子账单</th></tr></thead>
<tbody>
{{#RUN}}<tr><td data-label="账期"><a href="/staff/billing/runs/{{RUN_ID}}">{{RUN_PERIOD}}</a></td><td data-label="状态">{{RUN_STATUS}}</td><td data-label="账单数">{{RUN_BILLS}}</td><td data-label="金额" class="amount">¥{{RUN_AMOUNT}}</td><td data-label="时间">{{RUN_AT}}</td><td data-label="发起人">{{RUN_BY}}</td><td data-label="电子账单" class="ebills"><span>{{#EB_NONE}}—{{/EB_NONE}}{{#EB_TOTAL}}{{#EB_STATE}}{{#SEP}} · {{/SEP}}<span class="eb-{{CODE}}" data-status="{{CODE}}">{{LABEL}} {{#LINKED}}<a href="{{URL}}">{{/LINKED}}<b class="n{{#WARN}} warn{{/WARN}}">{{N}}</b>{{#LINKED}}</a>{{/LINKED}}</span>{{/EB_STATE}}{{/EB_TOTAL}}</span></td></tr>{{/RUN}}
</tbody>
</table>
</section>
