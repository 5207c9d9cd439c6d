{{%AUTOESCAPE context="HTML"}}
<h1>消息</h1>
{{#NONE}}<section class="card msg-none">
<p><b>还没有消息。</b></p>
<p class="muted">物业给您发电子账单、缴费提醒、电子收据、报修进度、咨询答复或服务月报后，每一条都会列在这里，并写明是通过短信、微信还是 App 发给您的。</p>
<p><a class="button wide msg-settings" href="/messages/settings">接收设置（短信 / 微信 / App）</a></p>
</section>{{/NONE}}
{{#SOME}}<p class="muted">物业发给您的电子账单、缴费提醒、电子收据、报修进度、咨询答复和服务月报都在这里，每条写明通过哪种方式发送、是否已经发出。</p>
<p><a class="button wide msg-settings" href="/messages/settings">接收设置（短信 / 微信 / App）</a></p>
<ul class="plain messages">
{{#MESSAGE}}
<li class="card msg" data-message="{{ID}}" data-topic="{{TOPIC}}" data-channels="{{CHANNELS}}">
<a class="msg-what" href="/messages/{{ID}}"><b>{{WHAT}}</b></a>
<span class="msg-at muted">{{AT}}</span>
{{#HAS_GIST}}<span class="msg-gist">{{GIST}}</span>{{/HAS_GIST}}
<span class="msg-how">{{#BY}}<span class="msg-by{{#BY_SENT}} ok{{/BY_SENT}}{{#BY_NOT_SENT}} warn{{/BY_NOT_SENT}}" data-status="{{BY_STATUS}}" data-channels="{{BY_CHANNELS}}">{{BY_WORDS}}</span>{{/BY}}</span>
{{#HAS_PREMISES}}<span class="msg-premises muted">{{PREMISES}}</span>{{/HAS_PREMISES}}
{{#LINK}}<a class="button msg-link" href="{{HREF}}">{{WORDS}}</a>{{/LINK}}
</li>
{{/MESSAGE}}
</ul>
{{>PAGER}}{{/SOME}}
