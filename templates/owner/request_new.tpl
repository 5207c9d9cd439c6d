{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/requests">报事报修</a> › 我要报修</p>
<h1>我要报修</h1>
{{>ERROR_SUMMARY}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<form method="post" action="/requests" enctype="multipart/form-data" class="form card rq-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="form_token" value="{{FORM_TOKEN_VAL}}">
<fieldset id="premises"><legend>在哪里</legend>
{{#PREMISES}}<label class="choice"><input type="radio" name="premises" value="{{PREMISES_ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}（家里）</label>{{/PREMISES}}
<label class="choice"><input type="radio" name="premises" value="0"{{#AREA_CHECKED}} checked{{/AREA_CHECKED}}> 小区公共区域</label>
</fieldset>
<p class="err">{{PREMISES_ERR}}</p>
<label for="public_area">公共区域在哪里（如 5栋2单元楼梯间）</label>
<input id="public_area" name="public_area" maxlength="100" value="{{PUBLIC_AREA_VAL}}"{{#PUBLIC_AREA_FOCUS}} autofocus{{/PUBLIC_AREA_FOCUS}}>
<p class="err">{{PUBLIC_AREA_ERR}}</p>
<fieldset id="category"><legend>什么问题</legend>
<div class="choices">{{#CATEGORY_OPT}}<label class="choice"><input type="radio" name="category" value="{{KEY}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/CATEGORY_OPT}}</div>
</fieldset>
<p class="err">{{CATEGORY_ERR}}</p>
<label for="body">请描述一下</label>
<textarea id="body" name="body" rows="4" maxlength="1000"{{#BODY_FOCUS}} autofocus{{/BODY_FOCUS}}>{{BODY_VAL}}</textarea>
<p class="err">{{BODY_ERR}}</p>
<label for="photos">拍照（可选，最多 6 张）</label>
<input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/heic,.heic" multiple>
{{#PHOTOS_AGAIN}}<p class="err">如果刚才选过照片，请重新选择（照片没有保存）。</p>{{/PHOTOS_AGAIN}}
<label class="choice"><input type="checkbox" name="share_contact" value="1"{{#SHARE_CHECKED}} checked{{/SHARE_CHECKED}}> 同意维修师傅用我的手机号联系我</label>
<label class="choice"><input type="checkbox" name="withholding" value="1"{{#WITHHOLD_CHECKED}} checked{{/WITHHOLD_CHECKED}}> 这个问题解决前，我家的物业费暂缓缴纳</label>
<button type="submit" class="primary wide">提交报修</button>
</form>
