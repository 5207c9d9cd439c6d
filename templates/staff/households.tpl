{{%AUTOESCAPE context="HTML"}}
<h1>收费台账 · {{ESTATE_NAME}}</h1>
<section class="tiers" aria-label="欠费预警">
{{#TIER}}<a class="tier tier-{{TIER_KEY}}" href="{{TIER_URL}}" data-tier="{{TIER_KEY}}"><span class="tier-name">{{TIER_LABEL}}预警</span> <b class="tier-count">{{TIER_COUNT}}</b> 户 <span class="tier-owed">¥{{TIER_OWED}}</span></a>{{/TIER}}
</section>
{{>ERROR_SUMMARY}}
<form method="get" action="/staff/households" class="filters">
<div class="field wide"><label for="q">房屋（如 3栋2单元301室、301室、2单元、3-2-301）</label><input id="q" name="q" type="search" maxlength="40" value="{{Q_VAL}}" placeholder="3栋2单元301室" autocomplete="off"{{#Q_FOCUS}} autofocus{{/Q_FOCUS}}><p class="err">{{Q_ERR}}</p></div>
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate"{{#ESTATE_FOCUS}} autofocus{{/ESTATE_FOCUS}}>{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="building">楼栋</label>
<select id="building" name="building"{{#BUILDING_FOCUS}} autofocus{{/BUILDING_FOCUS}}><option value="">全部</option>{{#BUILDING}}<option value="{{BUILDING_ID}}"{{#BUILDING_SELECTED}} selected{{/BUILDING_SELECTED}}>{{BUILDING_NAME}}</option>{{/BUILDING}}</select>
<p class="err">{{BUILDING_ERR}}</p></div>
<div class="field"><label for="unit">单元</label><input id="unit" name="unit" maxlength="16" value="{{UNIT_VAL}}"{{#UNIT_FOCUS}} autofocus{{/UNIT_FOCUS}}><p class="err">{{UNIT_ERR}}</p></div>
<div class="field"><label for="room">房号</label><input id="room" name="room" maxlength="16" value="{{ROOM_VAL}}"{{#ROOM_FOCUS}} autofocus{{/ROOM_FOCUS}}><p class="err">{{ROOM_ERR}}</p></div>
<div class="field"><label for="name">业主姓名</label><input id="name" name="name" maxlength="50" value="{{NAME_VAL}}"{{#NAME_FOCUS}} autofocus{{/NAME_FOCUS}}><p class="err">{{NAME_ERR}}</p></div>
<div class="field"><label for="phone">电话（部分即可）</label><input id="phone" name="phone" inputmode="numeric" maxlength="11" value="{{PHONE_VAL}}"{{#PHONE_FOCUS}} autofocus{{/PHONE_FOCUS}}><p class="err">{{PHONE_ERR}}</p></div>
<div class="field"><label for="occupancy">类型</label>
<select id="occupancy" name="occupancy"{{#OCCUPANCY_FOCUS}} autofocus{{/OCCUPANCY_FOCUS}}><option value="">全部</option>{{#OCC}}<option value="{{OCC_KEY}}"{{#OCC_SELECTED}} selected{{/OCC_SELECTED}}>{{OCC_LABEL}}</option>{{/OCC}}</select>
<p class="err">{{OCCUPANCY_ERR}}</p></div>
<div class="field"><label for="tier">预警等级</label>
<select id="tier" name="tier"{{#TIER_FOCUS}} autofocus{{/TIER_FOCUS}}><option value="">全部</option>{{#TIER_OPT}}<option value="{{TIER_KEY}}"{{#TIER_SELECTED}} selected{{/TIER_SELECTED}}>{{TIER_LABEL}}</option>{{/TIER_OPT}}</select>
<p class="err">{{TIER_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">查询</button> <a href="/staff/households?estate={{ESTATE_ID}}">清空</a></div>
</form>
{{#RESULTS}}
{{#NONE}}<p class="card">没有符合条件的住户。</p>{{/NONE}}
<table class="list households">
<thead><tr><th>房屋</th><th>类型</th><th>面积 ㎡</th><th>业主</th><th>电话</th><th>逾期欠费</th><th>预警</th></tr></thead>
<tbody>
{{#HOUSEHOLD}}
<tr data-premises="{{ID}}">
<td data-label="房屋"><a href="/staff/households/{{ID}}">{{LABEL}}</a></td>
<td data-label="类型">{{OCCUPANCY}}</td>
<td data-label="面积">{{AREA}}</td>
<td data-label="业主">{{OWNERS}}</td>
<td data-label="电话">{{PHONES}}</td>
<td data-label="逾期欠费" class="amount">¥{{OVERDUE}}</td>
<td data-label="预警">{{#HAS_TIER}}<span class="badge tier-{{TIER_KEY}}">{{TIER_LABEL}} · {{MONTHS}}</span>{{/HAS_TIER}}</td>
</tr>
{{/HOUSEHOLD}}
</tbody>
</table>
{{>PAGER}}
{{/RESULTS}}
