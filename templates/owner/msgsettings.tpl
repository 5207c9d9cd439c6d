{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/messages">消息</a> › 接收设置</p>
<h1>接收设置</h1>
<p class="muted">选择用哪些方式接收电子账单、缴费提醒和电子收据。可以多选，至少保留一种。晚上出的电子账单和缴费提醒会等到第二天早上再发；收据和验证码随时发送。</p>
{{#SAVED}}<p class="ok card" role="status">已保存。</p>{{/SAVED}}
<form method="post" action="/messages/settings" class="form card msg-prefs">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>CHANNELS}}
<button type="submit" class="primary wide">保存</button>
</form>
