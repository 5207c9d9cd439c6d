{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › <a href="/premises/{{PREMISES_ID}}/bills?status=unpaid">{{PREMISES}}</a> › 在线缴费</p>
<h1>在线缴费 · {{PREMISES}}</h1>
{{>ERROR_SUMMARY}}
{{#MESSAGE}}<p class="alert" role="alert">{{MESSAGE_TEXT}}</p>{{/MESSAGE}}
{{#NOTICE}}<p class="ok card notice" role="status">{{MESSAGE_TEXT}}</p>{{/NOTICE}}
{{#OPEN_ORDER}}<p class="card open-order">您有一笔支付订单正在进行：{{OTN_CHANNEL}} ¥{{OTN_AMOUNT}}。<a class="button primary" href="/pay/{{OTN}}">继续这笔订单</a></p>{{/OPEN_ORDER}}
<section class="card owed-summary">
<p>待缴合计 <b class="amount big owed-total">¥{{OWED}}</b></p>
{{#PASTDUE}}<p class="pastdue-sum">其中逾期未缴 <span class="amount overdue-amount">¥{{PASTDUE_AMOUNT}}</span>，已逾期 {{PASTDUE_MONTHS}}</p>{{/PASTDUE}}
</section>
{{#NO_CHANNEL}}<p class="card alert">本小区暂未开通在线缴费，请到物业服务中心缴费，或联系您的收费员上门收费。</p>{{/NO_CHANNEL}}
<form method="post" action="/premises/{{PREMISES_ID}}/pay" class="form card pay-online">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="opened" value="{{OPENED}}">
<fieldset class="what">
<legend>缴纳内容</legend>
{{#HAS_OVERDUE}}<label class="choice"><input type="radio" id="what" name="what" value="overdue"{{#WHAT_overdue}} checked{{/WHAT_overdue}}{{#WHAT_FOCUS}} autofocus{{/WHAT_FOCUS}}> 缴纳逾期 <b class="amount">¥{{OVERDUE_FEN}}</b></label>{{/HAS_OVERDUE}}
{{#HAS_OPEN}}<label class="choice"><input type="radio" name="what" value="all"{{#WHAT_all}} checked{{/WHAT_all}}> 一键缴清 <b class="amount">¥{{OWED}}</b></label>
<label class="choice"><input type="radio" name="what" value="bills"{{#WHAT_bills}} checked{{/WHAT_bills}}> 选择账单（在下面勾选）</label>
<ul class="plain checks pay-bills" data-what="bills">
{{#BILL}}<li><label><input type="checkbox" name="bill" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}><span>{{PERIOD}} {{ITEM}}，尚欠 <b class="amount">¥{{OWED}}</b>，截止 {{DUE}}{{#LATE}} <span class="late">已逾期</span>{{/LATE}}</span></label></li>{{/BILL}}
</ul>{{/HAS_OPEN}}
<label class="choice"><input type="radio" name="what" value="prepay"{{#WHAT_prepay}} checked{{/WHAT_prepay}}> 预存物业费</label>
<div class="field" data-what="prepay">
<label for="months">预存月数（每月约 ¥{{MONTHLY}}；有未缴账单时先抵扣未缴账单）</label>
<select id="months" name="months"{{#MONTHS_FOCUS}} autofocus{{/MONTHS_FOCUS}}>
{{#MONTH_OPT}}<option value="{{N}}"{{#SELECTED}} selected{{/SELECTED}}>{{N}} 个月{{#TOTAL}}，合计 ¥{{TOTAL_FEN}}{{/TOTAL}}</option>
{{/MONTH_OPT}}</select>
<p class="err">{{MONTHS_ERR}}</p>
</div>
<p class="err">{{WHAT_ERR}}</p>
</fieldset>
<fieldset class="channels">
<legend>支付方式</legend>
{{#CHANNEL}}<label class="choice channel-{{CODE}}"><input type="radio" name="channel" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}{{#CLOSED}} disabled{{/CLOSED}}> {{LABEL}}{{#CLOSED}} <span class="muted">（暂未开通）</span>{{/CLOSED}}{{#JUST_CANCELLED}} <span class="muted">（刚取消）</span>{{/JUST_CANCELLED}}</label>{{/CHANNEL}}
{{#INSTALMENTS}}<label class="choice channel-instalments"><input type="radio" name="channel" value="instalments"{{#CHECKED_INSTALMENTS}} checked{{/CHECKED_INSTALMENTS}}> 分期付款（支付宝花呗分期）</label>{{/INSTALMENTS}}
{{#UNIONPAY_INSTALMENTS}}<label class="choice channel-unionpay_instalments"><input type="radio" name="channel" value="unionpay_instalments"{{#CHECKED_UNIONPAY_INSTALMENTS}} checked{{/CHECKED_UNIONPAY_INSTALMENTS}}> 分期付款（云闪付信用卡分期）</label>{{/UNIONPAY_INSTALMENTS}}
{{#PLAN_FIELD}}<div class="field" data-channel="instalments unionpay_instalments">
<label for="plan">分期期数</label>
<select id="plan" name="plan">
<option value="3"{{#PLAN_3}} selected{{/PLAN_3}}>3 期</option>
<option value="6"{{#PLAN_6}} selected{{/PLAN_6}}>6 期</option>
<option value="12"{{#PLAN_12}} selected{{/PLAN_12}}>12 期</option>
</select>
<p class="muted">分期手续费由您承担，以支付页面显示为准。</p>
<p class="err">{{PLAN_ERR}}</p>
</div>{{/PLAN_FIELD}}
{{#NO_INSTALMENTS}}<p class="muted">分期付款：本小区暂未开通。</p>{{/NO_INSTALMENTS}}
<p class="err">{{CHANNEL_ERR}}</p>
</fieldset>
<p class="muted">点“去支付”后生成支付订单，再前往支付页面；请在 15 分钟内完成支付。支付成功后返回本站，显示电子收据。</p>
<button type="submit" class="primary wide">去支付</button>
</form>
{{#ELDER_ORDER}}<section class="card one-tap one-tap-order">
<h2>您有一笔支付订单正在进行</h2>
<p class="one-tap-sum">{{OTN_CHANNEL}} ¥{{OTN_AMOUNT}}</p>
<p><a class="button primary huge continue-order" href="/pay/{{OTN}}">继续这笔订单</a></p>
<p>在订单页面付款。要换一种方式付款，请在订单页面点“取消订单，换一种方式支付”。</p>
</section>
{{/ELDER_ORDER}}
{{#ONE_TAP}}<section class="card one-tap" id="one-tap">
<h2>一键缴纳全部逾期</h2>
<p class="one-tap-sum">逾期未缴 <b class="amount">¥{{OVERDUE_FEN}}</b></p>
<p>点一下您常用的付款方式，就生成订单、打开付款页面；在付款页面确认后才会扣款。</p>
{{#ONE_TAP_CHANNEL}}<form method="post" action="/premises/{{PREMISES_ID}}/pay" class="one-tap-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="opened" value="{{OPENED}}">
<input type="hidden" name="what" value="overdue">
<input type="hidden" name="channel" value="{{CODE}}">
<button type="submit" class="primary huge one-tap-{{CODE}}">用{{LABEL}}缴纳逾期</button>
</form>
{{/ONE_TAP_CHANNEL}}</section>
{{/ONE_TAP}}
<script src="/static/ownerpay.js"></script>
