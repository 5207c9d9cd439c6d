{{%AUTOESCAPE context="HTML"}}
<fieldset class="channels" id="channels">
<legend>接收方式</legend>
{{#CHANNEL}}<div class="channel{{#UNBOUND}} unbound{{/UNBOUND}}" data-channel="{{CODE}}">
<label class="check"><input type="checkbox" id="{{CODE}}" name="{{CODE}}" value="1"{{#CHECKED}} checked{{/CHECKED}}{{#UNBOUND}} disabled{{/UNBOUND}}{{#HAS_ERR}} aria-invalid="true" autofocus{{/HAS_ERR}}> {{LABEL}}</label>
<span class="where muted small">{{WHERE}}</span>
{{#HAS_ERR}}<p class="err">{{ERR}}</p>{{/HAS_ERR}}
</div>{{/CHANNEL}}
{{#HAS_GROUP_ERR}}<p class="err" role="alert">{{GROUP_ERR}}</p>{{/HAS_GROUP_ERR}}
</fieldset>
