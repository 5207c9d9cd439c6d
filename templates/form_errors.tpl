{{%AUTOESCAPE context="HTML"}}
<section class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">有 {{ERROR_COUNT}} 处需要修改，请点击逐项修改：</h2>
<ul>
{{#ERROR}}<li>{{#ERROR_LINK}}<a href="#{{ERROR_FIELD}}">{{ERROR_TEXT}}</a>{{/ERROR_LINK}}{{#ERROR_PLAIN}}{{ERROR_TEXT}}{{/ERROR_PLAIN}}</li>{{/ERROR}}
</ul>
</section>
