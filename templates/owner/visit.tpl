{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › 上门收费预约</p>
<h1>上门收费预约 · {{PREMISES}}</h1>
{{>ERROR_SUMMARY}}
{{#ALERT}}<p class="alert" role="alert">{{ALERT_TEXT}}</p>{{/ALERT}}
{{#BOOKED_NOW}}<p class="ok card visit-booked-now" role="status">预约成功！收费员会按您约的时间上门，出发前会先给您打电话。</p>{{/BOOKED_NOW}}
{{#CANCELLED_NOW}}<p class="ok card" role="status">预约已取消。需要时可以重新预约。</p>{{/CANCELLED_NOW}}
{{#OPEN}}
<section class="card visit-open" data-visit="{{ID}}">
<h2>已预约上门收费</h2>
<p class="visit-when"><b>{{DAY}} {{HALF}}</b></p>
{{#COLLECTOR}}<p>上门的收费员：<b>{{COLLECTOR_NAME}}</b></p>{{/COLLECTOR}}
{{#NOTE}}<p>您的留言：{{NOTE_TEXT}}</p>{{/NOTE}}
<p class="muted">收费员上门时可以刷卡（POS）或现金缴费，当场开电子收据。</p>
<form method="post" action="/visits/{{ID}}/cancel" class="visit-cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="wide">取消这个预约</button>
</form>
</section>
{{/OPEN}}
{{#FORM}}
<p>不方便出门、不会手机付款？约个时间，收费员上门来收费。</p>
<form method="post" action="/premises/{{PREMISES_ID}}/visit" class="form card visit-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="day" class="big-text">1. 哪一天？</label>
<select id="day" name="day"{{#DAY_FOCUS}} autofocus{{/DAY_FOCUS}}>
{{#DAY_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/DAY_OPT}}</select>
<p class="err">{{DAY_ERR}}</p>
<fieldset class="choices" id="half"><legend class="big-text">2. 上午还是下午？</legend>
{{#HALF_OPT}}<label class="choice"><input type="radio" name="half" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/HALF_OPT}}<p class="err">{{HALF_ERR}}</p></fieldset>
<label for="note" class="big-text">3. 想告诉收费员的话（可以不写）</label>
<textarea id="note" name="note" rows="3" maxlength="200" placeholder="比如：我腿脚不便，请多按几次门铃"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<button type="submit" class="primary wide big-action">预约上门收费</button>
</form>
{{/FORM}}
{{#HAS_PAST}}<section class="card visit-history">
<h2>以前的预约</h2>
<ul class="plain">
{{#PAST}}<li>{{DAY}} {{HALF}}：<b class="visit-status">{{STATUS}}</b>{{#NOTE}}（您的留言：{{NOTE_TEXT}}）{{/NOTE}}{{#CLOSE_NOTE}}，收费员备注：{{CLOSE_NOTE_TEXT}}{{/CLOSE_NOTE}}</li>
{{/PAST}}</ul>
</section>{{/HAS_PAST}}
<section class="card visit-call">
<h2>直接打电话</h2>
{{>CONTACT}}
</section>
