{{%AUTOESCAPE context="HTML"}}
<nav class="pager" aria-label="翻页">
{{#HAS_PREV}}<a class="button" href="{{PREV_URL}}" rel="prev">上一页</a>{{/HAS_PREV}}
<span>第 {{PAGE}} / {{PAGES}} 页，共 <b class="total">{{TOTAL}}</b> 条</span>
{{#HAS_NEXT}}<a class="button" href="{{NEXT_URL}}" rel="next">下一页</a>{{/HAS_NEXT}}
</nav>
