{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/enquiries">咨询与异议</a> › {{CATEGORY}}</p>
{{#SAVED}}<p class="ok card" role="status">已经提交，物业会尽快答复您。答复后会显示在这里。</p>{{/SAVED}}
<section class="card enquiry-one">
<h1>{{CATEGORY}}</h1>
<p class="muted">{{WHEN}}{{#HAS_PREMISES}} · {{PREMISES}}{{/HAS_PREMISES}}</p>
<p class="question big-text">{{QUESTION}}</p>
</section>
<section class="card answers">
<h2>物业的答复</h2>
{{#WAITING}}<p class="badge enquiry-status">还没有答复，请耐心等待，急事请打电话。</p>{{/WAITING}}
{{#ANSWER}}<div class="answer"><p class="muted">{{WHEN}}</p><p class="answer-text big-text">{{ANSWER_TEXT}}</p></div>{{/ANSWER}}
</section>
<p><a class="button wide" href="/enquiries">返回我的咨询</a></p>
