{{%AUTOESCAPE context="HTML"}}
<h1>缓交申请 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/deferrals" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="status">状态</label>
<select id="status" name="status"><option value="">全部</option>{{#STATUS_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select></div>
<div class="field actions"><button type="submit">查询</button></div>
</form>
<p class="muted">经济困难的业主可申请缓交（业主在网上申请，或由收费员、客服、组长从住户页面代为登记），经理审批。批准后从当天起计算缓交期，所选账单的缴费截止日顺延到缓交期满那天；缓交期间这户不进欠费预警、不发催缴提醒；期满后按新的截止日重新计算。</p>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
{{#NONE}}<p class="card">还没有缓交申请。</p>{{/NONE}}
{{#DEFERRAL}}
<section class="card deferral status-{{STATUS_KEY}}" data-deferral="{{ID}}">
<h2><a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a> · {{OWNER}}</h2>
<p>{{APPLIED}}申请 · 缓交 {{MONTHS}} 个月 · {{NBILLS}} 笔账单，尚欠 <b class="amount">¥{{OWED}}</b> · <b class="deferral-status">{{STATUS}}</b></p>
<p>{{REASON}}</p>
{{#PHOTO}}<p><a href="/staff/deferrals/{{ID}}/photo"><img class="thumb" src="/staff/deferrals/{{ID}}/photo?thumb=1" alt="证明材料" width="160"></a></p>{{/PHOTO}}
<p class="muted">登记：{{LOGGED_BY}}{{#APPROVED}} · 审批：{{DECIDED_BY}}{{/APPROVED}}{{#REJECTED}} · 审批：{{DECIDED_BY}}{{/REJECTED}}</p>
{{#APPROVED}}<p class="ok">缓交期 {{STARTS}} 至 <b class="deferral-ends">{{ENDS}}</b>，所选账单的缴费截止日改为 {{ENDS}}。</p>{{/APPROVED}}
{{#REJECTED}}<p class="warn">未批准：{{NOTE}}</p>{{/REJECTED}}
{{#ROW_ALERT}}<p class="alert row-alert" role="alert" id="deferral-{{ID}}-err">{{ROW_ALERT_TEXT}}</p>{{/ROW_ALERT}}
{{#OWN_LOG}}<p class="muted">这份申请是您本人登记的，须由另一位经理批准；如需撤回，填写原因后点“不批准”。</p>{{/OWN_LOG}}
{{#CAN_REJECT}}
<div class="actions">
{{#CAN_DECIDE}}<form method="post" action="/staff/deferrals/{{ID}}/approve"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="estate" value="{{ESTATE_ID}}">{{#FILTERED}}<input type="hidden" name="status" value="{{FILTER}}">{{/FILTERED}}<input type="hidden" name="page" value="{{PAGE_NO}}"><button type="submit" class="primary">批准缓交</button></form>{{/CAN_DECIDE}}
<form method="post" action="/staff/deferrals/{{ID}}/reject" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="estate" value="{{ESTATE_ID}}">{{#FILTERED}}<input type="hidden" name="status" value="{{FILTER}}">{{/FILTERED}}<input type="hidden" name="page" value="{{PAGE_NO}}"><input name="reason" maxlength="200" placeholder="不批准的原因" aria-label="不批准的原因" value="{{REASON_VAL}}"{{#ROW_ALERT}} autofocus aria-describedby="deferral-{{ID}}-err"{{/ROW_ALERT}}><button type="submit">不批准</button></form>
</div>
{{/CAN_REJECT}}
</section>
{{/DEFERRAL}}
{{>PAGER}}
