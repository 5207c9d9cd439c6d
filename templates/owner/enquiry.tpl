{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/enquiries">咨询与异议</a> › {{CATEGORY}}</p>
{{#SAVED}}<p class="ok card" role="status">已经提交，物业会尽快答复您。答复后会显示在这里。</p>{{/SAVED}}
{{#SAID}}<p class="ok card" role="status">已经告诉物业了，谢谢您。</p>{{/SAID}}
{{#HAS_ALERT}}<p class="alert" role="alert">{{ALERT}}</p>{{/HAS_ALERT}}
<section class="card enquiry-one">
<h1>{{CATEGORY}}</h1>
<p class="muted">{{WHEN}}{{#HAS_PREMISES}} · {{PREMISES}}{{/HAS_PREMISES}}</p>
<p class="question big-text">{{QUESTION}}</p>
</section>
<section class="card answers">
<h2>物业的答复</h2>
{{#WAITING}}<p class="badge enquiry-status">还没有答复，请耐心等待，急事请打电话。</p>{{/WAITING}}
{{#ANSWER}}<div class="answer{{#BY_ME}} by-me{{/BY_ME}}"><p class="muted">{{WHEN}}{{#BY_ME}} · 您的确认{{/BY_ME}}</p><p class="answer-text big-text">{{ANSWER_TEXT}}</p></div>{{/ANSWER}}
</section>
{{#ASK_OUTCOME}}<form method="post" action="/enquiries/{{ID}}/outcome" class="card form outcome-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="big-text">您接受物业的这个答复吗？</p>
<button type="submit" name="outcome" value="accepted" class="primary wide">接受</button>
<button type="submit" name="outcome" value="not_accepted" class="wide">不接受，还有疑问</button>
<p class="muted">选「不接受」后，物业会看到并再答复您；急事请打电话。</p>
</form>{{/ASK_OUTCOME}}
<p><a class="button wide" href="/enquiries">返回我的咨询</a></p>
