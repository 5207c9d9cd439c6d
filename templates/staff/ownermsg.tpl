{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households?estate={{ESTATE_ID}}">收费台账</a> › <a href="/staff/households/{{ID}}">{{LABEL}}</a> › {{OWNER_NAME}}</p>
<h1>{{OWNER_NAME}} · 接收设置</h1>
<p class="muted">{{PHONE}} · 现在接收：<span class="chosen">{{CHOSEN}}</span></p>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
{{#CAN_SET}}<form method="post" action="/staff/households/{{ID}}/owners/{{OWNER_ID}}/messages" class="form card msg-prefs">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="muted">业主要求更改接收方式时在这里修改（会记入操作日志）。微信和 App 需业主本人绑定后才能选择；至少保留一种。</p>
{{>CHANNELS}}
<button type="submit" class="primary">保存</button>
</form>{{/CAN_SET}}
<section class="card">
<h2>最近的消息</h2>
{{#NO_MESSAGES}}<p>还没有发给这位业主的消息。</p>{{/NO_MESSAGES}}
<table class="list owner-messages">
<thead><tr><th>时间</th><th>类型</th><th>方式</th><th>状态</th></tr></thead>
<tbody>
{{#MESSAGE}}<tr data-message="{{ID}}" data-status="{{STATUS_CODE}}"><td data-label="时间">{{#LINKED}}<a href="/staff/outbox/{{ID}}">{{AT}}</a>{{/LINKED}}{{#UNLINKED}}{{AT}}{{/UNLINKED}}</td><td data-label="类型">{{WHAT}}</td><td data-label="方式">{{CHANNEL}}</td><td data-label="状态"><span>{{STATUS}} <small class="muted">{{WHY}}</small></span></td></tr>{{/MESSAGE}}
</tbody>
</table>
{{#ALL_LINK}}<p><a href="/staff/outbox?estate={{ESTATE_ID}}&amp;owner={{OWNER_ID}}">查看全部消息</a></p>{{/ALL_LINK}}
</section>
