{{%AUTOESCAPE context="HTML"}}
<h1>托管任务 · {{ESTATE_NAME}}</h1>
<p class="muted">空置房托管协议中今天要做和已经逾期的服务{{#MINE}}（您负责的房屋）{{/MINE}}。欠费满规定月数的房屋暂停托管，欠费少于规定月数后自动恢复。</p>
<form method="get" action="/staff/custody" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field actions"><button type="submit">查询</button></div>
</form>
<p class="tabs">
<a href="/staff/custody?estate={{ESTATE_ID}}"{{#DUE}} aria-current="page"{{/DUE}}>今天和逾期</a>
<a href="/staff/custody?estate={{ESTATE_ID}}&amp;all=1"{{#ALL}} aria-current="page"{{/ALL}}>全部</a>
</p>
{{#NONE}}<p class="card">没有要做的托管服务。</p>{{/NONE}}
<table class="list custody-due">
<thead><tr><th>房屋</th><th>服务</th><th>频次</th><th>上次完成</th><th>应做日期</th><th>状态</th></tr></thead>
<tbody>
{{#TASK}}<tr data-task="{{TASK_ID}}" data-kind="{{KIND}}"><td data-label="房屋"><a href="/staff/households/{{HH_ID}}/custody">{{HOUSE}}</a></td><td data-label="服务">{{KIND_LABEL}}</td><td data-label="频次">{{SCHEDULE}}</td><td data-label="上次完成">{{LAST}}</td><td data-label="应做日期">{{NEXT}}{{#OVERDUE}} <span class="badge tier-red">逾期</span>{{/OVERDUE}}{{#TODAY}} <span class="badge tier-yellow">今天</span>{{/TODAY}}</td><td data-label="状态" class="custody-state">{{#SUSPENDED}}<span class="badge tier-red">{{STATE}}</span>{{/SUSPENDED}}{{#RUNNING}}<a class="button" href="/staff/custody/tasks/{{TASK_ID}}">登记完成</a>{{/RUNNING}}</td></tr>{{/TASK}}
</tbody>
</table>
