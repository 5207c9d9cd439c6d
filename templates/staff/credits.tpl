{{%AUTOESCAPE context="HTML"}}
<h1>服务置换 · {{ESTATE_NAME}}</h1>
<form method="get" action="/staff/credits" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field"><label for="status">状态</label>
<select id="status" name="status"><option value="">全部</option>{{#STATUS_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select></div>
<div class="field actions"><button type="submit">查询</button></div>
</form>
<p class="muted">为经济困难的业主登记社区活动时长；经理审批通过后，按每小时抵扣金额生成一笔“服务置换”缴费，冲抵欠费并开具收据。登记请从住户页面进入。</p>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
{{#NONE}}<p class="card">还没有记录。</p>{{/NONE}}
{{#CREDIT}}
<section class="card credit status-{{STATUS_KEY}}" data-credit="{{ID}}">
<h2><a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a> · {{OWNER}}</h2>
<p>{{DATE}} · {{ACTIVITY}} · {{HOURS}} 小时 · <b class="credit-status">{{STATUS}}</b></p>
<p class="muted">{{NOTE}} 登记：{{LOGGED_BY}}{{#APPROVED}} · 审批：{{DECIDED_BY}}{{/APPROVED}}</p>
{{#WILL_PAY}}<p class="will-pay">审批通过后生成一笔服务置换缴费 <b class="amount credit-amount">¥{{WILL_AMOUNT}}</b>（{{WILL_HOURS}} 小时 × ¥{{RATE}}/小时），冲抵这户的欠费。</p>{{/WILL_PAY}}
{{#NO_RATE}}<p class="warn">本小区还没有设定每小时抵扣金额，审批前请先在“收费标准”中设定。</p>{{/NO_RATE}}
{{#APPROVED}}<p>抵扣 <b class="amount">¥{{AMOUNT}}</b>，收据 <a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT}}</a></p>{{/APPROVED}}
{{#ROW_ALERT}}<p class="alert row-alert" role="alert" id="credit-{{ID}}-err">{{ROW_ALERT_TEXT}}</p>{{/ROW_ALERT}}
{{#CAN_DECIDE}}
<div class="actions">
<form method="post" action="/staff/credits/{{ID}}/approve"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="estate" value="{{ESTATE_ID}}">{{#FILTERED}}<input type="hidden" name="status" value="{{FILTER}}">{{/FILTERED}}<input type="hidden" name="page" value="{{PAGE_NO}}"><button type="submit" class="primary">审批通过</button></form>
<form method="post" action="/staff/credits/{{ID}}/reject" class="inline-form"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="estate" value="{{ESTATE_ID}}">{{#FILTERED}}<input type="hidden" name="status" value="{{FILTER}}">{{/FILTERED}}<input type="hidden" name="page" value="{{PAGE_NO}}"><input name="reason" maxlength="200" placeholder="不通过的原因" aria-label="不通过的原因" value="{{REASON_VAL}}"{{#ROW_ALERT}} autofocus aria-describedby="credit-{{ID}}-err"{{/ROW_ALERT}}><button type="submit">不通过</button></form>
</div>
{{/CAN_DECIDE}}
{{#OWN_LOG}}<p class="muted">这条记录是您本人登记的，须由另一位经理审批。</p>{{/OWN_LOG}}
</section>
{{/CREDIT}}
{{>PAGER}}
