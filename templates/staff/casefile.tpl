{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/arrears?estate={{ESTATE_ID}}">欠费预警</a> › <a href="/staff/households/{{ID}}">{{LABEL}}</a> › 一户一策</p>
<h1>一户一策 · {{LABEL}}</h1>
<section class="card case-who">
<p class="case-premises"><b>{{LABEL}}</b> <span class="muted">{{ESTATE}} · {{OCCUPANCY}} · {{AREA}} ㎡</span></p>
<ul class="plain case-owners">
{{#OWNER}}<li><span class="owner-name">{{NAME}}</span>{{#PRIMARY}}<span class="muted">（产权人）</span>{{/PRIMARY}}{{#HAS_AGE}} <span class="muted">{{AGE}} 岁</span>{{/HAS_AGE}}{{#OVER_80}} <span class="badge elder">80岁以上</span>{{/OVER_80}} <a class="tel" href="tel:{{PHONE}}">{{PHONE}}</a></li>{{/OWNER}}
{{#NO_OWNER}}<li class="muted">没有登记业主</li>{{/NO_OWNER}}
</ul>
<p>逾期欠费 <b class="amount">¥{{OVERDUE}}</b> · 逾期 {{MONTHS}} {{#HAS_TIER}}<span class="badge tier-{{TIER_KEY}}">{{TIER_LABEL}}</span>{{/HAS_TIER}}</p>
</section>
<section class="card case-hardship">
<h2>困难帮扶：缓交与服务置换</h2>
<div class="hardship">
<div class="hardship-deferrals"><h3>缓交申请</h3>
<ul class="plain">{{#HS_DEFERRAL}}<li data-deferral="{{ID}}">{{APPLIED}} · 缓交 {{MONTHS}} 个月 · <b>{{STATUS}}</b>{{#HS_UNTIL}}，至 {{UNTIL}}{{/HS_UNTIL}}{{#HS_NOTE}}（{{NOTE}}）{{/HS_NOTE}}<br><span class="muted">{{REASON}}</span></li>{{/HS_DEFERRAL}}</ul>
{{#HS_NO_DEFERRAL}}<p class="muted">没有缓交申请。</p>{{/HS_NO_DEFERRAL}}
{{#HS_CAN_DEFER}}<p><a href="/staff/households/{{ID}}/deferrals/new">登记缓交申请</a></p>{{/HS_CAN_DEFER}}</div>
<div class="hardship-credits"><h3>服务置换</h3>
<ul class="plain">{{#HS_CREDIT}}<li>{{DATE}} · {{ACTIVITY}} · {{HOURS}} 小时 · <b>{{STATUS}}</b>{{#HS_AMOUNT}}，抵扣 <span class="amount">¥{{AMOUNT}}</span>{{/HS_AMOUNT}}</li>{{/HS_CREDIT}}</ul>
{{#HS_NO_CREDIT}}<p class="muted">没有服务置换记录。</p>{{/HS_NO_CREDIT}}
{{#HS_CAN_CREDIT}}<p><a href="/staff/households/{{ID}}/credits/new">登记服务置换</a></p>{{/HS_CAN_CREDIT}}</div>
</div>
<p class="muted">{{HS_SUMMARY}}</p>
</section>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
{{#NO_CASE}}
<section class="card">
<h2>还没有进行中的档案</h2>
{{#CAN_WRITE}}
<form method="post" action="/staff/households/{{ID}}/case" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{OPEN_TOKEN}}">
<label for="category">原因类别</label>
<select id="category" name="category">{{#CATEGORY_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select><p class="err">{{CATEGORY_ERR}}</p>
<label for="cause">查明的原因</label>
<textarea id="cause" name="cause" maxlength="500" rows="3">{{CAUSE_VAL}}</textarea><p class="err">{{CAUSE_ERR}}</p>
<label for="plan">化解方案</label>
<textarea id="plan" name="plan" maxlength="1000" rows="4">{{PLAN_VAL}}</textarea><p class="err">{{PLAN_ERR}}</p>
<button type="submit" class="primary">建立档案</button>
</form>
{{/CAN_WRITE}}
</section>
{{/NO_CASE}}
{{#OPEN}}
<section class="card case" data-case="{{CASE_ID}}">
<h2>原因与方案</h2>
<dl class="facts">
<div><dt>原因类别</dt><dd class="category">{{CATEGORY}}</dd></div>
<div><dt>查明的原因</dt><dd>{{CAUSE}}</dd></div>
<div><dt>化解方案</dt><dd>{{PLAN}}</dd></div>
<div><dt>建档</dt><dd>{{OPENED_BY}} · {{OPENED}}</dd></div>
</dl>
{{#CAN_WRITE}}
<details><summary>修改原因与方案</summary>
<form method="post" action="/staff/cases/{{CASE_ID}}/plan" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="p_category">原因类别</label>
<select id="p_category" name="category">{{#CATEGORY_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select>
<label for="p_cause">查明的原因</label>
<textarea id="p_cause" name="cause" maxlength="500" rows="3">{{CAUSE}}</textarea><p class="err">{{CAUSE_ERR}}</p>
<label for="p_plan">化解方案</label>
<textarea id="p_plan" name="plan" maxlength="1000" rows="4">{{PLAN}}</textarea><p class="err">{{PLAN_ERR}}</p>
<button type="submit">保存修改</button>
</form>
</details>
{{/CAN_WRITE}}
</section>
<section class="card">
<h2>联系记录</h2>
<ul class="plain contacts">{{#CONTACT}}<li>{{AT}} · {{KIND}} · {{WHO}}：{{OUTCOME}}</li>{{/CONTACT}}</ul>
{{#CAN_WRITE}}
<form method="post" action="/staff/cases/{{CASE_ID}}/contacts" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{CONTACT_TOKEN}}">
<label for="kind">联系方式</label>
<select id="kind" name="kind">{{#KIND_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPT}}</select><p class="err">{{KIND_ERR}}</p>
<label for="day">联系日期</label>
<input id="day" name="day" type="date" value="{{DAY_VAL}}"><p class="err">{{DAY_ERR}}</p>
<label for="outcome">结果</label>
<input id="outcome" name="outcome" maxlength="500" value="{{OUTCOME_VAL}}"><p class="err">{{OUTCOME_ERR}}</p>
<button type="submit">记录联系</button>
</form>
{{/CAN_WRITE}}
</section>
<section class="card">
<h2>缴费承诺</h2>
<ul class="plain promises">{{#PROMISE}}<li>{{MADE}} {{WHO}}：承诺 {{DUE}} 前缴 <b class="amount">¥{{AMOUNT}}</b>（已缴 ¥{{PAID}}）{{#KEPT}} <span class="badge tier-green" data-promise="kept">已兑现</span>{{/KEPT}}{{#BROKEN}} <span class="badge tier-red" data-promise="broken">未兑现</span>{{/BROKEN}}{{#PENDING}} <span class="badge" data-promise="pending">待兑现</span>{{/PENDING}}</li>{{/PROMISE}}</ul>
{{#CAN_WRITE}}
<form method="post" action="/staff/cases/{{CASE_ID}}/promises" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{PROMISE_TOKEN}}">
<label for="amount">承诺金额（元）</label>
<input id="amount" name="amount" inputmode="decimal" value="{{AMOUNT_VAL}}"><p class="err">{{AMOUNT_ERR}}</p>
<label for="due">承诺日期</label>
<input id="due" name="due" type="date" value="{{DUE_VAL}}"><p class="err">{{DUE_ERR}}</p>
<button type="submit">记录承诺</button>
</form>
{{/CAN_WRITE}}
</section>
<section class="card">
<h2>建档后的缴费</h2>
<ul class="plain">{{#PAYMENT}}<li>{{AT}} · {{CHANNEL}} · <span class="amount">{{AMOUNT}}</span> · <a href="/staff/receipts/{{RECEIPT_ID}}">{{RECEIPT}}</a></li>{{/PAYMENT}}</ul>
</section>
{{#CAN_CLOSE}}
<section class="card">
<h2>结案</h2>
<form method="post" action="/staff/cases/{{CASE_ID}}/close" class="form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="result">处理结果</label>
<input id="result" name="result" maxlength="500" value="{{RESULT_VAL}}"><p class="err">{{RESULT_ERR}}</p>
<button type="submit">结案</button>
</form>
</section>
{{/CAN_CLOSE}}
{{/OPEN}}
<section class="card case-requests">
<h2>报事报修</h2>
<ul class="plain">{{#RQ}}<li data-request="{{RQ_ID}}"><a href="/staff/requests/{{RQ_ID}}">{{RQ_AT}} · {{RQ_CATEGORY}}</a> · {{RQ_STATUS}}{{#RQ_HAS_SCORE}} · 满意度 {{RQ_SCORE}}{{/RQ_HAS_SCORE}}{{#RQ_WITHHOLDING}} · <span class="warn">因此拒缴</span>{{#RQ_NOT_FIXED}} · 尚未处理完{{/RQ_NOT_FIXED}}{{#RQ_PAID_AFTER}} · <b class="paid-after">修复后 30 天内已缴费</b>（{{RQ_PAID_DAY}}）{{/RQ_PAID_AFTER}}{{#RQ_NOT_PAID_AFTER}} · <span class="not-paid-after">修复后 30 天内未缴费</span>{{/RQ_NOT_PAID_AFTER}}{{/RQ_WITHHOLDING}}</li>{{/RQ}}</ul>
</section>
<section class="card">
<h2>以往档案</h2>
<ul class="plain">{{#CLOSED}}<li>{{OPENED}} 至 {{CLOSED_AT}} · {{CATEGORY}}：{{CAUSE}} → {{OUTCOME}}</li>{{/CLOSED}}</ul>
</section>
