// pay.js - the pay form (templates/staff/pay.tpl) shows only the fields
// of the chosen channel: 实收 for cash, the voucher number for POS, the
// visit date for door-to-door POS. Without this script every field stays
// visible and the server ignores those of the other channels.
'use strict';

(function () {
  var form = document.querySelector('form.pay-form');
  if (!form) return;
  var radios = form.querySelectorAll('input[name=channel]');
  var blocks = form.querySelectorAll('[data-channels]');

  function chosen() {
    for (var i = 0; i < radios.length; i++)
      if (radios[i].checked) return radios[i].value;
    return null;
  }

  function update() {
    var ch = chosen();
    for (var i = 0; i < blocks.length; i++) {
      var names = blocks[i].getAttribute('data-channels').split(' ');
      // No channel chosen yet: show everything.
      blocks[i].hidden = ch !== null && names.indexOf(ch) < 0;
    }
  }

  for (var i = 0; i < radios.length; i++)
    radios[i].addEventListener('change', update);
  update();
})();
