{{%AUTOESCAPE context="HTML"}}
<h1>收费标准 · {{ESTATE_NAME}}</h1>
{{>ERROR_SUMMARY}}
<form method="get" action="/staff/fees" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field actions"><button type="submit">切换</button></div>
</form>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<section class="card">
<h2>收费项目与本月执行的单价（元）</h2>
<table class="list fees">
<thead><tr><th>代码</th><th>名称</th><th>计费方式</th><th>常住户</th><th>空置户</th><th>商铺</th></tr></thead>
<tbody>
{{#ITEM}}<tr data-item="{{CODE}}"><td data-label="代码">{{CODE}}</td><td data-label="名称">{{NAME}}</td><td data-label="计费方式">{{BASIS}}{{#HAS_CAP}}<span class="cap">（每月至多 {{CAP}} {{UNIT}}）</span>{{/HAS_CAP}}</td><td data-label="常住户">{{RATE_0}}</td><td data-label="空置户">{{RATE_1}}</td><td data-label="商铺">{{RATE_2}}</td></tr>{{/ITEM}}
</tbody>
</table>
<p class="muted">按面积计费的单价为每平方米每月；按期固定的为每个计费周期；按表计量的为每单位用量。“免收”即单价为 0：出账时不生成这一项的账单。</p>
</section>
<section class="card">
<h2>调整单价</h2>
<p class="muted">新单价从所选月份起执行；已经出的账单不会改变，所以起始月份不能早于还没出账的第一个账期：</p>
<ul class="plain billed-to">{{#BILLED_TO}}<li>{{OCC_LABEL}}：最早从 <b>{{FIRST_OPEN}}</b> 起</li>{{/BILLED_TO}}</ul>
<form method="post" action="/staff/fees/rates" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{RATE_TOKEN}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="rate_item">收费项目</label>
<select id="rate_item" name="rate_item"{{#RATE_ITEM_FOCUS}} autofocus{{/RATE_ITEM_FOCUS}}>{{#ITEM_OPT}}<option value="{{ITEM_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ITEM_OPT}}</select>
<p class="err">{{RATE_ITEM_ERR}}</p>
<label for="rate_occ">房屋类型</label>
<select id="rate_occ" name="rate_occ"{{#RATE_OCC_FOCUS}} autofocus{{/RATE_OCC_FOCUS}}>{{#OCC_OPT}}<option value="{{OCC}}">{{OCC_LABEL}}</option>{{/OCC_OPT}}</select>
<p class="err">{{RATE_OCC_ERR}}</p>
<label for="rate_amount">单价（元）</label>
<p class="hint">填 0 表示免收：出账时不为这类房屋生成这一项的账单，不会出现 ¥0.00 的账单。</p>
<input id="rate_amount" name="rate_amount" inputmode="decimal" value="{{RATE_AMOUNT_VAL}}"{{#RATE_AMOUNT_FOCUS}} autofocus{{/RATE_AMOUNT_FOCUS}}>
<p class="err">{{RATE_AMOUNT_ERR}}</p>
<label for="rate_from">起始月份</label>
<input id="rate_from" name="rate_from" type="month" value="{{RATE_FROM_VAL}}" placeholder="{{THIS_MONTH}}"{{#RATE_FROM_FOCUS}} autofocus{{/RATE_FROM_FOCUS}}>
<p class="err">{{RATE_FROM_ERR}}</p>
<button type="submit" class="primary">保存单价</button>
</form>
</section>
<section class="card">
<h2>单价调整记录</h2>
<table class="list">
<thead><tr><th>项目</th><th>房屋类型</th><th>单价</th><th>起始月份</th><th>设定时间</th><th>设定人</th></tr></thead>
<tbody>
{{#HISTORY}}<tr><td data-label="项目">{{NAME}}</td><td data-label="类型">{{OCC_LABEL}}</td><td data-label="单价" class="amount">{{RATE}}</td><td data-label="起始">{{FROM}}</td><td data-label="设定时间">{{AT}}</td><td data-label="设定人">{{BY}}</td></tr>{{/HISTORY}}
</tbody>
</table>
</section>
<section class="card">
<h2>新增收费项目</h2>
<form method="post" action="/staff/fees/items" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{ITEM_TOKEN}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="item_code">代码（大写字母、数字）</label>
<input id="item_code" name="item_code" maxlength="16" value="{{ITEM_CODE_VAL}}"{{#ITEM_CODE_FOCUS}} autofocus{{/ITEM_CODE_FOCUS}}>
<p class="err">{{ITEM_CODE_ERR}}</p>
<label for="item_name">名称</label>
<input id="item_name" name="item_name" maxlength="50" value="{{ITEM_NAME_VAL}}"{{#ITEM_NAME_FOCUS}} autofocus{{/ITEM_NAME_FOCUS}}>
<p class="err">{{ITEM_NAME_ERR}}</p>
<label for="item_basis">计费方式</label>
<select id="item_basis" name="item_basis"{{#ITEM_BASIS_FOCUS}} autofocus{{/ITEM_BASIS_FOCUS}}>{{#BASIS_OPT}}<option value="{{BASIS}}">{{BASIS_LABEL}}</option>{{/BASIS_OPT}}</select>
<p class="err">{{ITEM_BASIS_ERR}}</p>
<label for="item_unit">计量单位（按表计量时，如 吨、度）</label>
<input id="item_unit" name="item_unit" maxlength="16" value="{{ITEM_UNIT_VAL}}"{{#ITEM_UNIT_FOCUS}} autofocus{{/ITEM_UNIT_FOCUS}}>
<p class="err">{{ITEM_UNIT_ERR}}</p>
<button type="submit">新增</button>
</form>
</section>
{{#HAS_METERS}}<section class="card">
<h2>抄表用量上限</h2>
<p class="muted">一户一个月的用量超过上限的读数不会保存（多半是多输了一位数），请核对后再录入。默认：水 500 吨、电 20000 度，其他 10000。</p>
<form method="post" action="/staff/fees/caps" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="cap_item">收费项目</label>
<select id="cap_item" name="cap_item"{{#CAP_ITEM_FOCUS}} autofocus{{/CAP_ITEM_FOCUS}}>{{#CAP_OPT}}<option value="{{ITEM_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}（现为 {{CAP}} {{UNIT}}）</option>{{/CAP_OPT}}</select>
<p class="err">{{CAP_ITEM_ERR}}</p>
<label for="cap_amount">每月用量上限</label>
<input id="cap_amount" name="cap_amount" inputmode="decimal" value="{{CAP_AMOUNT_VAL}}"{{#CAP_AMOUNT_FOCUS}} autofocus{{/CAP_AMOUNT_FOCUS}}>
<p class="err">{{CAP_AMOUNT_ERR}}</p>
<button type="submit">保存上限</button>
</form>
</section>{{/HAS_METERS}}
<section class="card">
<h2>计费周期</h2>
<ul class="plain">{{#CYCLE}}<li>{{OCC_LABEL}}：{{MONTHS}}</li>{{/CYCLE}}</ul>
<form method="post" action="/staff/fees/cycles" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="cycle_occ">房屋类型</label>
<select id="cycle_occ" name="cycle_occ">{{#OCC_OPT}}<option value="{{OCC}}">{{OCC_LABEL}}</option>{{/OCC_OPT}}</select>
<p class="err">{{CYCLE_OCC_ERR}}</p>
<label for="cycle_months">周期</label>
<select id="cycle_months" name="cycle_months"><option value="1">按月</option><option value="3">按季度</option></select>
<p class="err">{{CYCLE_MONTHS_ERR}}</p>
<button type="submit">保存周期</button>
</form>
</section>
<section class="card">
<h2>服务置换</h2>
<p>每小时社区活动抵扣 <b class="amount credit-hour">¥{{CREDIT_HOUR}}</b></p>
<form method="post" action="/staff/fees/credit" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<label for="credit_hour">每小时抵扣金额（元）</label>
<input id="credit_hour" name="credit_hour" inputmode="decimal" value="{{CREDIT_HOUR_VAL}}">
<p class="err">{{CREDIT_HOUR_ERR}}</p>
<button type="submit">保存</button>
</form>
</section>
