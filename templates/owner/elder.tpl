{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/">首页</a> › 长辈模式</p>
<h1>长辈模式（大字模式）</h1>
{{#SAVED}}<p class="ok card" role="status">已保存。{{#ON}}长辈模式已开启。{{/ON}}{{#OFF}}长辈模式已关闭。{{/OFF}}</p>{{/SAVED}}
<section class="card elder-switch-card">
<p>长辈模式下：字更大、颜色对比更清楚；首页最上面只放一件事——有逾期就是“缴纳逾期”，一点就能付；还有大按钮直接给服务中心和收费员打电话，也可以预约收费员上门收费。</p>
<p class="elder-state">现在：{{#ON}}<b>已开启</b>{{/ON}}{{#OFF}}<b>未开启</b>{{/OFF}}</p>
<form method="post" action="/elder" class="elder-switch">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#ON}}<button type="submit" id="mode" name="mode" value="off" class="wide">关闭长辈模式</button>{{/ON}}
{{#OFF}}<button type="submit" id="mode" name="mode" value="on" class="primary wide">开启长辈模式</button>{{/OFF}}
<p class="err">{{MODE_ERR}}</p>
</form>
<p class="muted">您的选择会记住，下次登录也一样。80 岁以上的业主默认开启，随时可以在这里关闭。</p>
</section>
<p><a class="button wide" href="/">回到首页</a></p>
