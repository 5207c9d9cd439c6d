{{%AUTOESCAPE context="HTML"}}
<h1>咨询与异议</h1>
<p>对物业费有疑问、觉得收得不对，都可以在这里告诉物业，物业会尽快答复您。</p>
<p><a class="button primary wide ask" href="/enquiries/new">我要咨询或提异议</a></p>
{{#NONE}}<p class="card">您还没有提过问题。</p>{{/NONE}}
{{#ENQUIRY}}
<section class="card enquiry" data-enquiry="{{ID}}">
<h2><a href="/enquiries/{{ID}}">{{CATEGORY}}</a></h2>
<p class="muted">{{WHEN}}</p>
<p class="question">{{QUESTION}}</p>
{{#ANSWERED}}<p class="ok enquiry-status">物业已答复，<a href="/enquiries/{{ID}}">点这里看答复</a></p>{{/ANSWERED}}
{{#WAITING}}<p class="badge enquiry-status">等待物业答复</p>{{/WAITING}}
</section>
{{/ENQUIRY}}
