{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
<h1>业主登录</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
{{#FOR_RECEIPT}}<p class="for-receipt">登录后即可查看和下载您的电子收据。不记得密码，可以用下面的“短信验证码登录”。</p>{{/FOR_RECEIPT}}
<form method="post" action="/login" class="form">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="phone">手机号</label>
<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="username" maxlength="24" value="{{PHONE_VAL}}" aria-describedby="phone-hint">
<p class="muted hint" id="phone-hint">11 位手机号码，可带空格或横线，例如 138 0000 0001</p>
<p class="err">{{PHONE_ERR}}</p>
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<p class="err">{{PASSWORD_ERR}}</p>
<button type="submit" class="primary wide">登录</button>
</form>
<p class="login-alt"><a class="button wide" href="/login/sms?next={{NEXT:u}}">短信验证码登录</a></p>
<p class="muted"><a href="/login/reset?next={{NEXT:u}}">忘记密码</a> · 手机号未登记或已更换，请到物业服务中心办理。</p>
</section>
