{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › 服务月报</p>
<h1>服务月报</h1>
<p class="muted">物业每月 5 日前发布上个月的服务情况：保洁、绿化、维修做了多少，您和邻居们报的问题解决了多少、用了多久。</p>
{{#NONE}}<p class="card">还没有发布的服务月报。</p>{{/NONE}}
{{#REPORT}}
<a class="card request-link report-row" href="/reports/{{ID}}" data-report="{{ID}}">
<b>{{ESTATE}} · {{MONTH}}</b><br>
<span class="muted">保洁 {{CLEANING}} 次 · 绿化 {{GREENING}} 次 · 维修 {{REPAIRS}} 项 · 解决报修 {{SOLVED}} 件</span><br>
<span class="muted">{{PUBLISHED_ON}} 发布</span>
</a>
{{/REPORT}}
