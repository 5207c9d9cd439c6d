{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › <a href="/pay/{{OUT_TRADE_NO}}">支付订单</a> › 打开{{CHANNEL}}</p>
<section class="card pay-result">
<h1>打开{{CHANNEL}}支付页面</h1>
<p class="what-next">即将打开{{CHANNEL}}支付页面，请在该页面完成付款。</p>
<dl class="facts">
<div><dt>订单号</dt><dd class="otn">{{OUT_TRADE_NO}}</dd></div>
<div><dt>金额</dt><dd class="amount">¥{{AMOUNT}}</dd></div>
</dl>
<form method="post" action="{{ACTION}}" class="pay-go">
{{#FIELD}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/FIELD}}<div class="buttons"><button type="submit" class="primary go">打开{{CHANNEL}}支付页面</button></div>
</form>
<p class="muted">付款后会回到本站的订单页面，显示电子收据。</p>
</section>
