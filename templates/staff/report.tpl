{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/reports?estate={{ESTATE_ID}}">服务月报</a> › {{MONTH}}</p>
<h1>{{MONTH}}服务月报 · {{ESTATE_NAME}}</h1>
{{#SAVED}}<p class="ok card" role="status">草稿已保存，还没有发布给业主。</p>{{/SAVED}}
{{#RECOUNTED_KEPT}}<p class="ok card recounted" role="status">已重新统计：下面的数字为 {{DRAFTED_AT}} 的统计。本月小结是您改过的文字，没有改动，其中的数字可能与新的统计不同，请核对后再发布。</p>{{/RECOUNTED_KEPT}}
{{#RECOUNTED_NEW}}<p class="ok card recounted" role="status">已重新统计：下面的数字为 {{DRAFTED_AT}} 的统计。本月小结还没有改过，已按新的数字重新生成。</p>{{/RECOUNTED_NEW}}
{{#JUST_PUBLISHED}}<p class="ok card" role="status">已发布，业主会收到通知（夜间免打扰时段过后发送）。</p>{{/JUST_PUBLISHED}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<p class="report-status">
{{#PUBLISHED}}<span class="badge published">已发布</span> {{PUBLISHED_AT}}{{/PUBLISHED}}
{{#DRAFT}}<span class="badge draft">草稿</span> 应于 {{DUE}} 前发布（数字统计于 {{DRAFTED_AT}}）{{/DRAFT}}
{{#LATE}}<span class="badge tier-red late-mark">逾期未发布</span> 应于 {{DUE}} 前发布（数字统计于 {{DRAFTED_AT}}）{{/LATE}}
· <a href="/staff/reports/{{ID}}.pdf">查看 PDF</a>
</p>
<section class="card report-figures">
<h2>本月服务情况</h2>
<dl class="figures">
{{#WORK}}<div data-figure="{{KIND}}"><dt>{{LABEL}}</dt><dd><b class="n">{{N}}</b> {{UNIT}}</dd></div>{{/WORK}}
<div data-figure="rq_logged"><dt>报事报修（登记）</dt><dd><b class="n">{{RQ_LOGGED}}</b> 件</dd></div>
<div data-figure="rq_solved"><dt>报事报修（本月修好）</dt><dd><b class="n">{{RQ_SOLVED}}</b> 件</dd></div>
<div data-figure="plan_hours"><dt>从报修到答复方案（中位数，{{RQ_PLANNED}} 件）</dt><dd><b class="n">{{PLAN_HOURS}}</b> 小时</dd></div>
<div data-figure="fix_hours"><dt>从报修到修好（中位数）</dt><dd><b class="n">{{FIX_HOURS}}</b> 小时</dd></div>
<div data-figure="score"><dt>回访满意度（{{SCORE_N}} 次回访平均）</dt><dd><b class="n">{{SCORE}}</b> 分</dd></div>
{{#WITHHELD}}<div data-figure="withheld"><dt>业主因问题暂缓缴费的报修，修好后 30 天内业主已缴费</dt><dd><b class="n">{{WITHHELD_PAID}}</b> / {{WITHHELD_N}} 件</dd></div>{{/WITHHELD}}
</dl>
<p class="muted">数字为 {{DRAFTED_AT}} 的统计，之后登记的服务记录和报修不在其中。{{#CAN_SEE_LOGS}}<a href="/staff/service-logs?estate={{ESTATE_ID}}&amp;month={{LOGS_MONTH:u}}">查看本月服务记录</a>{{/CAN_SEE_LOGS}}</p>
{{#CAN_RECOUNT}}<form method="post" action="/staff/reports/{{ID}}/recount" class="recount-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">重新统计</button>
<span class="muted">按现在的服务记录和报事报修重新计算上面的数字和维修清单；您改过的小结文字不会改动，未保存的修改请先保存草稿。</span>
</form>{{/CAN_RECOUNT}}
</section>
{{#CAN_PUBLISH}}
<form method="post" action="/staff/reports/{{ID}}" class="form card report-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN_VAL}}">
<label for="summary">本月小结（业主会看到，10-800 字）</label>
<textarea id="summary" name="summary" rows="8" maxlength="800"{{#SUMMARY_FOCUS}} autofocus{{/SUMMARY_FOCUS}}>{{SUMMARY_VAL}}</textarea>
<p class="err">{{SUMMARY_ERR}}</p>
<button type="submit" class="wide">保存草稿</button>
<label class="inline confirm-publish"><input type="checkbox" id="confirm" name="confirm" value="1"{{#CONFIRM_CHECKED}} checked{{/CONFIRM_CHECKED}}{{#CONFIRM_FOCUS}} autofocus{{/CONFIRM_FOCUS}}> 确认发布：发布后通知全体业主，不能再修改</label>
<p class="err">{{CONFIRM_ERR}}</p>
<button type="submit" class="primary wide" formaction="/staff/reports/{{ID}}/publish">发布给业主</button>
<p class="muted">发布前请勾选上面的「确认发布」；保存草稿不需要勾选。</p>
</form>
{{/CAN_PUBLISH}}
{{#SUMMARY_READ}}
<section class="card">
<h2>本月小结</h2>
<p class="summary question">{{SUMMARY}}</p>
{{#MANAGER_PUBLISHES}}<p class="muted">草稿由经理修改并发布。</p>{{/MANAGER_PUBLISHES}}
</section>
{{/SUMMARY_READ}}
<section class="card">
<h2>本月公共设施维修</h2>
{{#REPAIR}}<p class="repair" data-log="{{LOG_ID}}">{{DAY}} · {{AREA}}{{#HAS_NOTE}}：{{NOTE}}{{/HAS_NOTE}}</p>{{/REPAIR}}
{{#NO_REPAIRS}}<p class="muted">本月没有维修记录。</p>{{/NO_REPAIRS}}
</section>
