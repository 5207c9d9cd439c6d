{{%AUTOESCAPE context="HTML"}}
<h1>缴费记录</h1>
{{#NONE}}<p class="card">还没有缴费记录。</p>{{/NONE}}
<ul class="payments">
{{#PAYMENT}}
<li class="card payment{{#REVERSAL}} reversal{{/REVERSAL}}{{#VOIDED}} voided{{/VOIDED}}" data-payment="{{ID}}">
<span class="date">{{DATE}}</span>
<span class="amount big">{{AMOUNT}}</span>
<span class="meta">{{PREMISES}} · {{CHANNEL}}{{#REVERSAL}} · 作废退回{{/REVERSAL}}</span>
<span class="meta">{{#REVERSAL}}原{{/REVERSAL}}收据号 {{RECEIPT}}</span>
{{#VOIDED}}<span class="void-note"><b>已作废</b> · {{VOIDED_AT}} · 原因：{{VOID_REASON}}</span>
{{#REFUND_refunded}}<span class="refund" data-refund="refunded"><b>已原路退款</b>，钱已退回您的{{CHANNEL}}</span>{{/REFUND_refunded}}
{{#REFUND_requested}}<span class="refund" data-refund="requested"><b>退款处理中</b>，将原路退回您的{{CHANNEL}}</span>{{/REFUND_requested}}
{{#REFUND_failed}}<span class="refund" data-refund="failed"><b>原路退款未成功</b>，物业服务中心将另行退还</span>{{/REFUND_failed}}
{{#REFUND_by_hand}}<span class="refund" data-refund="by_hand"><b>退款由物业服务中心办理</b>，请留意他们的电话</span>{{/REFUND_by_hand}}{{/VOIDED}}
</li>
{{/PAYMENT}}
</ul>
{{>PAGER}}
