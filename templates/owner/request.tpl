{{%AUTOESCAPE context="HTML"}}
<p class="crumb"><a href="/requests">报事报修</a> › 报修进度</p>
<h1>{{CATEGORY}} · {{WHERE}}</h1>
{{#NEW}}<p class="ok card" role="status">已提交，客服会在 24 小时内受理，每一步都会通知您。</p>{{/NEW}}
<section class="card">
<p>现在：<b class="rq-status">{{STATUS}}</b></p>
<p class="rq-body">{{BODY}}</p>
{{#HAS_PLAN}}<p>处理方案：<span class="rq-plan">{{PLAN}}</span></p>{{/HAS_PLAN}}
</section>
<h2>每一步</h2>
<ol class="card plain steps">
{{#EVENT}}
<li class="step step-{{KIND}}"><b>{{LABEL}}</b> <span class="muted">{{AT}} · {{WHO}}</span>
{{#HAS_NOTE}}<br><span class="note">{{NOTE}}</span>{{/HAS_NOTE}}
{{#HAS_SCORE}}<br>回访满意度 <b class="score">{{SCORE}}</b> 分{{/HAS_SCORE}}
{{#HAS_PHOTOS}}<br>{{/HAS_PHOTOS}}<span class="photos">{{#PHOTO}}<a href="{{URL}}"><img src="{{THUMB}}" alt="照片" width="96"></a> {{/PHOTO}}</span>
</li>
{{/EVENT}}
</ol>
