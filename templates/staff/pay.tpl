{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households/{{ID}}">{{LABEL}}</a> › 收款</p>
<h1>收款 · {{LABEL}}</h1>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
{{#ONLINE_OPEN}}<p class="alert online-open" role="alert">业主正在线上缴费：订单 {{OTN}}，{{OTN_CHANNEL}} ¥{{OTN_AMOUNT}}，15 分钟内有效。请先问清业主是否已在手机上付款，避免重复收费。</p>{{/ONLINE_OPEN}}
<form method="post" action="/staff/households/{{ID}}/pay" class="form card pay-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
{{#ONLINE_CONFIRM}}<div class="recent-paid online-confirm" role="alert">
<p>业主有一笔正在进行的线上支付订单（见上）。如果业主已在手机上付款，请不要再收。</p>
<label class="inline"><input type="checkbox" id="online_ok" name="online_ok" value="1"{{#ONLINE_OK_CHECKED}} checked{{/ONLINE_OK_CHECKED}}{{#ONLINE_OK_FOCUS}} autofocus{{/ONLINE_OK_FOCUS}}> 已和业主确认，不会再在手机上付款</label>
<p class="err">{{ONLINE_OK_ERR}}</p>
</div>{{/ONLINE_CONFIRM}}
{{#RECENT_PAID}}<div class="recent-paid" role="alert">
{{#RECENT}}<p class="recent">刚刚已收款 <b class="amount">¥{{RECENT_AMOUNT}}</b>（{{RECENT_AT}}，收据号 <a href="/staff/receipts/{{RECENT_ID}}">{{RECENT_NUMBER}}</a>，<span class="nowrap">收款人 {{RECENT_BY}}</span>）</p>{{/RECENT}}
<p>如果是同一笔款，已经收过了，请不要再收：点收据号查看收据。下面的收款金额不再预填。</p>
<label class="inline"><input type="checkbox" id="again" name="again" value="1"{{#AGAIN_CHECKED}} checked{{/AGAIN_CHECKED}}{{#AGAIN_FOCUS}} autofocus{{/AGAIN_FOCUS}}> 确认这是另一笔新的收款</label>
<p class="err">{{AGAIN_ERR}}</p>
</div>{{/RECENT_PAID}}
<h2>未缴账单</h2>
{{#NO_BILLS}}<p class="muted">本户没有未缴账单；收到的钱将存为预存款。</p>{{/NO_BILLS}}
<p class="muted">不勾选时，按截止日期从早到晚依次冲抵；勾选后先冲抵所选账单，余下的再按截止日期从早到晚冲抵其他未缴账单；所有账单缴清后仍有剩余，才存为预存款。</p>
<ul class="plain checks">
{{#BILL}}<li><label><input type="checkbox" name="bill" value="{{BILL_ID}}"{{#CHECKED}} checked{{/CHECKED}}><span>{{PERIOD}} {{ITEM}}，尚欠 <b class="amount">¥{{OWED}}</b>，截止 {{DUE}}{{#PAST_DUE}} <span class="badge tier-red">已逾期</span>{{/PAST_DUE}}</span></label></li>{{/BILL}}
</ul>
<p>未缴合计 <b class="amount">¥{{TOTAL}}</b>{{#HAS_OVERDUE}}，其中已逾期 <b class="amount overdue">¥{{OVERDUE}}</b>{{/HAS_OVERDUE}}</p>
{{#PREFILL_OVERDUE}}<p class="muted prefill">收款金额已按逾期欠费 ¥{{OVERDUE}} 预填；业主愿意多缴时可以改大。</p>{{/PREFILL_OVERDUE}}
{{#HAS_NEXT}}<p class="muted prefill">本户没有逾期欠费；收款金额已按下一期（{{NEXT_DUE}} 截止）¥{{NEXT}} 预填。</p>{{/HAS_NEXT}}
<label for="amount">收款金额（元）</label>
<input id="amount" name="amount" inputmode="decimal" value="{{AMOUNT_VAL}}" autocomplete="off"{{#AMOUNT_FOCUS}} autofocus{{/AMOUNT_FOCUS}}>
<p class="err">{{AMOUNT_ERR}}</p>
<fieldset class="channels">
<legend>缴费方式</legend>
<label class="inline"><input type="radio" id="channel" name="channel" value="cash"{{#CH_cash}} checked{{/CH_cash}}{{#CHANNEL_FOCUS}} autofocus{{/CHANNEL_FOCUS}}> 现金</label>
<label class="inline"><input type="radio" name="channel" value="pos_counter"{{#CH_pos_counter}} checked{{/CH_pos_counter}}> 柜台POS</label>
<label class="inline"><input type="radio" name="channel" value="pos_door"{{#CH_pos_door}} checked{{/CH_pos_door}}> 上门POS</label>
</fieldset>
<p class="err">{{CHANNEL_ERR}}</p>
<div class="channel-field" data-channels="cash">
<label for="tendered">实收（元，现金；可不填，填了收据页显示找零）</label>
<input id="tendered" name="tendered" inputmode="decimal" value="{{TENDERED_VAL}}" autocomplete="off"{{#TENDERED_FOCUS}} autofocus{{/TENDERED_FOCUS}}>
<p class="err">{{TENDERED_ERR}}</p>
</div>
<div class="channel-field" data-channels="pos_counter pos_door">
<label for="pos_voucher">POS 凭证号（刷卡必填，见 POS 小票）</label>
<input id="pos_voucher" name="pos_voucher" inputmode="numeric" maxlength="20" value="{{POS_VOUCHER_VAL}}" autocomplete="off"{{#POS_VOUCHER_FOCUS}} autofocus{{/POS_VOUCHER_FOCUS}}>
<p class="err">{{POS_VOUCHER_ERR}}</p>
</div>
<div class="channel-field" data-channels="pos_door">
<label for="visit_date">上门日期（上门POS）</label>
<input id="visit_date" name="visit_date" type="date" value="{{VISIT_DATE_VAL}}"{{#VISIT_DATE_FOCUS}} autofocus{{/VISIT_DATE_FOCUS}}>
{{#ELDER}}<p class="muted">本户有 80 岁以上的业主，上门记录会标注。</p>{{/ELDER}}
<p class="err">{{VISIT_DATE_ERR}}</p>
</div>
<label for="payer">缴款人</label>
<select id="payer" name="payer"{{#PAYER_FOCUS}} autofocus{{/PAYER_FOCUS}}><option value="">其他人（请在下面填写姓名）</option>{{#OWNER}}<option value="{{OWNER_ID}}"{{#OWNER_SELECTED}} selected{{/OWNER_SELECTED}}>{{OWNER_NAME}}</option>{{/OWNER}}</select>
<p class="err">{{PAYER_ERR}}</p>
<label for="payer_name">缴款人姓名（非业主本人时）</label>
<input id="payer_name" name="payer_name" maxlength="50" value="{{PAYER_NAME_VAL}}"{{#PAYER_NAME_FOCUS}} autofocus{{/PAYER_NAME_FOCUS}}>
<p class="err">{{PAYER_NAME_ERR}}</p>
<label for="note">备注</label>
<input id="note" name="note" maxlength="200" value="{{NOTE_VAL}}"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>
<p class="err">{{NOTE_ERR}}</p>
<p class="err">{{FORM_TOKEN_ERR}}</p>
<button type="submit" class="primary wide">确认收款并开具收据</button>
</form>
<script src="/static/pay.js"></script>
