{{%AUTOESCAPE context="HTML"}}
<h1>操作日志 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/audit" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="from">开始日期</label><input id="from" name="from" type="date" value="{{FROM_VAL}}"><p class="err">{{FROM_ERR}}</p></div>
<div class="field"><label for="to">结束日期</label><input id="to" name="to" type="date" value="{{TO_VAL}}"><p class="err">{{TO_ERR}}</p></div>
<div class="field"><label for="action">操作</label>
<select id="action" name="action"><option value="">全部</option>{{#ACTION_OPT}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ACTION}}</option>{{/ACTION_OPT}}</select></div>
<div class="field actions"><button type="submit" class="primary">查询</button></div>
</form>
<table class="list audit">
<thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>金额</th><th>说明</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td data-label="时间">{{AT}}</td><td data-label="操作人">{{WHO}}</td><td data-label="操作">{{ACTION}}</td><td data-label="对象">{{ENTITY}} {{ENTITY_ID}}</td><td data-label="金额" class="amount">{{AMOUNT}}</td><td data-label="说明">{{DETAIL}}</td></tr>{{/ENTRY}}
</tbody>
</table>
{{>PAGER}}
