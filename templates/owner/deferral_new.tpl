{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/deferrals">缓交申请</a> › 申请缓交</p>
<h1>申请缓交 · {{PREMISES}}</h1>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/premises/{{PREMISES_ID}}/deferrals" enctype="multipart/form-data" class="form card deferral-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="reason" class="big-text">1. 为什么需要缓交？</label>
<textarea id="reason" name="reason" rows="4" maxlength="500" placeholder="比如：今年 6 月失业，正在找工作"{{#REASON_FOCUS}} autofocus{{/REASON_FOCUS}}>{{REASON_VAL}}</textarea>
<p class="err">{{REASON_ERR}}</p>
<fieldset class="choices" id="bill"><legend class="big-text">2. 哪些账单要缓交？</legend>
<ul class="plain checks">
{{#BILL}}<li><label><input type="checkbox" name="bill" value="{{BILL_ID}}"{{#CHECKED}} checked{{/CHECKED}}><span>{{PERIOD}} {{ITEM}}，尚欠 <b class="amount">¥{{OWED}}</b>，截止 {{DUE}}{{#LATE}} <span class="late">已逾期</span>{{/LATE}}</span></label></li>
{{/BILL}}</ul>
{{#NO_BILLS}}<p class="card">这套房目前没有待缴的账单，不需要申请缓交。</p>{{/NO_BILLS}}
<p class="err">{{BILLS_ERR}}</p></fieldset>
<fieldset class="choices" id="months"><legend class="big-text">3. 缓交多久？</legend>
{{#MONTHS_OPT}}<label class="choice"><input type="radio" name="months" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{KEY}} 个月</label>
{{/MONTHS_OPT}}<p class="err">{{MONTHS_ERR}}</p></fieldset>
<label for="photo" class="big-text">4. 证明材料（可不传）</label>
<input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/heic">
<p class="muted">如失业证明、病历、低保证，拍一张照片即可。</p>
<button type="submit" class="primary wide">提交申请</button>
</form>
<p class="muted">从经理批准那天起计算缓交期。缓交期满后，所选账单以缓交截止日为新的缴费截止日。</p>
