{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
<h1>员工登录</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<form method="post" action="/staff/login" class="form">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="username">用户名</label>
<input id="username" name="username" autocomplete="username" maxlength="32" value="{{USERNAME_VAL}}">
<p class="err">{{USERNAME_ERR}}</p>
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<p class="err">{{PASSWORD_ERR}}</p>
<button type="submit" class="primary wide">登录</button>
</form>
</section>
