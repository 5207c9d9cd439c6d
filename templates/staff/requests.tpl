{{%AUTOESCAPE context="HTML"}}
<h1>报事报修 · {{ESTATE_NAME}}</h1>
{{#CAN_LOG}}<p class="actions"><a class="button primary" href="/staff/requests/new?estate={{ESTATE_ID}}">登记来电报修</a></p>{{/CAN_LOG}}
<form method="get" action="/staff/requests" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="status">状态</label>
<select id="status" name="status"><option value="">全部</option>{{#STATUS_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select></div>
<div class="field"><label for="category">类别</label>
<select id="category" name="category"><option value="">全部</option>{{#CATEGORY_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select></div>
<div class="field"><label class="check"><input type="checkbox" name="late" value="1"{{#LATE_CHECKED}} checked{{/LATE_CHECKED}}> 只看当前超时的</label></div>
<div class="field actions"><button type="submit">查询</button></div>
</form>
{{#MINE_ONLY}}<p class="muted">这里是您负责的住户报的事，以及您登记的事，和每件事现在到了哪一步。</p>{{/MINE_ONLY}}
{{#DISPATCHED_ONLY}}<p class="muted">这里是派给工程部的报修。</p>{{/DISPATCHED_ONLY}}
{{#NONE}}<p class="card">没有报事报修记录。</p>{{/NONE}}
{{#REQUEST}}
<section class="card request status-{{STATUS_KEY}}" data-request="{{ID}}">
<h2><a href="/staff/requests/{{ID}}">{{CATEGORY}} · {{WHERE}}</a>{{#LATE}} <span class="badge tier-red late-mark">超时</span>{{/LATE}}</h2>
<p><b class="rq-status">{{STATUS}}</b> · 登记于 {{AT}}{{#HAS_DUE}} · 下一步期限 {{DUE}}{{/HAS_DUE}}{{#WITHHOLDING}} · <span class="warn">业主因此拒缴</span>{{/WITHHOLDING}}</p>
<p class="muted">{{BODY}}</p>
</section>
{{/REQUEST}}
{{>PAGER}}
