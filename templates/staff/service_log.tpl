{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/service-logs?estate={{ESTATE_ID}}">服务记录</a> › {{KIND_LABEL}}</p>
<h1>{{KIND_LABEL}} · {{AREA}}</h1>
{{#SAVED}}<p class="ok card" role="status">已登记，月初会汇总进服务月报。</p>{{/SAVED}}
{{#SAVED_DRAFT}}<p class="ok card saved-draft" role="status">已登记。{{REPORT_MONTH}}月报草稿已生成，请经理在<a href="/staff/reports/{{REPORT_ID}}">月报页</a>点「重新统计」后才会计入。</p>{{/SAVED_DRAFT}}
{{#SAVED_IN}}<p class="ok card" role="status">已登记，已计入<a href="/staff/reports/{{REPORT_ID}}">{{REPORT_MONTH}}月报草稿</a>。</p>{{/SAVED_IN}}
{{#SAVED_PUBLISHED}}<p class="ok card saved-published" role="status">已登记。{{REPORT_MONTH}}月报已发布，这条记录不会再计入已发布的月报。</p>{{/SAVED_PUBLISHED}}
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
