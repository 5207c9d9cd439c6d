// steps.js - steps the staff flows (lead.js, manager.js) share: opening a
// page from the menu, and what must hold after a form was sent.

'use strict';

const { fail, follow, reloadAndBack } = require('./lib');

// Clicks the menu's link with this label; the page must answer 200.
async function menu(page, label) {
  const r = await follow(page, 'nav.menu >> text=' + label);
  if (r.status() !== 200) fail(label + ': HTTP ' + r.status());
  return r;
}

// After a form was sent and its page followed: reload, Back and Forward
// (lib.reloadAndBack: never 405 or 5xx), and count() - a count of what
// the form made, read from the database - the same before and after.
async function settled(page, what, count) {
  const before = count();
  await reloadAndBack(page, what);
  const after = count();
  if (after !== before)
    fail(what + ': reload / Back did it again (' + before + ' -> ' + after + ')');
}

module.exports = { menu, settled };
