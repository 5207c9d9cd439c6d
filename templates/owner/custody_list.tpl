{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › 空置房托管</p>
<h1>空置房托管</h1>
<p class="muted">房子空着的时候，物业按托管协议帮您开窗通风、代收快递、巡查和抄表，每做一次都有记录和照片。</p>
{{#NONE}}<p class="card">您还没有签订空置房托管协议。需要的话请联系物业服务中心。</p>{{/NONE}}
{{#AGREEMENT}}
<a class="card request-link custody-row" href="/custody/{{ID}}" data-agreement="{{ID}}">
<b>{{ESTATE}} · {{HOUSE}}</b><br>
<span class="muted">每月 ¥{{FEE}}</span> · {{#SUSPENDED}}<span class="badge tier-red">{{STATE}}</span>{{/SUSPENDED}}{{#RUNNING}}<span class="badge tier-green">{{STATE}}</span>{{/RUNNING}}
</a>
{{/AGREEMENT}}
