{{%AUTOESCAPE context="HTML"}}
<h1>收据登记簿 · {{ESTATE_NAME}}</h1>
{{#VREQ_LIST}}
<section class="card void-requests">
<h2>待审批的作废申请（<span class="vreq-n">{{VREQ_N}}</span>）</h2>
{{#VREQ_NONE}}<p class="muted">没有待审批的作废申请。</p>{{/VREQ_NONE}}
<ul class="plain">{{#VREQ}}<li data-request="{{VREQ_ID}}"><a href="/staff/receipts/{{RID}}">收据 {{NUMBER}}</a> · {{PREMISES}} · <span class="amount">¥{{AMOUNT}}</span> · {{BY}} 于 {{AT}} 申请：{{REASON}}{{#MINE}} <span class="muted">（您本人的申请）</span>{{/MINE}}{{#OWN_PAYMENT}} <span class="muted">（{{OWN_WHAT}}）</span>{{/OWN_PAYMENT}}</li>{{/VREQ}}</ul>
</section>
{{/VREQ_LIST}}
<form method="get" action="/staff/receipts" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field number"><label for="no">单号</label><input id="no" name="no" maxlength="128" autocomplete="off" placeholder="收据号、商户订单号或交易号" value="{{NO_VAL}}"{{#NO_FOCUS}} autofocus{{/NO_FOCUS}}><p class="err">{{NO_ERR}}</p></div>
<div class="field"><label for="from">开始日期</label><input id="from" name="from" type="date" value="{{FROM_VAL}}"><p class="err">{{FROM_ERR}}</p></div>
<div class="field"><label for="to">结束日期</label><input id="to" name="to" type="date" value="{{TO_VAL}}"><p class="err">{{TO_ERR}}</p></div>
<div class="field"><label for="collector">收款人</label>
<select id="collector" name="collector"><option value="">全部</option>{{#COLLECTOR_OPT}}<option value="{{OPT_ID}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_NAME}}</option>{{/COLLECTOR_OPT}}<option value="online"{{#COLLECTOR_ONLINE}} selected{{/COLLECTOR_ONLINE}}>线上支付</option></select><p class="err">{{COLLECTOR_ERR}}</p></div>
<div class="field"><label for="channel">缴费方式</label>
<select id="channel" name="channel"><option value="">全部</option>{{#CHANNEL_OPT}}<option value="{{OPT_KEY}}"{{#OPT_SELECTED}} selected{{/OPT_SELECTED}}>{{OPT_LABEL}}</option>{{/CHANNEL_OPT}}</select><p class="err">{{CHANNEL_ERR}}</p></div>
<div class="field"><label for="status">状态</label>
<select id="status" name="status"><option value="">全部</option><option value="valid"{{#STATUS_VALID}} selected{{/STATUS_VALID}}>有效</option><option value="void"{{#STATUS_VOID}} selected{{/STATUS_VOID}}>作废</option></select><p class="err">{{STATUS_ERR}}</p></div>
<div class="field actions"><button type="submit" class="primary">查询</button></div>
</form>
{{#HAS_ERRORS}}<p class="alert" role="alert">查询条件有误，请按提示修改。</p>{{/HAS_ERRORS}}
{{#BY_NO}}<p class="muted by-no">按单号 <b class="code">{{NO_VAL}}</b> 查找，不限日期和其他条件。<a href="/staff/receipts?estate={{ESTATE_ID}}">清除单号</a></p>{{/BY_NO}}
{{#NO_MISSING}}<p class="card no-missing" role="status">单号 <b class="code">{{NO_SHOWN}}</b> {{NO_WHAT}}</p>{{/NO_MISSING}}
<p class="totals">有效 <b class="valid-n">{{VALID_N}}</b> 张，合计 <b class="amount valid-sum">¥{{VALID_SUM}}</b>；作废 <b class="void-n">{{VOID_N}}</b> 张，<span class="amount void-sum">¥{{VOID_SUM}}</span>
 <a class="button" href="{{CSV_URL}}">导出 CSV</a></p>
{{#NONE}}<p class="card">没有符合条件的收据。</p>{{/NONE}}
<table class="list receipts">
<thead><tr><th>收据号</th><th>开具时间</th><th>房屋</th><th>缴款人</th><th>方式</th><th>金额</th><th>收款人</th><th>状态</th></tr></thead>
<tbody>
{{#RECEIPT}}<tr data-receipt="{{ID}}"><td data-label="收据号"><a href="/staff/receipts/{{ID}}">{{NUMBER}}</a></td><td data-label="时间">{{AT}}</td><td data-label="房屋">{{PREMISES}}</td><td data-label="缴款人">{{PAYER}}</td><td data-label="方式">{{CHANNEL}}</td><td data-label="金额" class="amount">¥{{AMOUNT}}</td><td data-label="收款人">{{COLLECTOR}}</td><td data-label="状态">{{#VOIDED}}<span class="badge tier-red">作废</span>{{/VOIDED}}{{#VALID}}<span class="valid">有效</span>{{/VALID}}</td></tr>{{/RECEIPT}}
</tbody>
</table>
{{>PAGER}}
