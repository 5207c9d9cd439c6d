{{%AUTOESCAPE context="HTML"}}
<h1>操作日志 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/audit" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="from">开始日期</label><input id="from" name="from" type="date" value="{{FROM_VAL}}"><p class="err">{{FROM_ERR}}</p></div>
<div class="field"><label for="to">结束日期</label><input id="to" name="to" type="date" value="{{TO_VAL}}"><p class="err">{{TO_ERR}}</p></div>
<div class="field"><label for="action">操作</label>
<select id="action" name="action"><option value="">全部</option>{{#ACTION_OPT}}<option value="{{ACTION}}"{{#SELECTED}} selected{{/SELECTED}}>{{ACTION_LABEL}}</option>{{/ACTION_OPT}}</select><p class="err">{{ACTION_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">查询</button></div>
</form>
{{#NONE}}<p class="card">这段时间没有符合条件的操作记录。</p>{{/NONE}}
<table class="list audit">
<thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>金额</th><th>说明</th></tr></thead>
<tbody>
{{#ENTRY}}<tr data-action="{{ACTION_KEY}}"><td data-label="时间" class="at">{{AT}}</td><td data-label="操作人" class="who">{{WHO}}</td><td data-label="操作" class="what">{{ACTION}}</td><td data-label="对象" class="object"><span>{{#HOUSE}}<a href="/staff/households/{{PID}}">{{HOUSE_LABEL}}</a> {{/HOUSE}}{{#RECEIPT}}<a href="/staff/receipts/{{RID}}">收据 {{NUMBER}}</a> {{/RECEIPT}}{{#BILL}}<a href="/staff/bills/{{BILL_ID}}">账单</a> {{/BILL}}{{#CASE}}<a href="/staff/households/{{CASE_PID}}/case">一户一策</a> {{/CASE}}{{#RUN}}<a href="/staff/billing/runs/{{RUN_ID}}">{{RUN_PERIOD}}出账</a> {{/RUN}}{{THING}}</span></td><td data-label="金额" class="amount">{{AMOUNT}}</td><td data-label="说明" class="note"><span>{{#NOTE}}{{NOTE_HEAD}}{{NOTE_TEXT}}{{/NOTE}}{{#RAW}}<small class="muted">{{RAW_TEXT}}</small>{{/RAW}}</span></td></tr>{{/ENTRY}}
</tbody>
</table>
{{>PAGER}}
