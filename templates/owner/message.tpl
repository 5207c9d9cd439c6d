{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/messages">消息</a> › {{WHAT}}</p>
<section class="card msg-one" data-message="{{ID}}" data-status="{{STATUS_CODE}}">
<h1>{{WHAT}}</h1>
<dl class="facts">
<div><dt>发送方式</dt><dd>{{CHANNEL}}</dd></div>
<div><dt>状态</dt><dd class="msg-status{{#IS_SENT}} ok{{/IS_SENT}}{{#IS_NOT_SENT}} warn{{/IS_NOT_SENT}}">{{STATUS}}</dd></div>
<div><dt>时间</dt><dd>{{AT}}</dd></div>
{{#HAS_PREMISES}}<div><dt>房屋</dt><dd>{{PREMISES}}</dd></div>{{/HAS_PREMISES}}
</dl>
{{#HAS_BODY}}<p class="msg-body">{{BODY_TEXT}}</p>{{/HAS_BODY}}
{{#LOGIN_CODE}}<p class="muted">为保护您的账户，验证码不在此显示。如果不是您本人在登录，请不要把验证码告诉任何人，并致电物业服务中心。</p>{{/LOGIN_CODE}}
{{#LINK}}<p><a class="button primary wide msg-link" href="{{HREF}}">{{WORDS}}</a></p>{{/LINK}}
</section>
