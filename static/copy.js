// copy.js - a 复制链接 button (data-copy="ID of a read-only input") puts
// the input's text on the clipboard, so a collector on a doorstep can
// paste a receipt's link into WeChat or an SMS. Without this script, or
// where the browser refuses, the input is selected for a long-press copy.
'use strict';

(function () {
  var buttons = document.querySelectorAll('button[data-copy]');

  function done(button, words) {
    var was = button.getAttribute('data-label') || button.textContent;
    button.setAttribute('data-label', was);
    button.textContent = words;
    setTimeout(function () { button.textContent = was; }, 4000);
  }

  function copy(button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    if (!input) return;
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        done(button, '已复制');
      }, function () {
        done(button, '请长按链接复制');
      });
      return;
    }
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    done(button, ok ? '已复制' : '请长按链接复制');
  }

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function (ev) {
      ev.preventDefault();
      copy(ev.currentTarget);
    });
  }
})();
