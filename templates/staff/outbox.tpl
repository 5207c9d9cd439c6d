{{%AUTOESCAPE context="HTML"}}
<h1>消息发送 · {{ESTATE_NAME}}</h1>
<p class="muted">发给业主的电子账单、缴费提醒、商铺季度账单、电子收据、短信验证码、报修进度、咨询答复和服务月报，按业主选择的方式（短信、微信、App 推送）各发一条；报修待办用短信发给员工。发送失败的会自动重试，多次失败后列为“发送失败”；业主说没收到时，在这里查看每次发送的结果。</p>
{{#BY_RUN}}<p class="card by-run">只看{{RUN_NAME}}的电子账单。<a href="{{UNFILTERED}}">看全部消息</a></p>{{/BY_RUN}}
{{#BY_OWNER}}<p class="card by-owner">只看发给{{OWNER_NAME}}的消息。<a href="{{UNFILTERED}}">看全部消息</a></p>{{/BY_OWNER}}
<nav class="tabs status-counts" aria-label="按状态">
{{#COUNT}}<a href="{{HREF}}" data-status="{{CODE}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}{{#ALERT}} class="tier-red"{{/ALERT}}>{{LABEL}} <b class="n">{{N}}</b></a>{{/COUNT}}
</nav>
{{>ERROR_SUMMARY}}
<form method="get" action="/staff/outbox" class="filters">
<div class="field"><label for="estate">小区</label>
<select id="estate" name="estate">{{#CAN_ALL}}<option value="0"{{#ALL_SELECTED}} selected{{/ALL_SELECTED}}>全部小区</option>{{/CAN_ALL}}{{#ESTATE}}<option value="{{ESTATE_ID}}"{{#ESTATE_SELECTED}} selected{{/ESTATE_SELECTED}}>{{ESTATE_NAME}}</option>{{/ESTATE}}</select><p class="err">{{ESTATE_ERR}}</p></div>
<div class="field"><label for="channel">发送方式</label>
<select id="channel" name="channel"{{#CHANNEL_FOCUS}} autofocus{{/CHANNEL_FOCUS}}><option value="">全部</option>{{#CHANNEL_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHANNEL_OPT}}</select><p class="err">{{CHANNEL_ERR}}</p></div>
<div class="field"><label for="status">状态</label>
<select id="status" name="status"{{#STATUS_FOCUS}} autofocus{{/STATUS_FOCUS}}><option value="">全部</option>{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select><p class="err">{{STATUS_ERR}}</p></div>
<div class="field"><label for="topic">消息类型</label>
<select id="topic" name="topic"{{#TOPIC_FOCUS}} autofocus{{/TOPIC_FOCUS}}><option value="">全部</option>{{#TOPIC_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TOPIC_OPT}}</select><p class="err">{{TOPIC_ERR}}</p></div>
<div class="field"><label for="from">开始日期</label><input id="from" name="from" type="date" value="{{FROM_VAL}}"{{#FROM_FOCUS}} autofocus{{/FROM_FOCUS}}><p class="err">{{FROM_ERR}}</p></div>
<div class="field"><label for="to">结束日期</label><input id="to" name="to" type="date" value="{{TO_VAL}}"{{#TO_FOCUS}} autofocus{{/TO_FOCUS}}><p class="err">{{TO_ERR}}</p></div>
{{#BY_RUN}}<input type="hidden" name="run" value="{{RUN}}">{{/BY_RUN}}
{{#BY_OWNER}}<input type="hidden" name="owner" value="{{OWNER}}">{{/BY_OWNER}}
<div class="field actions"><button type="submit" class="primary">查询</button> <a href="/staff/outbox">清空</a></div>
</form>
{{#NONE}}<p class="card">没有符合条件的消息。</p>{{/NONE}}
<table class="list outbox">
<thead><tr><th>时间</th><th>收件人</th><th>内容</th><th>发送方式</th><th>状态</th><th></th></tr></thead>
<tbody>
{{#MESSAGE}}<tr data-message="{{ID}}" data-status="{{STATUS_CODE}}"><td data-label="时间" class="at">{{AT}}</td><td data-label="收件人" class="to-whom"><span>{{OWNER_NAME}}{{#HAS_PREMISES}}<br><small><a href="/staff/households/{{PREMISES_ID}}">{{PREMISES}}</a></small>{{/HAS_PREMISES}}</span></td><td data-label="内容" class="what">{{WHAT}}</td><td data-label="发送方式" class="how"><span>{{CHANNEL}} <small class="muted address">{{ADDRESS}}</small></span></td><td data-label="状态" class="state"><span>{{#IS_DEAD}}<b class="warn">{{/IS_DEAD}}{{STATUS}}{{#IS_DEAD}}</b>{{/IS_DEAD}}{{#DUE_LATER}} <small class="muted">{{NEXT_AT}} 再发{{#HELD}}（免打扰时段或每日限额）{{/HELD}}</small>{{/DUE_LATER}}{{#HAS_WHY}}<br><small class="muted why">{{WHY}}</small>{{/HAS_WHY}}</span></td><td class="more"><a href="/staff/outbox/{{ID}}">详情</a></td></tr>{{/MESSAGE}}
</tbody>
</table>
{{>PAGER}}
