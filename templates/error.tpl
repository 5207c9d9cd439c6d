{{%AUTOESCAPE context="HTML"}}
<section class="card narrow error" data-status="{{STATUS}}">
<h1>{{#OWNER}}抱歉{{/OWNER}}{{#STAFF}}出错了{{/STAFF}}</h1>
<p class="big-text">{{MESSAGE}}</p>
{{#RELOGIN}}<p><a class="button primary relogin" href="{{RELOGIN_URL}}">重新登录</a></p>{{/RELOGIN}}
<p><a class="button" href="{{HOME_URL}}">返回首页</a></p>
<p class="muted">错误代码 {{STATUS}}</p>
</section>
