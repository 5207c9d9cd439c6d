{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
<h1>忘记密码</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
{{#STEP_ASK}}
<p>用短信验证码重新设置密码，设置后即登录。</p>
<form method="post" action="/login/reset" class="form">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="phone">手机号</label>
<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="24" value="{{PHONE_VAL}}" aria-describedby="phone-hint phone-err"{{#PHONE_FOCUS}} autofocus{{/PHONE_FOCUS}}>
<p class="muted hint" id="phone-hint">在物业服务中心登记的 11 位手机号，验证码将以短信发送</p>
<p class="err" id="phone-err">{{PHONE_ERR}}</p>
{{#LIMITED}}
<div class="limit-help contact" id="limit-help">
<p>手机号已更换、收不到短信或急需设置密码，物业服务中心可以帮您核对手机号、重新设置密码{{#CENTRES}}：{{/CENTRES}}{{#NO_CENTRES}}，请联系或到小区物业服务中心办理。{{/NO_CENTRES}}</p>
{{#CENTRE}}<p><a class="tel button" href="tel:{{CENTRE_TEL}}">☎ {{CENTRE_NAME}} <span class="nowrap">{{CENTRE_PHONE}}</span></a></p>
{{/CENTRE}}
<p><a href="/login/reset?phone={{PHONE_VAL:u}}&amp;next={{NEXT:u}}">已收到验证码？去输入验证码</a></p>
</div>
{{/LIMITED}}
<button type="submit" class="primary wide">获取验证码</button>
</form>
{{/STEP_ASK}}
{{#STEP_CODE}}
{{#SENT}}<p class="notice" role="status">如果该手机号已登记，验证码已发送，5 分钟内有效</p>{{/SENT}}
<form method="post" action="/login/reset/verify" class="form code-form">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<input type="hidden" name="phone" value="{{PHONE_VAL}}">
<p>手机号：<span class="amount">{{PHONE_VAL}}</span></p>
<label for="code">短信验证码</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" aria-describedby="code-hint"{{#CODE_FOCUS}} autofocus{{/CODE_FOCUS}}>
<p class="muted hint" id="code-hint">6 位数字，5 分钟内有效</p>
<p class="err">{{CODE_ERR}}</p>
<label for="password">新密码</label>
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="128" aria-describedby="password-hint"{{#PASSWORD_FOCUS}} autofocus{{/PASSWORD_FOCUS}}>
<p class="muted hint" id="password-hint">至少 8 个字</p>
<p class="err">{{PASSWORD_ERR}}</p>
<label for="password2">再次输入新密码</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" maxlength="128"{{#PASSWORD2_FOCUS}} autofocus{{/PASSWORD2_FOCUS}}>
<p class="err">{{PASSWORD2_ERR}}</p>
<button type="submit" class="primary wide">重设密码并登录</button>
</form>
<form method="post" action="/login/reset" class="resend">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<input type="hidden" name="phone" value="{{PHONE_VAL}}">
<button type="submit" class="wide">重新获取验证码</button>
</form>
<p><a href="/login/reset?next={{NEXT:u}}">换一个手机号</a></p>
{{/STEP_CODE}}
<p class="muted"><a href="/login?next={{NEXT:u}}">用密码登录</a> · <a href="/login/sms?next={{NEXT:u}}">短信验证码登录</a></p>
</section>
