{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/households/{{ID}}">{{LABEL}}</a> › 空置房托管</p>
<h1>空置房托管 · {{LABEL}}</h1>
<p class="muted">{{ESTATE}} · {{OCCUPANCY}}</p>
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
{{#AGREEMENT}}
<section class="card custody-agreement" data-agreement="{{AGREEMENT_ID}}">
<h2>托管协议</h2>
<dl class="facts">
<div><dt>状态</dt><dd class="custody-state">{{#SUSPENDED}}<span class="badge tier-red">{{STATE}}</span>{{/SUSPENDED}}{{#RUNNING}}<span class="badge tier-green">{{STATE}}</span>{{/RUNNING}}</dd></div>
<div><dt>每月托管费</dt><dd><span class="amount">¥{{FEE}}</span>（{{ITEM}}，随账单每月收取）</dd></div>
<div><dt>起始月份</dt><dd>{{START}}</dd></div>
<div><dt>签订</dt><dd class="muted">{{MADE_BY}} · {{MADE}}</dd></div>
{{#HAS_AGREEMENT_NOTE}}<div><dt>备注</dt><dd>{{AGREEMENT_NOTE}}</dd></div>{{/HAS_AGREEMENT_NOTE}}
</dl>
{{#SUSPENDED}}<p class="alert">欠费满 {{LIMIT}} 个月的房屋暂停托管服务，欠费少于 {{LIMIT}} 个月后自动恢复。</p>{{/SUSPENDED}}
</section>
<section class="card">
<h2>托管服务</h2>
<table class="list custody-tasks">
<thead><tr><th>服务</th><th>频次</th><th>上次完成</th><th>下次</th><th></th></tr></thead>
<tbody>
{{#TASK}}<tr data-kind="{{KIND}}"><td data-label="服务">{{KIND_LABEL}}</td><td data-label="频次">{{SCHEDULE}}</td><td data-label="上次完成">{{LAST}}</td><td data-label="下次">{{NEXT}}{{#DUE_NOW}} <span class="badge tier-yellow">待办</span>{{/DUE_NOW}}</td><td>{{#CAN_LOG}}<a href="/staff/custody/tasks/{{TASK_ID}}">登记完成</a>{{/CAN_LOG}}</td></tr>{{/TASK}}
</tbody>
</table>
</section>
<section class="card">
<h2>服务记录</h2>
{{#NO_LOGS}}<p class="muted">还没有服务记录。</p>{{/NO_LOGS}}
<ul class="plain custody-log">
{{#LOG}}<li data-log="{{LOG_ID}}"><b>{{KIND_LABEL}}</b> · {{DAY}} · <span class="muted">{{BY}}（{{AT}}）</span>{{#HAS_NOTE}}<br><span class="note">{{NOTE}}</span>{{/HAS_NOTE}}{{#PHOTO}}<br><a href="{{URL}}"><img src="{{THUMB}}" alt="照片" width="96"></a>{{/PHOTO}}</li>{{/LOG}}
</ul>
</section>
{{/AGREEMENT}}
{{#NO_AGREEMENT}}
<section class="card">
<p>这户还没有签订空置房托管协议。</p>
{{#NOT_VACANT}}<p class="muted">只有空置房可以签订托管协议。</p>{{/NOT_VACANT}}
{{#NO_ITEM}}<p class="alert">本小区还没有“按协议”计费的收费项目，请经理先在<a href="/staff/fees?estate={{ESTATE_ID}}">收费标准</a>中添加。</p>{{/NO_ITEM}}
</section>
{{#FORM}}
{{>ERROR_SUMMARY}}
<form method="post" action="/staff/households/{{ID}}/custody" class="form card custody-form">
<h2>签订托管协议</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="start">起始月份（从这个月起按月收取{{ITEM}}）</label>
<input id="start" name="start" type="month" min="{{THIS_MONTH}}" value="{{START_VAL}}"{{#START_FOCUS}} autofocus{{/START_FOCUS}}>
<p class="err">{{START_ERR}}</p>
<label for="fee">每月托管费（元）</label>
<input id="fee" name="fee" inputmode="decimal" value="{{FEE_VAL}}"{{#FEE_FOCUS}} autofocus{{/FEE_FOCUS}}>
<p class="err">{{FEE_ERR}}</p>
<fieldset id="on_airing"><legend>托管服务和频次</legend>
{{#KIND}}<div class="custody-kind" data-kind="{{KEY}}">
<label class="choice"><input type="checkbox" name="on_{{KEY}}" value="1"{{#ON}} checked{{/ON}}> {{LABEL}}</label>
<select id="sched_{{KEY}}" name="sched_{{KEY}}" aria-label="{{LABEL}}的频次"><option value="days"{{#SCHED_DAYS}} selected{{/SCHED_DAYS}}>每几天一次</option><option value="weekly"{{#SCHED_WEEKLY}} selected{{/SCHED_WEEKLY}}>每周</option><option value="monthly"{{#SCHED_MONTHLY}} selected{{/SCHED_MONTHLY}}>每月</option></select>
<label class="inline">每 <input id="every_{{KEY}}" name="every_{{KEY}}" type="number" min="1" max="90" value="{{EVERY}}" aria-label="{{LABEL}}：每几天" class="short"> 天（选“每几天一次”时）</label>
<p class="err">{{KIND_ERR}}</p>
</div>{{/KIND}}
</fieldset>
<p class="err">{{ON_AIRING_ERR}}</p>
<label for="note">备注（可不填，如钥匙存放、业主要求）</label>
<textarea id="note" name="note" rows="2" maxlength="500"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<button type="submit" class="primary wide">签订</button>
</form>
{{/FORM}}
{{/NO_AGREEMENT}}
