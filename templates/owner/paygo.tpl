{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › <a href="/pay/{{OUT_TRADE_NO}}">支付订单</a> › 前往{{CHANNEL}}</p>
<section class="card pay-result">
<h1>前往{{CHANNEL}}付款</h1>
<p>订单号 {{OUT_TRADE_NO}}，金额 <b class="amount">¥{{AMOUNT}}</b></p>
<form method="post" action="{{ACTION}}" class="pay-go">
{{#FIELD}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/FIELD}}<button type="submit" class="primary wide go">前往{{CHANNEL}}付款 ¥{{AMOUNT}}</button>
</form>
<p class="muted">付款后会回到本站的订单页面，显示电子收据。</p>
</section>
