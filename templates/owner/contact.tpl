{{%AUTOESCAPE context="HTML"}}
<div class="contact">
{{#CENTRE}}
<p class="centre"><b>{{CENTRE_NAME}}</b></p>
{{#CENTRE_PHONE}}<p><a class="tel button" href="tel:{{TEL}}">☎ 服务中心电话 <span class="nowrap">{{PHONE}}</span></a></p>{{/CENTRE_PHONE}}
{{#CENTRE_HOURS}}<p class="hours">服务时间：{{HOURS}}</p>{{/CENTRE_HOURS}}
{{/CENTRE}}
{{#COLLECTOR}}
<p class="collector">{{PREMISES}}的收费员：{{#NAMED}}<b>{{NAME}}</b>{{/NAMED}}{{#UNNAMED}}尚未指定，请致电服务中心{{/UNNAMED}}{{#COLLECTOR_PHONE}} <a class="tel" href="tel:{{TEL}}">{{PHONE}}</a>{{/COLLECTOR_PHONE}}</p>
{{/COLLECTOR}}
</div>
