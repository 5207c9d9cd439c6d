{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/custody?estate={{ESTATE_ID}}">托管任务</a> › <a href="/staff/households/{{HH_ID}}/custody">{{HOUSE}}</a></p>
<h1>{{KIND_LABEL}} · {{HOUSE}}</h1>
<p class="muted">{{SCHEDULE}} · 上次完成：{{LAST}} · 应做：{{NEXT}}</p>
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
{{#SUSPENDED}}<section class="card"><p class="custody-state"><span class="badge tier-red">{{STATE}}</span></p><p>欠费满 {{LIMIT}} 个月的房屋暂停托管服务，欠费少于 {{LIMIT}} 个月后自动恢复。暂停期间不能登记。</p></section>{{/SUSPENDED}}
{{#FORM}}
{{>ERROR_SUMMARY}}
<form method="post" action="/staff/custody/tasks/{{TASK_ID}}" enctype="multipart/form-data" class="form card rq-form custody-log-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<label for="day">完成日期</label>
<input id="day" name="day" type="date" min="{{EARLIEST}}" max="{{TODAY}}" value="{{DAY_VAL}}"{{#DAY_FOCUS}} autofocus{{/DAY_FOCUS}}>
<p class="err">{{DAY_ERR}}</p>
<label for="note">情况说明（可不填，如“开窗 2 小时，室内正常”）</label>
<textarea id="note" name="note" rows="3" maxlength="500"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<label for="photos">照片（可不传，最多 6 张，每张不超过 10 MB；业主能看到）</label>
<input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/heic,.heic" multiple>
<button type="submit" class="primary wide">登记完成</button>
</form>
{{/FORM}}
