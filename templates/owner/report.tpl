{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/reports">服务月报</a> › {{MONTH}}</p>
<h1>{{MONTH}}物业服务月报</h1>
<p class="muted">{{ESTATE}} · {{PUBLISHED_ON}} 发布</p>
<section class="card report-figures">
<h2>本月服务</h2>
<dl class="figures">
{{#WORK}}<div data-figure="{{KIND}}"><dt>{{LABEL}}</dt><dd><b class="n">{{N}}</b> {{UNIT}}</dd></div>{{/WORK}}
<div data-figure="rq_logged"><dt>收到报事报修</dt><dd><b class="n">{{RQ_LOGGED}}</b> 件</dd></div>
<div data-figure="rq_solved"><dt>已修好</dt><dd><b class="n">{{RQ_SOLVED}}</b> 件</dd></div>
{{#HAS_PLAN}}<div data-figure="plan_hours"><dt>多久给出处理方案（中位数）</dt><dd><b class="n">{{PLAN_HOURS}}</b> 小时</dd></div>{{/HAS_PLAN}}
{{#HAS_FIX}}<div data-figure="fix_hours"><dt>从报修到修好（中位数）</dt><dd><b class="n">{{FIX_HOURS}}</b> 小时</dd></div>{{/HAS_FIX}}
{{#HAS_SCORE}}<div data-figure="score"><dt>回访满意度（{{SCORE_N}} 次回访平均）</dt><dd><b class="n">{{SCORE}}</b> 分</dd></div>{{/HAS_SCORE}}
{{#WITHHELD}}<div data-figure="withheld"><dt>业主因问题暂缓缴费的报修，修好后 30 天内业主已缴费</dt><dd><b class="n">{{WITHHELD_PAID}}</b> / {{WITHHELD_N}} 件</dd></div>{{/WITHHELD}}
</dl>
</section>
<section class="card">
<h2>本月小结</h2>
<p class="summary question">{{SUMMARY}}</p>
</section>
<section class="card">
<h2>公共设施维修</h2>
{{#REPAIR}}<p class="repair">{{DAY}} · {{AREA}}{{#HAS_NOTE}}：{{NOTE}}{{/HAS_NOTE}}</p>{{/REPAIR}}
{{#NO_REPAIRS}}<p class="muted">本月没有公共设施维修。</p>{{/NO_REPAIRS}}
<p class="muted">发现小区里需要修的地方，请点首页的“报修”告诉我们。</p>
</section>
<p class="actions"><a class="button" href="/reports/{{ID}}.pdf">查看 / 打印</a> <a class="button primary" href="/reports/{{ID}}.pdf?download=1">下载 PDF</a></p>
