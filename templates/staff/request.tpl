{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/requests?estate={{ESTATE_ID}}">报事报修</a> › {{CATEGORY}}</p>
<h1>{{CATEGORY}} · {{WHERE}}{{#LATE}} <span class="badge tier-red late-mark">超时</span>{{/LATE}}</h1>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<section class="card">
<p>当前：<b class="rq-status">{{STATUS}}</b>{{#HAS_DUE}} · 下一步期限 <span class="due">{{DUE}}</span>{{/HAS_DUE}}</p>
<p class="rq-body">{{BODY}}</p>
{{#WITHHOLDING}}<p class="warn">业主因这件事拒缴物业费</p>{{/WITHHOLDING}}
{{#HAS_PLAN}}<p>处理方案：<span class="rq-plan">{{PLAN}}</span></p>{{/HAS_PLAN}}
{{#CONTACT}}<p class="contact">联系人：{{#HAS_NAME}}{{CONTACT_NAME}} {{/HAS_NAME}}{{#HAS_PHONE}}<a href="tel:{{CONTACT_PHONE}}">{{CONTACT_PHONE}}</a>{{/HAS_PHONE}}{{#SHARED}}（业主同意提供给工程部）{{/SHARED}}</p>{{/CONTACT}}
{{#NO_CONTACT}}<p class="muted no-contact">业主未同意提供联系方式，上门前请联系客服。</p>{{/NO_CONTACT}}
{{#HOUSEHOLD}}<p><a href="/staff/households/{{PREMISES_ID}}">查看住户</a></p>{{/HOUSEHOLD}}
</section>
<h2>处理进度</h2>
<ol class="card plain steps">
{{#EVENT}}
<li class="step step-{{KIND}}"><b>{{LABEL}}</b> <span class="muted">{{AT}} · {{ACTOR}}</span>{{#WAS_LATE}} <span class="badge tier-red">超时完成</span>{{/WAS_LATE}}
{{#IS_LATE}}<br><span class="late">“{{LATE_STAGE}}”这一步已超过期限</span>{{/IS_LATE}}
{{#HAS_NOTE}}<br><span class="note">{{NOTE}}</span>{{/HAS_NOTE}}
{{#HAS_SCORE}}<br>满意度 <b class="score">{{SCORE}}</b> 分{{/HAS_SCORE}}{{#PAID}} · 业主已缴费{{/PAID}}{{#NOT_PAID}} · 业主尚未缴费{{/NOT_PAID}}
{{#HAS_PHOTOS}}<br>{{/HAS_PHOTOS}}<span class="photos">{{#PHOTO}}<a href="{{URL}}"><img src="{{THUMB}}" alt="照片" width="96"></a> {{/PHOTO}}</span>
</li>
{{/EVENT}}
</ol>
{{#CAN_RECEIVE}}
<form method="post" action="/staff/requests/{{ID}}/receive" class="form card step-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<button type="submit" class="primary wide">受理</button>
</form>
{{/CAN_RECEIVE}}
{{#CAN_PLAN}}
<form method="post" action="/staff/requests/{{ID}}/plan" class="form card step-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<label for="plan-note">给业主的处理方案</label>
<textarea id="plan-note" name="note" rows="3" maxlength="1000"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<button type="submit" class="primary wide">答复业主</button>
</form>
{{/CAN_PLAN}}
{{#CAN_DISPATCH}}
<form method="post" action="/staff/requests/{{ID}}/dispatch" class="form card step-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<label for="dispatch-note">派工说明（只给工程部看，业主看不到；可不填）</label>
<input id="dispatch-note" name="note" maxlength="1000">
<button type="submit" class="primary wide">派工程部</button>
</form>
{{/CAN_DISPATCH}}
{{#CAN_DONE}}
<form method="post" action="/staff/requests/{{ID}}/done" enctype="multipart/form-data" class="form card step-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<label for="done-note">处理情况</label>
<textarea id="done-note" name="note" rows="3" maxlength="1000">{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<label for="done-photos">完工照片（最多 6 张）</label>
<input id="done-photos" name="photos" type="file" accept="image/jpeg,image/png,image/heic,.heic" multiple>
{{#PHOTOS_AGAIN}}<p class="err">如果刚才选过照片，请重新选择（照片没有保存）。</p>{{/PHOTOS_AGAIN}}
<button type="submit" class="primary wide">处理完成</button>
</form>
{{/CAN_DONE}}
{{#CAN_FOLLOWUP}}
<form method="post" action="/staff/requests/{{ID}}/followup" class="form card step-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<label for="score">业主满意度（0-100 分）</label>
<input id="score" name="score" inputmode="numeric" maxlength="3" value="{{SCORE_VAL}}"{{#SCORE_FOCUS}} autofocus{{/SCORE_FOCUS}}>
<p class="err">{{SCORE_ERR}}</p>
<fieldset><legend>业主是否满意</legend>
<label class="check"><input type="radio" name="satisfied" value="1"> 满意，结案</label>
<label class="check"><input type="radio" name="satisfied" value="0"> 不满意，重新处理</label>
</fieldset>
<p class="err">{{SATISFIED_ERR}}</p>
{{#ASK_PAID}}<fieldset><legend>业主是否已缴费</legend>
<label class="check"><input type="radio" name="paid" value="1"> 已缴费</label>
<label class="check"><input type="radio" name="paid" value="0"> 尚未缴费</label>
</fieldset>
<p class="err">{{PAID_ERR}}</p>{{/ASK_PAID}}
<label for="followup-note">回访记录（可不填）</label>
<input id="followup-note" name="note" maxlength="1000">
<button type="submit" class="primary wide">提交回访</button>
</form>
{{/CAN_FOLLOWUP}}
{{#OTHERS_STEP}}<p class="muted">下一步由其他岗位处理。</p>{{/OTHERS_STEP}}
