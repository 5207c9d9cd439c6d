// ownerpay.js - the owner's pay form (templates/owner/pay.tpl) shows only
// the fields the chosen option needs: the bills to tick for 选择账单, the
// month count for 预存, the number of instalments for 信用卡分期. On a
// 390 px phone the other fields pushed 去支付 far down the page. Without
// this script every field stays visible and the server ignores those
// the chosen option does not use.
'use strict';

(function () {
  var form = document.querySelector('form.pay-online');
  if (!form) return;

  function chosen(name) {
    var r = form.querySelector('input[name=' + name + ']:checked');
    return r ? r.value : null;
  }

  function update() {
    var pairs = [['what', 'data-what'], ['channel', 'data-channel']];
    for (var i = 0; i < pairs.length; i++) {
      var value = chosen(pairs[i][0]);
      var blocks = form.querySelectorAll('[' + pairs[i][1] + ']');
      // a block names the choices it serves, space separated
      for (var j = 0; j < blocks.length; j++)
        blocks[j].hidden = blocks[j].getAttribute(pairs[i][1]).split(' ').indexOf(value) < 0;
    }
  }

  form.addEventListener('change', update);
  update();
})();
