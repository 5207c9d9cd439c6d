{{%AUTOESCAPE context="HTML"}}
<h1>预警与目标设置 · {{ESTATE_NAME}}</h1>
{{>ERROR_SUMMARY}}
<form method="get" action="/staff/settings" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select></div>
<div class="field actions"><button type="submit">切换</button></div>
</form>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#READ_ONLY}}
<section class="card settings-read">
<p class="muted">服务中心联系方式、预警标准和年度目标由经理设置，您可以查看，不能修改。</p>
<h2>服务中心联系方式</h2>
<dl class="facts">
<div><dt>服务中心电话</dt><dd data-field="phone">{{PHONE_VAL}}</dd></div>
<div><dt>服务时间</dt><dd data-field="opening_hours">{{OPENING_HOURS_VAL}}</dd></div>
</dl>
<h2>三级预警</h2>
<dl class="facts">
<div><dt>红色：逾期超过（月）</dt><dd data-field="red_months">{{RED_MONTHS_VAL}}</dd></div>
<div><dt>红色：欠费超过（元）</dt><dd data-field="red_amount">{{RED_AMOUNT_VAL}}</dd></div>
<div><dt>黄色：逾期达到（月）</dt><dd data-field="yellow_months">{{YELLOW_MONTHS_VAL}}</dd></div>
<div><dt>绿色：逾期达到（月）</dt><dd data-field="green_months">{{GREEN_MONTHS_VAL}}</dd></div>
</dl>
<h2>年度目标</h2>
<dl class="facts">
<div><dt>收费率目标（%）</dt><dd data-field="target_collection">{{TARGET_COLLECTION_VAL}}</dd></div>
<div><dt>历史欠费化解率目标（%）</dt><dd data-field="target_recovery">{{TARGET_RECOVERY_VAL}}</dd></div>
<div><dt>满意度目标（分）</dt><dd data-field="target_satisfaction">{{TARGET_SATISFACTION_VAL}}</dd></div>
</dl>
<h2 id="pay">满意度与绩效工资</h2>
<dl class="facts">
<div><dt>基准满意度（分）</dt><dd data-field="satisfaction_baseline">{{SATISFACTION_BASELINE_VAL}}</dd></div>
<div><dt>每高出几分算一档</dt><dd data-field="pay_step_points">{{PAY_STEP_POINTS_VAL}}</dd></div>
<div><dt>每档绩效工资上调（%）</dt><dd data-field="pay_step_pct">{{PAY_STEP_PCT_VAL}}</dd></div>
</dl>
<h2>账单和提醒的发送</h2>
<dl class="facts">
<div><dt>免打扰时段</dt><dd data-field="quiet">{{QUIET_WORDS}}</dd></div>
<div><dt>到期前几天提醒</dt><dd data-field="remind_before_days">{{REMIND_BEFORE_DAYS_VAL}}</dd></div>
<div><dt>逾期后每隔几天提醒</dt><dd data-field="remind_every_days">{{REMIND_EVERY_DAYS_VAL}}</dd></div>
<div><dt>每笔账单最多提醒几次</dt><dd data-field="remind_max">{{REMIND_MAX_VAL}}</dd></div>
<div><dt>每位业主每天最多收几条（每种方式）</dt><dd data-field="msg_owner_day_max">{{MSG_OWNER_DAY_MAX_VAL}}</dd></div>
<div><dt>空置房托管：欠费满几个月暂停</dt><dd data-field="custody_suspend_months">{{CUSTODY_SUSPEND_MONTHS_VAL}}</dd></div>
</dl>
<h2 id="latefee-facts">滞纳金</h2>
<p class="muted">各地对滞纳金的规定不同，很多小区从不收取；默认不收。开启前请先核对当地规定和物业服务合同。业主缓交期间不计滞纳金。滞纳金单独出账，不计入本金，可以减免。</p>
<dl class="facts">
<div><dt>是否收取滞纳金</dt><dd data-field="late_fee_on">{{#LATE_FEE_IS_ON}}收取{{/LATE_FEE_IS_ON}}{{#LATE_FEE_IS_OFF}}不收取{{/LATE_FEE_IS_OFF}}</dd></div>
<div><dt>每日费率</dt><dd data-field="late_fee_rate">万分之 {{LATE_FEE_RATE_VAL}}</dd></div>
<div><dt>宽限天数</dt><dd data-field="late_fee_grace_days">{{LATE_FEE_GRACE_DAYS_VAL}}</dd></div>
<div><dt>上限（占本金的 %）</dt><dd data-field="late_fee_cap">{{LATE_FEE_CAP_VAL}}</dd></div>
<div><dt>缴费时先缴</dt><dd data-field="late_fee_order">{{#LATE_FEE_PRINCIPAL_FIRST}}本金（物业费等），再缴滞纳金{{/LATE_FEE_PRINCIPAL_FIRST}}{{#LATE_FEE_OLDEST_FIRST}}按到期先后{{/LATE_FEE_OLDEST_FIRST}}</dd></div>
</dl>
</section>
{{/READ_ONLY}}
{{#CAN_EDIT}}
<form method="post" action="/staff/settings" class="form card settings-contact">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="part" value="contact">
<h2>服务中心联系方式</h2>
<p class="muted">显示在业主每一页的底部和每张账单上，业主可一键拨打。</p>
<label for="phone">服务中心电话</label>
<input id="phone" name="phone" type="tel" value="{{PHONE_VAL}}"><p class="err">{{PHONE_ERR}}</p>
<label for="opening_hours">服务时间</label>
<input id="opening_hours" name="opening_hours" value="{{OPENING_HOURS_VAL}}" placeholder="例如 每天 8:00-18:00"><p class="err">{{OPENING_HOURS_ERR}}</p>
<button type="submit" class="primary wide">更新联系方式</button>
</form>
<form method="post" action="/staff/settings" class="form card">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="part" value="tiers">
<h2>三级预警</h2>
<p class="muted">红色：逾期超过所设月数且欠费超过所设金额；黄色：逾期达到所设月数（或超过红色月数但金额未超）；绿色：逾期达到所设月数。</p>
<label for="red_months">红色：逾期超过（月）</label>
<input id="red_months" name="red_months" inputmode="numeric" value="{{RED_MONTHS_VAL}}"{{#RED_MONTHS_FOCUS}} autofocus{{/RED_MONTHS_FOCUS}}><p class="err">{{RED_MONTHS_ERR}}</p>
<label for="red_amount">红色：欠费超过（元）</label>
<input id="red_amount" name="red_amount" inputmode="decimal" value="{{RED_AMOUNT_VAL}}"{{#RED_AMOUNT_FOCUS}} autofocus{{/RED_AMOUNT_FOCUS}}><p class="err">{{RED_AMOUNT_ERR}}</p>
<label for="yellow_months">黄色：逾期达到（月）</label>
<input id="yellow_months" name="yellow_months" inputmode="numeric" value="{{YELLOW_MONTHS_VAL}}"{{#YELLOW_MONTHS_FOCUS}} autofocus{{/YELLOW_MONTHS_FOCUS}}><p class="err">{{YELLOW_MONTHS_ERR}}</p>
<label for="green_months">绿色：逾期达到（月）</label>
<input id="green_months" name="green_months" inputmode="numeric" value="{{GREEN_MONTHS_VAL}}"{{#GREEN_MONTHS_FOCUS}} autofocus{{/GREEN_MONTHS_FOCUS}}><p class="err">{{GREEN_MONTHS_ERR}}</p>
<h2>年度目标</h2>
<label for="target_collection">收费率目标（%）</label>
<input id="target_collection" name="target_collection" inputmode="decimal" value="{{TARGET_COLLECTION_VAL}}"{{#TARGET_COLLECTION_FOCUS}} autofocus{{/TARGET_COLLECTION_FOCUS}}><p class="err">{{TARGET_COLLECTION_ERR}}</p>
<label for="target_recovery">历史欠费化解率目标（%）</label>
<input id="target_recovery" name="target_recovery" inputmode="decimal" value="{{TARGET_RECOVERY_VAL}}"{{#TARGET_RECOVERY_FOCUS}} autofocus{{/TARGET_RECOVERY_FOCUS}}><p class="err">{{TARGET_RECOVERY_ERR}}</p>
<label for="target_satisfaction">满意度目标（分）</label>
<input id="target_satisfaction" name="target_satisfaction" inputmode="numeric" value="{{TARGET_SATISFACTION_VAL}}"{{#TARGET_SATISFACTION_FOCUS}} autofocus{{/TARGET_SATISFACTION_FOCUS}}><p class="err">{{TARGET_SATISFACTION_ERR}}</p>
<button type="submit" class="primary wide">保存</button>
</form>
<form method="post" action="/staff/settings" class="form card settings-pay" id="pay">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="part" value="pay">
<h2>满意度与绩效工资</h2>
<p class="muted">收费员当月回访的平均满意度每高出基准一档，绩效工资上调所设百分比（只算满档；低于或等于基准按 100% 计）。例如基准 85 分、每 5 分一档、每档 3%：平均 94.9 分为 103%，95.0 分为 106%。</p>
<label for="satisfaction_baseline">基准满意度（分）</label>
<input id="satisfaction_baseline" name="satisfaction_baseline" inputmode="numeric" value="{{SATISFACTION_BASELINE_VAL}}"{{#SATISFACTION_BASELINE_FOCUS}} autofocus{{/SATISFACTION_BASELINE_FOCUS}}><p class="err">{{SATISFACTION_BASELINE_ERR}}</p>
<label for="pay_step_points">每高出几分算一档</label>
<input id="pay_step_points" name="pay_step_points" inputmode="numeric" value="{{PAY_STEP_POINTS_VAL}}"{{#PAY_STEP_POINTS_FOCUS}} autofocus{{/PAY_STEP_POINTS_FOCUS}}><p class="err">{{PAY_STEP_POINTS_ERR}}</p>
<label for="pay_step_pct">每档绩效工资上调（%）</label>
<input id="pay_step_pct" name="pay_step_pct" inputmode="decimal" value="{{PAY_STEP_PCT_VAL}}"{{#PAY_STEP_PCT_FOCUS}} autofocus{{/PAY_STEP_PCT_FOCUS}}><p class="err">{{PAY_STEP_PCT_ERR}}</p>
<button type="submit" class="primary wide">保存绩效设置</button>
</form>
<form method="post" action="/staff/settings" class="form card settings-messages">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="part" value="messages">
<h2>账单和提醒的发送</h2>
<p class="muted">电子账单和缴费提醒在免打扰时段内不发，等时段结束再发；电子收据和验证码随时发送。开始和结束选同一时间，表示不设免打扰。</p>
<div class="pair">
<div><label for="quiet_from">免打扰开始</label>
<select id="quiet_from" name="quiet_from"{{#QUIET_FROM_FOCUS}} autofocus{{/QUIET_FROM_FOCUS}}>{{#QUIET_FROM_OPT}}<option value="{{HOUR}}"{{#HOUR_SELECTED}} selected{{/HOUR_SELECTED}}>{{HOUR}}</option>{{/QUIET_FROM_OPT}}</select><p class="err">{{QUIET_FROM_ERR}}</p></div>
<div><label for="quiet_to">免打扰结束</label>
<select id="quiet_to" name="quiet_to"{{#QUIET_TO_FOCUS}} autofocus{{/QUIET_TO_FOCUS}}>{{#QUIET_TO_OPT}}<option value="{{HOUR}}"{{#HOUR_SELECTED}} selected{{/HOUR_SELECTED}}>{{HOUR}}</option>{{/QUIET_TO_OPT}}</select><p class="err">{{QUIET_TO_ERR}}</p></div>
</div>
<p class="muted">缴费提醒：到期前提醒一次、到期当天提醒一次，逾期后每隔所设天数再提醒，每笔账单合计不超过所设次数；已缴清或已减免的账单不再提醒。“逾期后每隔几天”填 0 表示逾期后不再提醒。</p>
<label for="remind_before_days">到期前几天提醒</label>
<input id="remind_before_days" name="remind_before_days" inputmode="numeric" value="{{REMIND_BEFORE_DAYS_VAL}}"{{#REMIND_BEFORE_DAYS_FOCUS}} autofocus{{/REMIND_BEFORE_DAYS_FOCUS}}><p class="err">{{REMIND_BEFORE_DAYS_ERR}}</p>
<label for="remind_every_days">逾期后每隔几天提醒</label>
<input id="remind_every_days" name="remind_every_days" inputmode="numeric" value="{{REMIND_EVERY_DAYS_VAL}}"{{#REMIND_EVERY_DAYS_FOCUS}} autofocus{{/REMIND_EVERY_DAYS_FOCUS}}><p class="err">{{REMIND_EVERY_DAYS_ERR}}</p>
<label for="remind_max">每笔账单最多提醒几次</label>
<input id="remind_max" name="remind_max" inputmode="numeric" value="{{REMIND_MAX_VAL}}"{{#REMIND_MAX_FOCUS}} autofocus{{/REMIND_MAX_FOCUS}}><p class="err">{{REMIND_MAX_ERR}}</p>
<label for="msg_owner_day_max">每位业主每天最多收几条（每种方式）</label>
<input id="msg_owner_day_max" name="msg_owner_day_max" inputmode="numeric" value="{{MSG_OWNER_DAY_MAX_VAL}}"{{#MSG_OWNER_DAY_MAX_FOCUS}} autofocus{{/MSG_OWNER_DAY_MAX_FOCUS}}><p class="err">{{MSG_OWNER_DAY_MAX_ERR}}</p>
<p class="muted">任意 24 小时内超出所设条数的账单和提醒顺延发送；收据和验证码不受限制。</p>
<button type="submit" class="primary wide">保存发送设置</button>
</form>
<form method="post" action="/staff/settings" class="form card settings-custody" id="custody">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="part" value="custody">
<h2>空置房托管</h2>
<p class="muted">托管协议与缴费挂钩：房屋欠费满所设月数时，开窗通风、代收快递等托管服务自动暂停，欠费少于所设月数后自动恢复。</p>
<label for="custody_suspend_months">欠费满几个月暂停托管服务</label>
<input id="custody_suspend_months" name="custody_suspend_months" inputmode="numeric" value="{{CUSTODY_SUSPEND_MONTHS_VAL}}"{{#CUSTODY_SUSPEND_MONTHS_FOCUS}} autofocus{{/CUSTODY_SUSPEND_MONTHS_FOCUS}}><p class="err">{{CUSTODY_SUSPEND_MONTHS_ERR}}</p>
<button type="submit" class="primary wide">保存托管设置</button>
</form>
<form method="post" action="/staff/settings" class="form card settings-latefee" id="latefee">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<input type="hidden" name="part" value="latefee">
<h2>滞纳金</h2>
<p class="muted">各地对滞纳金的规定不同，很多小区从不收取；默认不收。开启前请先核对当地规定和物业服务合同。业主缓交期间不计滞纳金。滞纳金单独出账，不计入本金，可以减免。</p>
<fieldset><legend>是否收取滞纳金</legend>
<label><input type="radio" name="late_fee_on" value="off"{{#LATE_FEE_IS_OFF}} checked{{/LATE_FEE_IS_OFF}}> 不收取</label>
<label><input type="radio" name="late_fee_on" value="on"{{#LATE_FEE_IS_ON}} checked{{/LATE_FEE_IS_ON}}> 收取</label>
<p class="err">{{LATE_FEE_ON_ERR}}</p></fieldset>
<label for="late_fee_rate">每日费率（万分之几）</label>
<input id="late_fee_rate" name="late_fee_rate" inputmode="decimal" value="{{LATE_FEE_RATE_VAL}}"{{#LATE_FEE_RATE_FOCUS}} autofocus{{/LATE_FEE_RATE_FOCUS}}><p class="err">{{LATE_FEE_RATE_ERR}}</p>
<label for="late_fee_grace_days">宽限天数（到期后几天内不计）</label>
<input id="late_fee_grace_days" name="late_fee_grace_days" inputmode="numeric" value="{{LATE_FEE_GRACE_DAYS_VAL}}"{{#LATE_FEE_GRACE_DAYS_FOCUS}} autofocus{{/LATE_FEE_GRACE_DAYS_FOCUS}}><p class="err">{{LATE_FEE_GRACE_DAYS_ERR}}</p>
<label for="late_fee_cap">上限（占本金的 %，不超过 100）</label>
<input id="late_fee_cap" name="late_fee_cap" inputmode="decimal" value="{{LATE_FEE_CAP_VAL}}"{{#LATE_FEE_CAP_FOCUS}} autofocus{{/LATE_FEE_CAP_FOCUS}}><p class="err">{{LATE_FEE_CAP_ERR}}</p>
<fieldset><legend>缴费时先缴</legend>
<label><input type="radio" name="late_fee_order" value="principal"{{#LATE_FEE_PRINCIPAL_FIRST}} checked{{/LATE_FEE_PRINCIPAL_FIRST}}> 本金（物业费等），再缴滞纳金</label>
<label><input type="radio" name="late_fee_order" value="oldest"{{#LATE_FEE_OLDEST_FIRST}} checked{{/LATE_FEE_OLDEST_FIRST}}> 按到期先后</label>
<p class="err">{{LATE_FEE_ORDER_ERR}}</p></fieldset>
<p class="muted">滞纳金按每日仍欠的本金计算，不对滞纳金再计滞纳金；每月初把上月新增的部分单独出账。</p>
<button type="submit" class="primary wide">保存滞纳金设置</button>
</form>
{{/CAN_EDIT}}
