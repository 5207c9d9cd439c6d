{{%AUTOESCAPE context="HTML"}}
<h1>上门收费名单 · {{ESTATE_NAME}}</h1>
<p class="muted">80岁以上、有逾期欠费的业主，共 <b class="elder-total">{{TOTAL}}</b> 户：住宅按楼栋、单元、房号排列，商铺单列在后。点房屋打开住户页，点电话直接拨打。可用浏览器的“打印”打印本页。业主在网上预约的上门收费见 <a href="/staff/arrears/visits" class="visits-link">上门预约</a>。</p>
{{#NONE}}<p class="card">没有需要上门的80岁以上欠费业主。</p>{{/NONE}}
{{#BUILDING}}
<section class="card print-block{{#SHOPS}} shops{{/SHOPS}}">
<h2>{{BUILDING}}</h2>
<table class="list elders">
<thead><tr><th>房屋</th><th>业主</th><th>年龄</th><th>电话</th><th>逾期</th><th>欠费</th><th>收费员</th><th>上门记录</th></tr></thead>
<tbody>
{{#ROW}}<tr data-premises="{{ID}}"><td data-label="房屋"><a href="/staff/households/{{ID}}">{{LABEL}}</a></td><td data-label="业主">{{OWNERS}}</td><td data-label="年龄">{{AGE}}</td><td data-label="电话">{{#PHONE}}<a class="tel" href="tel:{{NUMBER}}">{{NUMBER}}</a> {{/PHONE}}{{#MASKED}}<span class="phone">{{NUMBER}}</span> {{/MASKED}}</td><td data-label="逾期" class="months">{{MONTHS}}</td><td data-label="欠费" class="amount">¥{{OWED}}</td><td data-label="收费员">{{COLLECTOR}}</td><td data-label="上门记录" class="blank visit">{{#VISITED}}最近上门 <span class="last-visit">{{LAST_VISIT}}</span>{{/VISITED}}&nbsp;</td></tr>{{/ROW}}
</tbody>
</table>
</section>
{{/BUILDING}}
