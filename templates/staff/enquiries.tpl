{{%AUTOESCAPE context="HTML"}}
<h1>咨询异议 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/enquiries" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="category">类别</label>
<select id="category" name="category"><option value="">全部</option>{{#CATEGORY_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select><p class="err">{{CATEGORY_ERR}}</p></div>
<div class="field"><label for="channel">渠道</label>
<select id="channel" name="channel"><option value="">全部</option>{{#CHANNEL_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHANNEL_OPT}}</select><p class="err">{{CHANNEL_ERR}}</p></div>
<div class="field"><label for="month">月份</label>
<input id="month" name="month" type="month" value="{{MONTH_VAL}}" placeholder="2025-03"><p class="err">{{MONTH_ERR}}</p></div>
<div class="field"><label for="state">业主是否接受</label>
<select id="state" name="state"><option value="">全部</option>{{#STATE_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATE_OPT}}</select><p class="err">{{STATE_ERR}}</p></div>
<input type="hidden" name="premises" value="{{PREMISES_VAL}}">
<div class="field actions"><button type="submit">查询</button></div>
</form>
<p class="muted">业主在前台、电话、上门或网上提出的收费咨询和异议，以及给业主的答复、业主是否接受。在住户页面点“登记咨询异议”登记前台或上门的；电话来的可以直接登记。</p>
{{#CAN_LOG}}<p class="actions"><a class="button primary" href="/staff/enquiries/new?estate={{ESTATE_ID}}">登记电话咨询</a></p>{{/CAN_LOG}}
{{#NONE}}<p class="card">没有符合条件的记录。</p>{{/NONE}}
{{#ENQUIRY}}
<section class="card enquiry state-{{STATE_KEY}}" data-enquiry="{{ID}}">
<h2><a href="/staff/enquiries/{{ID}}">{{CATEGORY}}</a> · <span class="enquiry-state">{{STATE}}</span></h2>
<p class="muted">{{WHEN}} · {{CHANNEL}} · {{WHO}}</p>
<p class="question">{{QUESTION}}</p>
</section>
{{/ENQUIRY}}
{{>PAGER}}
