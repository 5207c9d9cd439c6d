{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/arrears?estate={{ESTATE_ID}}">欠费预警</a> › 上门预约</p>
<h1>上门预约 · {{ESTATE_NAME}}</h1>
<p class="muted">业主在网上预约的上门收费（上门收费预约）。{{#MINE}}这里是分配给您的住户的预约。{{/MINE}}{{#ALL}}每条预约在该户收费员的名单上。{{/ALL}}上门前请先打电话；上门收款用“上门收款”（上门POS）。去过后点“已上门”，没见到人点“未联系上”。</p>
{{#ALERT}}<p class="alert" role="alert">{{ALERT_TEXT}}</p>{{/ALERT}}
{{#CLOSED_NOW}}<p class="ok card" role="status">已保存。</p>{{/CLOSED_NOW}}
<h2>待上门 <b class="visit-open-count">{{OPEN_COUNT}}</b> 户</h2>
{{#NONE_OPEN}}<p class="card">没有待上门的预约。</p>{{/NONE_OPEN}}
{{#OPEN}}
<section class="card visit-request" data-visit="{{ID}}" data-premises="{{PID}}">
<h3><a href="/staff/households/{{PID}}">{{LABEL}}</a></h3>
<p class="visit-when"><b>{{DAY}} {{HALF}}</b></p>
<p>业主：{{OWNER}}{{#AGE}}（{{YEARS}} 岁）{{/AGE}} {{#PHONE}}<a class="tel button" href="tel:{{NUMBER}}">☎ {{NUMBER}}</a>{{/PHONE}}{{#MASKED}}<span class="phone">{{NUMBER}}</span>{{/MASKED}}</p>
<p>收费员：<span class="visit-collector">{{COLLECTOR}}</span></p>
<p class="visit-note">业主留言：{{NOTE}}</p>
{{#PAY}}<p><a class="button" href="/staff/households/{{PID}}/pay">上门收款</a></p>{{/PAY}}
{{#CLOSE_FORM}}<form method="post" action="/staff/visit-requests/{{ID}}/close" class="form visit-close">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="note-{{ID}}">备注（可不填）</label>
<input id="note-{{ID}}" name="note" maxlength="200" value="{{NOTE_VAL}}">
<p class="err">{{NOTE_ERR}}</p>
<p class="actions"><button type="submit" name="outcome" value="done" class="primary">已上门</button>
<button type="submit" name="outcome" value="not_reached">未联系上</button></p>
<p class="err">{{OUTCOME_ERR}}</p>
</form>{{/CLOSE_FORM}}
</section>
{{/OPEN}}
<h2 id="closed">最近处理（30 天内）</h2>
<table class="list visits-closed">
<thead><tr><th>房屋</th><th>业主</th><th>约定时间</th><th>结果</th><th>处理人</th><th>时间</th><th>备注</th></tr></thead>
<tbody>
{{#CLOSED}}<tr data-visit="{{ID}}"><td data-label="房屋"><a href="/staff/households/{{PID}}">{{LABEL}}</a></td><td data-label="业主">{{OWNER}}</td><td data-label="约定时间">{{DAY}} {{HALF}}</td><td data-label="结果" class="visit-status">{{STATUS}}</td><td data-label="处理人">{{CLOSER}}</td><td data-label="时间">{{CLOSED_AT}}</td><td data-label="备注" class="blank">{{CLOSE_NOTE}}&nbsp;</td></tr>
{{/CLOSED}}</tbody>
</table>
