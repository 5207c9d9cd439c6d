{{%AUTOESCAPE context="HTML"}}
<h1>收费员月度绩效 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/performance" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="month">月份</label>
<input id="month" name="month" type="month" value="{{MONTH_VAL}}" placeholder="2025-03"{{#MONTH_FOCUS}} autofocus{{/MONTH_FOCUS}}><p class="err">{{MONTH_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">查看</button>{{#RESULT}} <a href="{{PREV_URL}}" class="prev-month">上个月</a>{{#HAS_NEXT}} <a href="{{NEXT_URL}}" class="next-month">下个月</a>{{/HAS_NEXT}}{{/RESULT}}</div>
</form>
{{#HAS_ERRORS}}<p class="alert" role="alert">月份有误，请按提示修改。</p>{{/HAS_ERRORS}}
{{#RESULT}}
<p class="muted as-of">{{MONTH_WORDS}} · 数据截至 {{ASOF}}（以月末为准：此后的回访、收款和分户都不计入）。</p>
<section class="card perf-rule">
<p class="rule">{{RULE}}；低于或等于基准不扣，按 100% 计。平均满意度取本月回访评分的平均值，保留一位小数（四舍五入），按显示的分数计算档数。</p>
<p class="muted">收费完成率：月末分给该收费员的住户，本月到期账单的实收 ÷ 应收（减免后）。按时回访：处理完成后 3 天内回访。</p>
{{#CAN_SET}}<p><a href="/staff/settings?estate={{ESTATE_ID}}#pay">修改基准满意度和绩效档位</a></p>{{/CAN_SET}}
</section>
{{#OWN_ONLY}}<p class="muted own-only">这里只显示您本人的绩效。</p>{{/OWN_ONLY}}
<section class="card">
<table class="list perf">
<thead><tr><th>收费员</th><th>回访次数</th><th>平均满意度</th><th>与基准差</th><th>绩效系数</th><th>收费完成率</th><th>按时回访</th></tr></thead>
<tbody>
{{#ROW}}<tr data-staff="{{STAFF_ID}}"><td data-label="收费员" class="name">{{NAME}}</td><td data-label="回访次数" class="followups">{{FOLLOWUPS}}</td><td data-label="平均满意度" class="mean">{{MEAN}}</td><td data-label="与基准差" class="diff{{#BELOW}} below{{/BELOW}}">{{DIFF}}</td><td data-label="绩效系数" class="mult{{#RAISED}} raised{{/RAISED}}">{{MULT}}</td><td data-label="收费完成率"><span><span class="completion">{{COMPLETION}}</span> <span class="muted">¥<span class="paid">{{PAID}}</span> / ¥<span class="due">{{DUE}}</span></span></span></td><td data-label="按时回访"><span><span class="on-time">{{ON_TIME}}</span> 次（<span class="on-time-share">{{ON_TIME_SHARE}}</span>）</span></td></tr>{{/ROW}}
</tbody>
</table>
{{#NONE}}<p class="muted none">这个月没有可显示的收费员。</p>{{/NONE}}
<p><a href="{{CSV_URL}}" class="csv" download>下载 CSV</a></p>
</section>
{{/RESULT}}
