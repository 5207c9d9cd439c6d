{{%AUTOESCAPE context="HTML"}}
<h1>欠费预警 · {{ESTATE_NAME}}</h1>
{{#RQ_LATE}}<p class="alert rq-late" role="status"><a href="/staff/requests?estate={{ESTATE_ID}}&amp;late=1">报事报修有 <b class="rq-late-n">{{RQ_LATE_N}}</b> 件超时</a>，请督促处理。</p>{{/RQ_LATE}}
{{#VISITS_OPEN}}<p class="alert visits-open" role="status"><a href="/staff/arrears/visits?estate={{ESTATE_ID}}">上门预约：<b class="visits-open-n">{{VISITS_OPEN_N}}</b> 户业主预约了上门收费{{#VISITS_MINE}}（您的住户）{{/VISITS_MINE}}</a></p>{{/VISITS_OPEN}}
{{#REPORT_LATE}}<p class="alert report-late" role="status"><a href="/staff/reports/{{REPORT_ID}}">{{REPORT_MONTH}}服务月报逾期未发布</a>（应于 {{REPORT_DUE}} 前发布给业主）。</p>{{/REPORT_LATE}}
<section class="tiers" aria-label="三级预警">
{{#TIER}}<a class="tier tier-{{TIER_KEY}}" href="{{TIER_URL}}" data-tier="{{TIER_KEY}}"><span class="tier-name">{{TIER_LABEL}}预警</span> <b class="tier-count">{{TIER_COUNT}}</b> 户 <span class="tier-owed">¥{{TIER_OWED}}</span></a>{{/TIER}}
</section>
<details class="deferred card"><summary>缓交中 <b class="deferred-count">{{DEFERRED_N}}</b> 户（经理批准的缓交期内，不计预警、不催缴）</summary>
<ul class="plain deferred-list">
{{#DEFERRED}}<li data-premises="{{ID}}"><a href="/staff/households/{{ID}}">{{LABEL}}</a> · {{OWNER}} · 缓交 <span class="amount">¥{{OWED}}</span> · 至 <b class="deferred-until">{{UNTIL}}</b></li>
{{/DEFERRED}}</ul>
<p class="muted"><a href="/staff/deferrals?estate={{ESTATE_ID}}">全部缓交申请</a></p>
</details>
<p class="alerts">红色户中 <a href="{{NOCASE_URL}}"><b class="red-nocase">{{RED_NOCASE}}</b> 户还没有一户一策档案</a>，<a href="{{STALE_URL}}"><b class="red-stale">{{RED_STALE}}</b> 户 30 天内没有联系</a>。 <a href="/staff/arrears/elders?estate={{ESTATE_ID}}">80岁以上业主上门名单</a> <a href="/staff/arrears/visits?estate={{ESTATE_ID}}" class="visits-link">上门预约</a></p>
{{#IS_COLLECTOR}}<p class="tabs"><a href="{{MINE_URL}}"{{#MINE}} aria-current="page"{{/MINE}}>我的名单</a><a href="{{ALL_URL}}"{{#EVERYONE}} aria-current="page"{{/EVERYONE}}>全部</a></p>{{/IS_COLLECTOR}}
<form method="get" action="/staff/arrears" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#CAN_ALL}}<option value="0"{{#ALL_SELECTED}} selected{{/ALL_SELECTED}}>全部小区</option>{{/CAN_ALL}}{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="tier">预警等级</label>
<select id="tier" name="tier"><option value="">全部</option>{{#TIER_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TIER_OPT}}</select><p class="err">{{TIER_ERR}}</p></div>
<div class="field"><label for="building">楼栋</label>
<select id="building" name="building"><option value="">全部</option>{{#BUILDING_OPT}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/BUILDING_OPT}}</select><p class="err">{{BUILDING_ERR}}</p></div>
<div class="field"><label for="occupancy">类型</label>
<select id="occupancy" name="occupancy"><option value="">全部</option>{{#OCC_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OCC_OPT}}</select><p class="err">{{OCCUPANCY_ERR}}</p></div>
<div class="field"><label for="collector">收费员</label>
<select id="collector" name="collector"><option value="">全部</option><option value="0"{{#UNASSIGNED_SELECTED}} selected{{/UNASSIGNED_SELECTED}}>未分配</option>{{#COLLECTOR_OPT}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/COLLECTOR_OPT}}</select><p class="err">{{COLLECTOR_ERR}}</p></div>
<div class="field"><label for="sort">排序</label>
<select id="sort" name="sort"><option value="amount"{{#SORT_AMOUNT}} selected{{/SORT_AMOUNT}}>按欠费金额</option><option value="months"{{#SORT_MONTHS}} selected{{/SORT_MONTHS}}>按逾期月数</option></select></div>
<div class="field"><label class="inline"><input type="checkbox" name="elder" value="1"{{#ELDER_CHECKED}} checked{{/ELDER_CHECKED}}> 只看80岁以上业主</label></div>
<div class="field actions"><button type="submit" class="primary">查询</button> <a class="button" href="{{CSV_URL}}">导出 CSV</a></div>
</form>
{{#HAS_ERRORS}}<p class="alert" role="alert">查询条件有误，请按提示修改。</p>{{/HAS_ERRORS}}
{{#NONE}}<p class="card">没有符合条件的欠费住户。</p>{{/NONE}}
<form method="post" action="/staff/arrears/assign" class="board">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
{{#CAN_ASSIGN}}<input type="hidden" name="back" value="{{BACK}}">{{#FILTER}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">{{/FILTER}}{{/CAN_ASSIGN}}
{{#ASSIGN_ALERT}}<p class="alert assign-alert" role="alert">{{ASSIGN_ALERT_TEXT}}</p>{{/ASSIGN_ALERT}}
{{#ASSIGNED}}<p class="ok card assigned" role="status">{{ASSIGNED_TEXT}}</p>{{/ASSIGNED}}
<table class="list arrears">
<thead><tr>{{#CAN_ASSIGN}}<th>选</th>{{/CAN_ASSIGN}}<th>房屋</th><th>业主</th><th>电话</th><th>类型</th><th>逾期</th><th>欠费</th><th>预警</th><th>收费员</th><th>跟进</th></tr></thead>
<tbody>
{{#ROW}}<tr data-premises="{{ID}}" data-tier="{{TIER_KEY}}">{{#PICK}}<td data-label="选" class="pick"><input type="checkbox" name="premises" value="{{ID}}" aria-label="选择 {{LABEL}}"></td>{{/PICK}}<td data-label="房屋" class="house"><a href="/staff/households/{{ID}}">{{LABEL}}</a></td><td data-label="业主">{{OWNERS}}{{#ELDER}} <span class="badge elder">80+</span>{{/ELDER}}</td><td data-label="电话" class="phones">{{PHONES}}</td><td data-label="类型" class="occ">{{OCCUPANCY}}</td><td data-label="逾期" data-months="{{MONTHS_N}}" class="months">{{MONTHS}}</td><td data-label="欠费" class="amount">¥{{OWED}}</td><td data-label="预警"><span class="badge tier-{{TIER_KEY}}">{{TIER_LABEL}}</span></td><td data-label="收费员" class="collector">{{COLLECTOR}}</td><td data-label="跟进">{{#CASE}}<a href="/staff/households/{{ID}}/case">{{#HAS_CASE}}档案{{/HAS_CASE}}{{#NOCASE}}<span class="warn">无档案</span>{{/NOCASE}}</a>{{/CASE}}{{#STALE}} <span class="warn">30天未联系</span>{{/STALE}} {{LAST_CONTACT}}</td></tr>{{/ROW}}
</tbody>
</table>
{{#CAN_ASSIGN}}
<div class="actions assign">
<label for="to">把勾选的住户分配给</label>
<select id="to" name="to"><option value="0">（取消分配）</option>{{#ASSIGN_OPT}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ASSIGN_OPT}}</select>
<button type="submit">分配</button>
</div>
{{/CAN_ASSIGN}}
</form>
{{>PAGER}}
