{{%AUTOESCAPE context="HTML"}}
<h1>消息</h1>
<p class="muted">物业发给您的电子账单、缴费提醒和电子收据都在这里，以及每条是否已经送达。</p>
<p><a class="button wide msg-settings" href="/messages/settings">接收设置（短信 / 微信 / App）</a></p>
{{#NONE}}<p class="card">还没有消息。</p>{{/NONE}}
<ul class="plain messages">
{{#MESSAGE}}
<li class="card msg" data-message="{{ID}}" data-status="{{STATUS_CODE}}" data-channel="{{CHANNEL_CODE}}">
<a class="msg-what" href="/messages/{{ID}}"><b>{{WHAT}}</b></a>
<span class="msg-at muted">{{AT}}</span>
<span class="msg-how">{{CHANNEL}} · <span class="msg-status{{#IS_SENT}} ok{{/IS_SENT}}{{#IS_NOT_SENT}} warn{{/IS_NOT_SENT}}">{{STATUS}}</span></span>
{{#HAS_PREMISES}}<span class="msg-premises muted">{{PREMISES}}</span>{{/HAS_PREMISES}}
{{#LINK}}<a class="button msg-link" href="{{HREF}}">{{WORDS}}</a>{{/LINK}}
</li>
{{/MESSAGE}}
</ul>
{{>PAGER}}
