{{%AUTOESCAPE context="HTML"}}
<h1>收费指标 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/kpi" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="from">开始日期</label><input id="from" name="from" type="date" value="{{FROM_VAL}}"><p class="err">{{FROM_ERR}}</p></div>
<div class="field"><label for="to">结束日期</label><input id="to" name="to" type="date" value="{{TO_VAL}}"><p class="err">{{TO_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">查看</button> <a href="{{THIS_YEAR_URL}}">{{THIS_YEAR}}年</a> <a href="{{LAST_YEAR_URL}}">{{LAST_YEAR}}年</a></div>
</form>
{{#HAS_ERRORS}}<p class="alert" role="alert">日期有误，请按提示修改。</p>{{/HAS_ERRORS}}
<p class="muted as-of">数据截至 {{ASOF}}（以区间结束时的账为准：此后的收款、作废、减免和补出的账单都不计入）。收费率只算区间内到期的账单。</p>
<section class="card">
<h2>核心指标</h2>
<table class="list kpi">
<thead><tr><th>指标</th><th>全部</th><th>常住户</th><th>空置户</th><th>商铺</th><th>目标</th></tr></thead>
<tbody>
{{#LINE}}<tr data-kpi="{{KEY}}"><td data-label="指标">{{LABEL}}</td><td data-label="全部" class="v0">{{V0}}</td><td data-label="常住户" class="v1">{{V1}}</td><td data-label="空置户" class="v2">{{V2}}</td><td data-label="商铺" class="v3">{{V3}}</td><td data-label="目标">{{TARGET}}</td></tr>{{/LINE}}
</tbody>
</table>
<p>期初历史欠费 <b class="amount arrears-start">¥{{ARREARS_START}}</b>，区间内收回 <b class="amount recovered">¥{{RECOVERED}}</b>；实收合计 <b class="amount collected">¥{{COLLECTED}}</b>。</p>
<p><a href="{{CSV_0}}">导出 CSV</a></p>
<h3>空置户收费率：有无托管协议</h3>
<table class="list custody-split">
<thead><tr><th>空置户</th><th>收费率（金额）</th><th>收费率（户数）</th><th>户数</th><th>应收</th><th>实收</th></tr></thead>
<tbody>{{#CUSTODY_SPLIT}}<tr data-custody="{{KEY}}"><td data-label="空置户">{{LABEL}}</td><td data-label="收费率（金额）" class="rate">{{RATE}}</td><td data-label="收费率（户数）" class="hh-rate">{{HH_RATE}}</td><td data-label="户数" class="hh">{{HH}}</td><td data-label="应收" class="amount due">¥{{DUE}}</td><td data-label="实收" class="amount paid">¥{{PAID}}</td></tr>{{/CUSTODY_SPLIT}}</tbody>
</table>
<p class="muted custody-def">区间内到期的空置户账单，按账单所属月份该户是否已签空置房托管协议（区间结束前签订、起始月份不晚于账期）分开统计。</p>
</section>
<section class="card service-loop">
<h2>服务闭环与满意度</h2>
<p>区间内回访 <b class="sat-n">{{SAT_N}}</b> 次，满意度平均 <b class="satisfaction">{{SATISFACTION}}</b> 分（目标 {{T_SATISFACTION}} 分）。区间内登记报事报修 <b class="rq-logged">{{RQ_LOGGED}}</b> 件。</p>
<h3>区间内办理的各环节</h3>
<table class="list steps">
<thead><tr><th>环节</th><th>按时办理</th><th>超时办理</th><th>到期未办</th><th>按时率</th></tr></thead>
<tbody>{{#STEP}}<tr data-step="{{KEY}}"><td data-label="环节">{{LABEL}}</td><td data-label="按时办理" class="on-time">{{ON_TIME}}</td><td data-label="超时办理" class="late">{{LATE}}</td><td data-label="到期未办" class="overdue">{{OVERDUE}}</td><td data-label="按时率" class="share">{{SHARE}}</td></tr>{{/STEP}}</tbody>
</table>
<p class="muted steps-def">按办理时间统计，含此前登记的报修；到期未办：期限在区间内、截至区间结束还没办。返工的报修要再答复、再回访，所以环节数可多于登记件数。</p>
<p>因报修拒缴的业主，修好后 30 天内缴费 <b class="wh-paid">{{WH_PAID}}</b> / <span class="wh-fixed">{{WH_FIXED}}</span> 件（<b class="wh-share">{{WH_SHARE}}</b>）。</p>
<p class="muted wh-def">按修好日期统计：区间内首次修好的报修（与服务月报同一口径），截至区间结束已在修好后 30 天内缴费的。</p>
{{#FOLLOWERS}}<h3>各回访人的回访满意度（收费员；组长代为回访的也单列）</h3>
<table class="list followers">
<thead><tr><th>收费员</th><th>回访次数</th><th>平均满意度</th><th>3 天内回访</th></tr></thead>
<tbody>{{#FOLLOWER}}<tr data-staff="{{STAFF_ID}}"><td data-label="收费员" class="name">{{NAME}}</td><td data-label="回访次数" class="n">{{N}}</td><td data-label="平均满意度" class="mean">{{MEAN}}</td><td data-label="3 天内回访" class="on-time">{{ON_TIME}}</td></tr>{{/FOLLOWER}}<tr class="followers-total"><td data-label="收费员">合计</td><td data-label="回访次数" class="n">{{SAT_N}}</td><td data-label="平均满意度" class="mean">{{SATISFACTION}}</td><td data-label="3 天内回访" class="on-time">{{FOLLOW_ON_TIME}}</td></tr></tbody>
</table>
<p class="muted followers-def">按回访时间统计；“3 天内回访”合计即上表“处理完成后 3 天内回访”的按时办理数。</p>
{{#NO_FOLLOWUPS}}<p class="muted">区间内没有回访。</p>{{/NO_FOLLOWUPS}}{{/FOLLOWERS}}
{{#NO_FOLLOWERS}}<p class="muted">各收费员的满意度属于员工绩效，只有组长和经理可以查看。</p>{{/NO_FOLLOWERS}}
<p><a href="{{CSV_5}}">导出服务闭环 CSV</a> · <a href="{{CSV_6}}">导出满意度 CSV</a>{{#CAN_PERF}} · <a href="/staff/performance?estate={{ESTATE_ID}}" class="perf-link">收费员月度绩效</a>{{/CAN_PERF}}</p>
</section>
<section class="card charts">
<h2>每月趋势</h2>
<div class="chart-box">{{CHART_RATE:none}}{{! SVG built by chart_svg() in cgi-bin/core/chart.c }}</div>
<div class="chart-box">{{CHART_COLLECTED:none}}{{! SVG built by chart_svg() }}</div>
<div class="chart-box">{{CHART_ONLINE:none}}{{! SVG built by chart_svg() }}</div>
{{#PAY_TIME}}<p class="pay-time">在线缴费用时（从打开缴费页到支付平台确认）中位数 <b>{{PAY_TIME_TEXT}}</b>，共 {{PAY_TIME_N}} 笔。</p>{{/PAY_TIME}}
{{#SOME_NO_ORDER}}<p class="pay-time-note muted">另有 <span class="no-order">{{NO_ORDER_N}}</span> 笔线上缴费没有缴费页记录（如本系统上线前的），不计用时。</p>{{/SOME_NO_ORDER}}
{{#NO_PAY_PAGE}}<p class="pay-time muted">在线缴费用时：区间内 <span class="no-order">{{NO_ORDER_N}}</span> 笔线上缴费都没有缴费页记录（如本系统上线前的），算不出用时。</p>{{/NO_PAY_PAGE}}
{{#NO_ONLINE}}<p class="pay-time muted">在线缴费用时：区间内没有线上缴费。</p>{{/NO_ONLINE}}
<div class="chart-box">{{CHART_PAY_TIME:none}}{{! SVG built by chart_svg() }}</div>
<p><a href="{{CSV_3}}">导出每月数据 CSV</a></p>
</section>
<section class="card">
<h2>缴费方式</h2>
<table class="list channels">
<thead><tr><th>方式</th><th>笔数</th><th>占比</th><th>金额</th></tr></thead>
<tbody>{{#CHANNEL}}<tr data-channel="{{KEY}}"><td data-label="方式">{{LABEL}}</td><td data-label="笔数" class="n">{{N}}</td><td data-label="占比">{{SHARE}}</td><td data-label="金额" class="amount">¥{{AMOUNT}}</td></tr>{{/CHANNEL}}</tbody>
</table>
<p><a href="{{CSV_1}}">导出 CSV</a></p>
</section>
<section class="card">
<h2>欠费预警（截至 <span class="tier-asof">{{ASOF}}</span>）</h2>
<table class="list tiers-table">
<thead><tr><th>等级</th><th>户数</th><th>欠费金额</th></tr></thead>
<tbody>{{#TIER}}<tr data-tier="{{KEY}}"><td data-label="等级"><span class="badge tier-{{KEY}}">{{LABEL}}</span></td><td data-label="户数" class="n">{{N}}</td><td data-label="欠费" class="amount">¥{{OWED}}</td></tr>{{/TIER}}</tbody>
</table>
<p><a href="{{CSV_2}}">导出 CSV</a></p>
</section>
<section class="card enquiries-kpi">
<h2>收费咨询及异议</h2>
<p>区间内共 <b class="enq-total">{{ENQ_TOTAL}}</b> 件；其中缴费流程投诉 <b class="enq-process">{{ENQ_PROCESS}}</b> 件，占 <b class="enq-process-share">{{ENQ_PROCESS_SHARE}}</b>。已答复 {{ENQ_ANSWERED}} 件，业主接受 <span class="enq-accepted">{{ENQ_ACCEPTED}}</span> 件（<span class="enq-accepted-share">{{ENQ_ACCEPTED_SHARE}}</span>）。</p>
<table class="list enq-categories">
<thead><tr><th>类别</th><th>件数</th><th>占比</th></tr></thead>
<tbody>{{#ENQ_CAT}}<tr data-category="{{KEY}}"><td data-label="类别">{{LABEL}}</td><td data-label="件数" class="n">{{N}}</td><td data-label="占比">{{SHARE}}</td></tr>{{/ENQ_CAT}}</tbody>
</table>
<div class="chart-box">{{CHART_ENQ:none}}{{! SVG built by chart_svg() in cgi-bin/core/chart.c }}</div>
<table class="list enq-months">
<thead><tr><th>月份</th><th>件数</th><th>其中缴费流程投诉</th></tr></thead>
<tbody>{{#ENQ_MONTH}}<tr data-month="{{MONTH}}"><td data-label="月份">{{MONTH}}</td><td data-label="件数" class="n">{{N}}</td><td data-label="缴费流程投诉" class="process">{{PROCESS}}</td></tr>{{/ENQ_MONTH}}</tbody>
</table>
<p><a href="{{CSV_4}}">导出 CSV（每月分类）</a> · <a href="/staff/enquiries?estate={{ESTATE_ID}}">查看咨询异议记录</a></p>
</section>
