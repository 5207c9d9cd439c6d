{{%AUTOESCAPE context="HTML"}}
<h1>导入小区资料 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/import" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field actions"><button type="submit">切换</button></div>
</form>
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<p class="muted">按顺序导入：先房屋，再业主及房屋关系，再期初欠费，最后历史缴费。每个文件先下载模板，用 Excel 填好后另存为 CSV（UTF-8 或 GBK 编码都可以）。建议先点“检查”：列出每一行的问题，不写入任何数据；检查通过再点“导入”，整个文件一次导入。只要有一行有误，整个文件都不会导入。同一个文件重复导入不会重复建立。</p>
{{#FILE}}
<section class="card import-file" id="import-{{KIND}}">
<h2>{{STEP}}. {{WORD}}</h2>
<p class="muted">第一行为表头：{{COLUMNS}}。{{HINT}}</p>
<p><a class="button template" href="/staff/import/template.csv?estate={{ESTATE_ID}}&amp;kind={{KIND:u}}" download>下载{{WORD}}模板</a></p>
{{#OUTCOME}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<ul class="plain row-errors">{{#ROW_ERROR}}<li class="err" data-line="{{LINE}}">第 {{LINE}} 行：{{WHY}}</li>{{/ROW_ERROR}}</ul>
{{#MORE_ERRORS}}<p class="err">另有 {{MORE}} 行有问题，未列出：请先改正上面的行，再检查一次。</p>{{/MORE_ERRORS}}
{{/OUTCOME}}
<form method="post" action="/staff/import" enctype="multipart/form-data" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{TOKEN}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="kind" value="{{KIND}}">
<label for="file-{{KIND}}">{{WORD}} CSV 文件</label>
<input id="file-{{KIND}}" name="file" type="file" accept=".csv,text/csv">
<p class="err">{{FILE_ERR}}</p>
<div class="actions"><button type="submit" name="mode" value="check">检查</button> <button type="submit" name="mode" value="import" class="primary">导入</button></div>
</form>
</section>
{{/FILE}}
<section class="card">
<h2>导入记录</h2>
<table class="list imports">
<thead><tr><th>时间</th><th>文件</th><th>文件名</th><th>编码</th><th>行数</th><th>新增</th><th>已导入过</th><th>操作人</th></tr></thead>
<tbody>
{{#BATCH}}<tr{{#CURRENT}} class="current"{{/CURRENT}}><td data-label="时间">{{AT}}</td><td data-label="文件">{{WORD}}</td><td data-label="文件名">{{FILE}}</td><td data-label="编码">{{ENC}}</td><td data-label="行数">{{TOTAL}}</td><td data-label="新增">{{NEW}}</td><td data-label="已导入过">{{SAME}}</td><td data-label="操作人">{{WHO}}</td></tr>{{/BATCH}}
</tbody>
</table>
</section>
