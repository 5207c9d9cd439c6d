{{%AUTOESCAPE context="HTML"}}
<h1>服务月报 · {{ESTATE_NAME}}</h1>
<p class="muted">每月 1 日系统根据上月的服务记录和报事报修自动生成月报草稿，经理修改小结后于 5 日前发布给业主。{{#CAN_SEE_LOGS}}<a href="/staff/service-logs?estate={{ESTATE_ID}}">查看服务记录</a>{{/CAN_SEE_LOGS}}</p>
<form method="get" action="/staff/reports" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field actions"><button type="submit">查看</button></div>
</form>
{{#NONE}}<p class="card">还没有月报。每月 1 日生成上个月的草稿。</p>{{/NONE}}
{{#REPORT}}
<a class="card request-link report-row status-{{STATUS_KEY}}" href="/staff/reports/{{ID}}" data-report="{{ID}}">
<b>{{MONTH}}服务月报</b>
{{#PUBLISHED}}<span class="badge published">已发布</span> <span class="muted">{{PUBLISHED_ON}}</span>{{/PUBLISHED}}
{{#DRAFT}}<span class="badge draft">草稿</span> <span class="muted">应于 {{DUE}} 前发布</span>{{/DRAFT}}
{{#LATE}}<span class="badge tier-red late-mark">逾期未发布</span> <span class="muted">应于 {{DUE}} 前发布</span>{{/LATE}}
<br><span class="muted">保洁 {{CLEANING}} 次 · 绿化 {{GREENING}} 次 · 维修 {{REPAIRS}} 项 · 解决报修 {{SOLVED}} 件</span>
</a>
{{/REPORT}}
