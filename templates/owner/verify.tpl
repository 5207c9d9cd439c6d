{{%AUTOESCAPE context="HTML"}}
<section class="card narrow verify">
<h1>收据查验</h1>
{{#VALID}}<p class="ok big-text" data-status="valid">✔ 有效收据</p>{{/VALID}}
{{#VOID}}<p class="warn big-text" data-status="void">✘ 此收据已于 {{VOIDED_AT}} 作废</p>{{/VOID}}
<dl class="facts">
<div><dt>收据号</dt><dd>{{NUMBER}}</dd></div>
<div><dt>开具单位</dt><dd>{{CENTRE}}</dd></div>
<div><dt>小区</dt><dd>{{ESTATE}}</dd></div>
<div><dt>房屋</dt><dd class="masked-premises">{{PREMISES}}</dd></div>
<div><dt>缴款人</dt><dd class="masked-payer">{{PAYER}}</dd></div>
<div><dt>金额</dt><dd class="amount big">¥{{AMOUNT}}</dd></div>
<div><dt>日期</dt><dd>{{DATE}}</dd></div>
</dl>
<p class="muted">为保护隐私，缴款人和房屋信息已部分隐藏。</p>
</section>
