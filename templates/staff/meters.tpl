{{%AUTOESCAPE context="HTML"}}
<h1>抄表 · {{ESTATE_NAME}} · {{PERIOD}}</h1>
{{>ERROR_SUMMARY}}
<form method="get" action="/staff/meters" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="period">抄表月份</label><input id="period" name="period" type="month" value="{{PERIOD_VAL}}"{{#PERIOD_FOCUS}} autofocus{{/PERIOD_FOCUS}}></div>
<div class="field actions"><button type="submit">查看</button></div>
</form>
{{#SAVED}}<p class="ok card" role="status">已保存 {{SAVED_N}} 条读数。出账时会生成水电费账单。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<ul class="plain row-errors">{{#ROW_ERROR}}<li class="err">{{MESSAGE}}</li>{{/ROW_ERROR}}</ul>
{{#NO_ITEMS}}<p class="card">本小区没有按表计量的收费项目，请先在“收费标准”中新增（如 水费、电费）。</p>{{/NO_ITEMS}}
<section class="card">
<h2>录入一条读数</h2>
<p class="hint meter-limits">可录入 {{EARLIEST}} 至本月的读数{{#HAS_CAPS}}；每月用量上限：{{CAPS}}（超出的读数不会保存，请先核对；上限在“收费标准”中设定）{{/HAS_CAPS}}。</p>
<form method="post" action="/staff/meters" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{READING_TOKEN}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="period" value="{{PERIOD}}">
<label for="building">楼栋</label>
<select id="building" name="building"{{#BUILDING_FOCUS}} autofocus{{/BUILDING_FOCUS}}>{{#BUILDING_OPT}}<option{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/BUILDING_OPT}}</select>
<p class="err">{{BUILDING_ERR}}</p>
<label for="unit">单元（商铺不填）</label>
<input id="unit" name="unit" maxlength="16" value="{{UNIT_VAL}}"{{#UNIT_FOCUS}} autofocus{{/UNIT_FOCUS}}>
<p class="err">{{UNIT_ERR}}</p>
<label for="room">房号</label>
<input id="room" name="room" maxlength="16" value="{{ROOM_VAL}}"{{#ROOM_FOCUS}} autofocus{{/ROOM_FOCUS}}>
<p class="err">{{ROOM_ERR}}</p>
<label for="item">项目</label>
<select id="item" name="item"{{#ITEM_FOCUS}} autofocus{{/ITEM_FOCUS}}>{{#ITEM_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ITEM_OPT}}</select>
<p class="err">{{ITEM_ERR}}</p>
<label for="prev">上期读数</label>
<input id="prev" name="prev" inputmode="decimal" value="{{PREV_VAL}}"{{#PREV_FOCUS}} autofocus{{/PREV_FOCUS}}>
<p class="err">{{PREV_ERR}}</p>
<label for="curr">本期读数</label>
<input id="curr" name="curr" inputmode="decimal" value="{{CURR_VAL}}"{{#CURR_FOCUS}} autofocus{{/CURR_FOCUS}}>
<p class="err">{{CURR_ERR}}</p>
<button type="submit" class="primary">保存</button>
</form>
</section>
<section class="card">
<h2>上传 CSV</h2>
<p class="muted">第一行为表头：楼栋,单元,房号,项目,上期读数,本期读数。楼栋写完整（如 3栋），单元、房号只写数字（如 2、301）；项目填代码或名称（如 SF 或 水费）。可以是 UTF-8 或 GBK 编码（Excel 直接另存的 CSV 都可以）。只要有一行有误，整个文件都不会导入。</p>
<p><a class="button template" href="/staff/meters/template.csv?estate={{ESTATE_ID}}" download>下载 CSV 模板</a> <span class="muted">模板里有表头和一行示例，示例行请换成实际读数。</span></p>
<form method="post" action="/staff/meters/upload" enctype="multipart/form-data" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{UPLOAD_TOKEN}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="period" value="{{PERIOD}}">
<label for="file">CSV 文件</label>
<input id="file" name="file" type="file" accept=".csv,text/csv">
<p class="err">{{FILE_ERR}}</p>
<button type="submit">上传</button>
</form>
</section>
<section class="card">
<h2>本月读数</h2>
<table class="list readings">
<thead><tr><th>房屋</th><th>项目</th><th>上期</th><th>本期</th><th>用量</th><th>来源</th><th>录入时间</th><th>出账</th></tr></thead>
<tbody>
{{#READING}}<tr><td data-label="房屋">{{PREMISES}}</td><td data-label="项目">{{ITEM}}</td><td data-label="上期">{{PREV}}</td><td data-label="本期">{{CURR}}</td><td data-label="用量">{{USED}} {{UNIT}}</td><td data-label="来源">{{SOURCE}}</td><td data-label="时间">{{AT}}</td><td data-label="出账">{{#BILLED}}已出账{{/BILLED}}{{#NO_CHARGE}}用量为 0，不出账{{/NO_CHARGE}}</td></tr>{{/READING}}
</tbody>
</table>
{{>PAGER}}
</section>
