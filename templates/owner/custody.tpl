{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/custody">空置房托管</a> › {{HOUSE}}</p>
<h1>空置房托管 · {{HOUSE}}</h1>
<p class="muted">{{ESTATE}} · 每月 ¥{{FEE}}（随物业账单收取，{{START}}起）</p>
<section class="card custody-agreement" data-agreement="{{ID}}">
<p class="custody-state">{{#SUSPENDED}}<span class="badge tier-red">{{STATE}}</span>{{/SUSPENDED}}{{#RUNNING}}<span class="badge tier-green">{{STATE}}</span>{{/RUNNING}}</p>
{{#SUSPENDED}}<p>按托管协议，欠费满 {{LIMIT}} 个月时托管服务暂停，欠费少于 {{LIMIT}} 个月后自动恢复。</p>
<p><a class="button primary" href="/premises/{{PREMISES_ID}}/pay">去缴费</a></p>{{/SUSPENDED}}
<h2>托管服务</h2>
<ul class="plain custody-tasks">
{{#TASK}}<li>{{KIND_LABEL}} · {{SCHEDULE}}</li>{{/TASK}}
</ul>
</section>
<section class="card">
<h2>服务记录</h2>
{{#NO_LOGS}}<p class="muted">还没有服务记录。</p>{{/NO_LOGS}}
<ul class="plain custody-log">
{{#LOG}}<li data-log="{{LOG_ID}}"><b>{{KIND_LABEL}}</b> · {{DAY}}{{#HAS_NOTE}}<br><span class="note">{{NOTE}}</span>{{/HAS_NOTE}}{{#PHOTO}}<br><a href="{{URL}}"><img src="{{THUMB}}" alt="{{KIND_LABEL}}的照片" width="120"></a>{{/PHOTO}}</li>{{/LOG}}
</ul>
</section>
