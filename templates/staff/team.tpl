{{%AUTOESCAPE context="HTML"}}
{{#BACK_TO_TEAM}}<p class="crumb"><a href="/staff/team?estate={{ESTATE_ID}}&amp;year={{YEAR_VAL}}">团队建设</a> › {{ONE_NAME}}</p>{{/BACK_TO_TEAM}}
<h1>团队建设 · {{ESTATE_NAME}}{{#ONE}} · {{ONE_NAME}}{{/ONE}}</h1>
<form method="get" action="{{FORM_ACTION}}" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="year">年度</label>
<input id="year" name="year" inputmode="numeric" maxlength="4" value="{{YEAR_VAL}}"{{#YEAR_FOCUS}} autofocus{{/YEAR_FOCUS}}><p class="err">{{YEAR_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">查看</button>{{#RESULT}} <a href="{{PREV_URL}}" class="prev-year">上一年</a>{{#HAS_NEXT}} <a href="{{NEXT_URL}}" class="next-year">下一年</a>{{/HAS_NEXT}}{{/RESULT}}</div>
</form>
{{#HAS_ERRORS}}<p class="alert" role="alert">年度有误，请按提示修改。</p>{{/HAS_ERRORS}}
{{#RESULT}}
{{#SAVED}}<p class="notice" role="status">{{SAVED_WORDS}}</p>{{/SAVED}}
{{#OWN}}<p class="muted own-only">这里只显示您本人的培训、考核、带教计划和收费完成率。</p>{{/OWN}}
{{#CAN_KEEP}}<p class="team-actions"><a href="/staff/team/sessions/new?estate={{ESTATE_ID}}" class="button">登记培训</a> <a href="/staff/team/scores/new?estate={{ESTATE_ID}}" class="button">录入考核成绩</a> <a href="/staff/team/pairs/new?estate={{ESTATE_ID}}" class="button">新建带教计划</a></p>{{/CAN_KEEP}}

<section class="card" id="hours">
<h2>{{YEAR_VAL}} 年培训课时</h2>
<p class="muted">每月专题培训（法律知识、沟通技巧、系统操作），按参加的场次累计课时。</p>
<table class="list team-hours">
<thead><tr><th>姓名</th><th>岗位</th><th>参加培训</th><th>课时</th></tr></thead>
<tbody>
{{#MEMBER}}<tr data-staff="{{STAFF_ID}}"><td data-label="姓名"><a href="{{MEMBER_URL}}" class="name">{{NAME}}</a></td><td data-label="岗位">{{ROLE}}</td><td data-label="参加培训"><span><span class="sessions">{{SESSIONS}}</span> 次</span></td><td data-label="课时"><span><span class="hours">{{HOURS}}</span> 课时</span></td></tr>{{/MEMBER}}
</tbody>
</table>
{{#NO_MEMBERS}}<p class="muted none">没有可显示的人员。</p>{{/NO_MEMBERS}}
<p><a href="/staff/team.csv?{{Q}}&amp;table=hours" class="csv" download>下载培训课时 CSV</a></p>
</section>

<section class="card" id="scores">
<h2>{{YEAR_VAL}} 年考核成绩</h2>
{{#SUBJECT_MEAN}}<p class="subject-mean" data-subject="{{SUBJECT}}">{{SUBJECT}} 团队平均分：首次 <b class="first-mean">{{FIRST_MEAN}}</b> → 最近 <b class="latest-mean">{{LATEST_MEAN}}</b>（{{PEOPLE}} 人）</p>{{/SUBJECT_MEAN}}
<table class="list team-scores">
<thead><tr><th>姓名</th><th>科目</th><th>首次</th><th>最近</th><th>变化</th><th>考核次数</th></tr></thead>
<tbody>
{{#SCORE}}<tr data-staff="{{STAFF_ID}}" data-subject="{{SUBJECT}}"><td data-label="姓名">{{NAME}}</td><td data-label="科目">{{SUBJECT}}</td><td data-label="首次"><span><b class="first">{{FIRST}}</b> <span class="muted small">{{FIRST_ON}}</span></span></td><td data-label="最近"><span><b class="latest">{{LATEST}}</b> <span class="muted small">{{LATEST_ON}}</span></span></td><td data-label="变化" class="change{{#UP}} ok{{/UP}}">{{CHANGE}}</td><td data-label="考核次数" class="count">{{COUNT}}</td></tr>{{/SCORE}}
</tbody>
</table>
{{#NO_SCORES}}<p class="muted none">这一年还没有考核成绩。</p>{{/NO_SCORES}}
<p><a href="/staff/team.csv?{{Q}}&amp;table=scores" class="csv" download>下载考核成绩 CSV</a></p>
</section>

<section class="card" id="plans">
<h2>师徒带教（新人 30 天成长计划）</h2>
<p class="muted">第 1-10 天熟悉小区户型、业主信息和收费系统；第 11-20 天跟随师傅上门收费；第 21-30 天独立完成 5 户收费并复盘。每个阶段由组长、经理或师傅勾选完成。</p>
{{#PAIR}}<div class="plan-row{{#PAIR_OVERDUE}} has-overdue{{/PAIR_OVERDUE}}" data-pair="{{PAIR_ID}}">
<p><a href="/staff/team/pairs/{{PAIR_ID}}" class="plan-link">新人 <b>{{NEWCOMER}}</b> · 师傅 {{MENTOR}}</a> <span class="muted small">{{START_ON}} 开始</span>{{#PAIR_OVERDUE}} <span class="badge tier-red overdue-flag">有阶段逾期</span>{{/PAIR_OVERDUE}}</p>
<ol class="stages">{{#STAGE}}<li class="stage state-{{STATE}}" data-stage="{{STAGE_NO}}">{{STAGE_NAME}}（{{STAGE_DAYS}}）：<span class="state">{{STATE_LABEL}}</span>{{#TICKED}} <span class="muted small">{{DONE_ON}}</span>{{/TICKED}}{{#OVERDUE}} <span class="muted small">应于 {{STAGE_DUE}} 前完成，已超 {{LATE_DAYS}} 天</span>{{/OVERDUE}}</li>{{/STAGE}}</ol>
</div>{{/PAIR}}
{{#NO_PAIRS}}<p class="muted none">没有带教计划。</p>{{/NO_PAIRS}}
<p><a href="/staff/team.csv?{{Q}}&amp;table=plans" class="csv" download>下载带教计划 CSV</a></p>
</section>

<section class="card" id="completion">
<h2>{{YEAR_VAL}} 年收费完成率（按月）</h2>
<p class="muted">每月月末分给该收费员的住户，当月到期账单的实收 ÷ 应收（减免后），与「绩效」页同一算法。</p>
{{#HAS_COMPLETION}}<div class="table-scroll"><table class="team-completion">
<thead><tr><th>月份</th>{{#CCOL}}<th>{{NAME}}</th>{{/CCOL}}</tr></thead>
<tbody>
{{#CMONTH}}<tr data-month="{{MONTH_KEY}}"><th>{{MONTH}}</th>{{#CELL}}<td data-staff="{{STAFF_ID}}" class="rate">{{RATE}}</td>{{/CELL}}</tr>{{/CMONTH}}
</tbody>
</table></div>{{/HAS_COMPLETION}}
{{#NO_COMPLETION}}<p class="muted none">没有可显示的收费完成率。</p>{{/NO_COMPLETION}}
<p><a href="/staff/team.csv?{{Q}}&amp;table=completion" class="csv" download>下载收费完成率 CSV</a></p>
</section>

<section class="card" id="sessions">
<h2>{{YEAR_VAL}} 年培训记录</h2>
<ul class="plain team-sessions">
{{#SESSION}}<li data-session="{{SESSION_ID}}"><b class="topic">{{TOPIC}}</b> <span class="muted small">{{HELD_ON}} · <span class="hours">{{HOURS}}</span> 课时 · {{N}} 人</span><br><span class="small attendees">参加：{{ATTENDEES}}</span>{{#HAS_NOTE}}<br><span class="muted small">{{NOTE}}</span>{{/HAS_NOTE}}</li>{{/SESSION}}
</ul>
{{#NO_SESSIONS}}<p class="muted none">这一年还没有培训记录。</p>{{/NO_SESSIONS}}
<p><a href="/staff/team.csv?{{Q}}&amp;table=sessions" class="csv" download>下载培训记录 CSV</a></p>
</section>
{{/RESULT}}
