// steps.js - steps the staff flows (lead.js, manager.js, collector.js,
// backs.js) share: opening a page from the menu, what must hold after a
// form was sent, and a household to take a payment from.

'use strict';

const { fail, follow, reloadAndBack, sql } = require('./lib');

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

// A home of the first estate with past-due bills, no owner over 80 and
// none of the demo logins, not paid today (so each run takes a fresh one):
// [id, building, unit, room].
function freshHousehold() {
  const row = sql('SELECT p.id, bd.name, p.unit, p.room FROM premises p' +
    ' JOIN buildings bd ON bd.id = p.building_id WHERE p.estate_id = 1' +
    " AND p.occupancy <> 'shop' AND EXISTS (SELECT 1 FROM bills b WHERE" +
    " b.premises_id = p.id AND b.status = 'unpaid' AND b.due_date < CURDATE())" +
    ' AND NOT EXISTS (SELECT 1 FROM premises_owners po JOIN owners o ON o.id = po.owner_id' +
    " WHERE po.premises_id = p.id AND (o.birth_year <= YEAR(CURDATE()) - 80" +
    " OR o.phone LIKE '1380000000_'))" +
    ' AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.premises_id = p.id' +
    ' AND x.paid_at >= NOW() - INTERVAL 1 DAY)' +
    ' AND NOT EXISTS (SELECT 1 FROM service_credits c WHERE c.premises_id = p.id)' +
    ' ORDER BY p.id LIMIT 1')[0];
  if (!row) fail('no household left to take a payment from');
  return row;
}

module.exports = { menu, settled, freshHousehold };
