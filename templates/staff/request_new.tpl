{{%AUTOESCAPE context="HTML"}}
{{#HOUSEHOLD}}<p class="crumb"><a href="/staff/households/{{HOUSEHOLD_ID}}">{{LABEL}}</a> › 登记报事报修</p>
<h1>登记报事报修 · {{LABEL}}</h1>{{/HOUSEHOLD}}
{{#PHONE_CALL}}<p class="crumb"><a href="/staff/requests?estate={{ESTATE_ID}}">报事报修</a> › 登记来电</p>
<h1>登记来电报修 · {{ESTATE_NAME}}</h1>{{/PHONE_CALL}}
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/staff/requests" enctype="multipart/form-data" class="form card">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<input type="hidden" name="estate" value="{{ESTATE_ID}}">
{{#HOUSEHOLD}}<input type="hidden" name="household" value="{{HOUSEHOLD_ID}}">{{/HOUSEHOLD}}
{{#PHONE_CALL}}
<label for="premises">房号（如 3栋2单元301室）</label>
<input id="premises" name="premises" maxlength="40" value="{{PREMISES_VAL}}"{{#PREMISES_FOCUS}} autofocus{{/PREMISES_FOCUS}}>
<p class="err">{{PREMISES_ERR}}</p>
<label for="public_area">或 公共区域（如 5栋楼梯间、北门停车场）</label>
<input id="public_area" name="public_area" maxlength="100" value="{{PUBLIC_AREA_VAL}}"{{#PUBLIC_AREA_FOCUS}} autofocus{{/PUBLIC_AREA_FOCUS}}>
<p class="err">{{PUBLIC_AREA_ERR}}</p>
{{/PHONE_CALL}}
<label for="category">类别</label>
<select id="category" name="category"{{#CATEGORY_FOCUS}} autofocus{{/CATEGORY_FOCUS}}><option value="">请选择</option>{{#CATEGORY_OPT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPT}}</select>
<p class="err">{{CATEGORY_ERR}}</p>
<label for="body">问题描述</label>
<textarea id="body" name="body" rows="4" maxlength="1000"{{#BODY_FOCUS}} autofocus{{/BODY_FOCUS}}>{{BODY_VAL}}</textarea>
<p class="err">{{BODY_ERR}}</p>
<label for="source">来源</label>
<select id="source" name="source"><option value="visit"{{#SOURCE_VISIT}} selected{{/SOURCE_VISIT}}>收费员走访</option><option value="phone"{{#SOURCE_PHONE}} selected{{/SOURCE_PHONE}}>客服电话</option></select>
<p class="err">{{SOURCE_ERR}}</p>
<label class="check"><input type="checkbox" name="withholding" value="1"{{#WITHHOLDING_CHECKED}} checked{{/WITHHOLDING_CHECKED}}> 业主因这件事拒缴物业费</label>
<p class="err">{{WITHHOLDING_ERR}}</p>
<label class="check"><input type="checkbox" name="share_contact" value="1"{{#SHARE_CHECKED}} checked{{/SHARE_CHECKED}}> 业主同意把联系电话提供给工程部</label>
<label for="contact_phone">联系电话（可不填，默认业主登记的手机）</label>
<input id="contact_phone" name="contact_phone" inputmode="tel" maxlength="20" value="{{CONTACT_PHONE_VAL}}"{{#CONTACT_PHONE_FOCUS}} autofocus{{/CONTACT_PHONE_FOCUS}}>
<p class="err">{{CONTACT_PHONE_ERR}}</p>
<label for="photos">照片（最多 6 张，每张不超过 10 MB）</label>
<input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/heic,.heic" multiple>
{{#PHOTOS_AGAIN}}<p class="err">如果刚才选过照片，请重新选择（照片没有保存）。</p>{{/PHOTOS_AGAIN}}
<button type="submit" class="primary wide">登记</button>
</form>
