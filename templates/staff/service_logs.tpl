{{%AUTOESCAPE context="HTML"}}
<h1>服务记录 · {{ESTATE_NAME}}</h1>
{{#CAN_LOG}}<p class="actions"><a class="button primary" href="/staff/service-logs/new?estate={{ESTATE_ID}}">登记服务记录</a></p>{{/CAN_LOG}}
<form method="get" action="/staff/service-logs" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="kind">类别</label>
<select id="kind" name="kind"><option value="">全部</option>{{#KIND_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPT}}</select><p class="err">{{KIND_ERR}}</p></div>
<div class="field"><label for="month">月份</label>
<input id="month" name="month" type="month" value="{{MONTH_VAL}}"{{#MONTH_FOCUS}} autofocus{{/MONTH_FOCUS}}><p class="err">{{MONTH_ERR}}</p></div>
<div class="field actions"><button type="submit">查询</button></div>
</form>
{{#HAS_ERRORS}}<p class="alert" role="alert">查询条件有误，请按提示修改。</p>{{/HAS_ERRORS}}
{{#NONE}}<p class="card">没有服务记录。</p>{{/NONE}}
{{#LOG}}
<a class="card request-link svc-log kind-{{KIND}}" href="/staff/service-logs/{{ID}}" data-log="{{ID}}">
<b>{{KIND_LABEL}} · {{AREA}}</b><br>
<span class="muted">{{DAY}} · {{WHO}}{{#HAS_PHOTOS}} · 照片 {{PHOTOS}} 张{{/HAS_PHOTOS}}</span>
{{#HAS_NOTE}}<br><span class="note">{{NOTE}}</span>{{/HAS_NOTE}}
</a>
{{/LOG}}
{{>PAGER}}
