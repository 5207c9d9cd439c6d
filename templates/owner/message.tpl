{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/messages">消息</a> › {{WHAT}}</p>
<section class="card msg-one" data-message="{{ID}}" data-topic="{{TOPIC}}" data-channels="{{CHANNELS}}">
<h1>{{WHAT}}</h1>
<dl class="facts">
<div><dt>时间</dt><dd class="msg-at">{{AT}}</dd></div>
<div><dt>发送情况</dt><dd class="msg-how">{{#BY}}<span class="msg-by{{#BY_SENT}} ok{{/BY_SENT}}{{#BY_NOT_SENT}} warn{{/BY_NOT_SENT}}" data-status="{{BY_STATUS}}" data-channels="{{BY_CHANNELS}}">{{BY_WORDS}}</span>{{/BY}}</dd></div>
{{#HAS_PREMISES}}<div><dt>房屋</dt><dd>{{PREMISES}}</dd></div>{{/HAS_PREMISES}}
</dl>
{{#HAS_BODY}}<p class="msg-body">{{BODY_TEXT}}</p>{{/HAS_BODY}}
{{#LOGIN_CODE}}<p class="muted">为保护您的账户，验证码不在此显示。如果不是您本人在登录，请不要把验证码告诉任何人，并致电物业服务中心。</p>{{/LOGIN_CODE}}
{{#LINK}}<p><a class="button primary wide msg-link" href="{{HREF}}">{{WORDS}}</a></p>{{/LINK}}
</section>
