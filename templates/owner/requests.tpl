{{%AUTOESCAPE context="HTML"}}
<h1>报事报修</h1>
<p><a class="button primary wide" href="/requests/new">我要报修</a></p>
{{#NONE}}<p class="card">您还没有报过事。家里或小区里有什么问题，点“我要报修”告诉我们。</p>{{/NONE}}
{{#REQUEST}}
<a class="card request-link status-{{STATUS_KEY}}" href="/requests/{{ID}}" data-request="{{ID}}">
<b>{{CATEGORY}} · {{WHERE}}</b><br>
<span class="rq-status">{{STATUS}}</span> <span class="muted">{{AT}}</span><br>
<span class="muted">{{BODY}}</span>
</a>
{{/REQUEST}}
