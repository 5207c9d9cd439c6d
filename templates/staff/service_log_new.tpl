{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/staff/service-logs?estate={{ESTATE_ID}}">服务记录</a> › 登记</p>
<h1>登记服务记录 · {{ESTATE_NAME}}</h1>
<p class="muted">每做完一次保洁巡查、一项绿化养护或一处公共设施维修，就在这里登记一条，月初汇总进《物业服务月报》给业主看。</p>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/service-logs" enctype="multipart/form-data" class="form card rq-form svc-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
<fieldset id="kind"><legend>做了什么</legend>
{{#KIND_OPT}}<label class="choice"><input type="radio" name="kind" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/KIND_OPT}}
</fieldset>
<p class="err">{{KIND_ERR}}</p>
<label for="day">日期</label>
<input id="day" name="day" type="date" min="{{EARLIEST}}" max="{{TODAY}}" value="{{DAY_VAL}}"{{#DAY_FOCUS}} autofocus{{/DAY_FOCUS}}>
<p class="err">{{DAY_ERR}}</p>
<label for="area">地点（如 5栋1-2单元楼道、北门绿化带）</label>
<input id="area" name="area" maxlength="100" value="{{AREA_VAL}}"{{#AREA_FOCUS}} autofocus{{/AREA_FOCUS}}>
<p class="err">{{AREA_ERR}}</p>
<label for="who">由谁完成（如 保洁组 李阿姨）</label>
<input id="who" name="who" maxlength="50" value="{{WHO_VAL}}"{{#WHO_FOCUS}} autofocus{{/WHO_FOCUS}}>
<p class="err">{{WHO_ERR}}</p>
<label for="note">说明（可不填）</label>
<textarea id="note" name="note" rows="3" maxlength="500"{{#NOTE_FOCUS}} autofocus{{/NOTE_FOCUS}}>{{NOTE_VAL}}</textarea>
<p class="err">{{NOTE_ERR}}</p>
<label for="photos">照片（可不传，最多 6 张，每张不超过 10 MB）</label>
<input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/heic,.heic" multiple>
<button type="submit" class="primary wide">登记</button>
</form>
