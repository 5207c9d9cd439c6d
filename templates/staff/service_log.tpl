{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/service-logs?estate={{ESTATE_ID}}">服务记录</a> › {{KIND_LABEL}}</p>
<h1>{{KIND_LABEL}} · {{AREA}}</h1>
{{#SAVED}}<p class="ok card" role="status">已登记，月初会汇总进服务月报。</p>{{/SAVED}}
<section class="card svc-log-one" data-log="{{ID}}">
<dl class="facts">
<div><dt>日期</dt><dd class="day">{{DAY}}</dd></div>
<div><dt>地点</dt><dd class="area">{{AREA}}</dd></div>
<div><dt>由谁完成</dt><dd class="who">{{WHO}}</dd></div>
{{#HAS_NOTE}}<div><dt>说明</dt><dd class="note">{{NOTE}}</dd></div>{{/HAS_NOTE}}
<div><dt>登记</dt><dd class="muted">{{LOGGED_BY}} · {{LOGGED_AT}}</dd></div>
</dl>
{{#HAS_PHOTOS}}<p class="photos steps">{{#PHOTO}}<a href="{{URL}}"><img src="{{THUMB}}" alt="照片" width="96"></a> {{/PHOTO}}</p>{{/HAS_PHOTOS}}
</section>
{{#CAN_LOG}}<p class="actions"><a class="button primary" href="/staff/service-logs/new?estate={{ESTATE_ID}}&amp;kind={{KIND:u}}">再登记一条</a></p>{{/CAN_LOG}}
