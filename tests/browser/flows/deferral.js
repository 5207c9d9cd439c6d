// deferral.js - hardship deferral (缓交申请, issue 13), by clicking: an
// owner in arrears applies on a phone (320 px too); the manager approves
// it from the back office's list; the team lead's arrears board lists the
// household apart as 缓交中 with its end date and its CSV no longer has
// it; the worker's planner, run for a day inside the deferral, reminds it
// of nothing, and on the new due date it does; once the deferral has
// ended (the test clock: its dates moved back in the database) the
// household is back on the board, counted from the new dates.

'use strict';

const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { BASE, VAR, fail, sql, sql1, open, look, follow, staffLogin, ownerLogin } =
  require('../lib');
const { menu, settled } = require('../steps');

const ROOT = path.join(__dirname, '..', '..', '..');
const WORKER = path.join(ROOT, process.env.B || 'build', 'propfee-worker');

function plan(day) {
  const conf = path.join(VAR, 'propfee.conf');
  if (!fs.existsSync(conf)) fail('no ' + conf);
  execFileSync(WORKER, ['-c', conf, '-p', day], { encoding: 'utf8', stdio: 'pipe' });
}

function nDeferrals() {
  return Number(sql1('SELECT COUNT(*) FROM deferrals'));
}

// A flat of 锦华苑 on the board (a bill 100 days past due), whose primary
// owner owns only it and is no demo login, with no deferral:
// [premises, phone, building id, label].
function household() {
  const row = sql('SELECT p.id, o.phone, p.building_id,' +
    " CONCAT(bd.name, p.unit, '单元', p.room, '室') FROM premises p" +
    ' JOIN buildings bd ON bd.id = p.building_id' +
    ' JOIN premises_owners po ON po.premises_id = p.id AND po.is_primary = 1' +
    ' JOIN owners o ON o.id = po.owner_id' +
    " WHERE p.estate_id = 1 AND p.occupancy = 'occupied' AND o.phone <> ''" +
    " AND o.phone NOT LIKE '1380000000%'" +
    ' AND (SELECT COUNT(*) FROM premises_owners x WHERE x.owner_id = o.id) = 1' +
    ' AND NOT EXISTS (SELECT 1 FROM deferrals d WHERE d.premises_id = p.id)' +
    ' AND EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = p.id' +
    "  AND b.status IN ('unpaid', 'partial') AND b.due_date < CURDATE() - INTERVAL 100 DAY)" +
    ' ORDER BY p.id DESC LIMIT 1')[0];
  if (!row) fail('no household left');
  return row;
}

// The board's CSV of the household's building, as the lead downloads it:
// the lines naming the household.
async function onBoard(page, h) {
  const r = await page.request.get(BASE + '/staff/arrears.csv?estate=1&all=1&building=' + h[2]);
  if (r.status() !== 200) fail('board csv: ' + r.status());
  return (await r.text()).split('\n').filter((l) => l.includes(h[3]));
}

function ymd(d) {
  return d.toISOString().slice(0, 10);
}

async function flow(browser, size) {
  const h = household();
  const narrow = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
  const lead = await open(browser, size);
  await staffLogin(lead.page, 'zuzhang');
  if (!(await onBoard(lead.page, h)).length) fail(h[3] + ' not on the board before');

  // the owner applies
  const own = await open(browser, size.name === 'phone' ? narrow : size);
  await ownerLogin(own.page, h[1]);
  await follow(own.page, 'a[href="/deferrals"]');
  await look(own.page, size, 'owner-deferrals-empty');
  await follow(own.page, 'a.apply-deferral');
  // without a reason: the message by the field, nothing recorded
  const before = nDeferrals();
  await follow(own.page, 'form.deferral-form button[type=submit]');
  if (!(await own.page.textContent('#reason ~ p.err')).includes('缓交原因'))
    fail('no message by the reason');
  if (nDeferrals() !== before) fail('recorded without a reason');
  await own.page.fill('#reason', '今年 6 月失业，正在找工作，想缓交一个月');
  await own.page.check('input[name=months][value="1"]');
  if (!(await own.page.locator('input[name=bill]:checked').count()))
    fail('the past-due bills are not ticked');
  await look(own.page, size, 'owner-deferral-form');
  await follow(own.page, 'form.deferral-form button[type=submit]');
  if (!(await own.page.content()).includes('申请已提交')) fail('not told it went');
  if (nDeferrals() !== before + 1) fail('not recorded once');
  const id = sql1('SELECT MAX(id) FROM deferrals WHERE premises_id = ' + h[0]);
  if (!(await own.page.textContent('[data-deferral="' + id + '"]')).includes('等待物业经理审批'))
    fail('the owner does not see it waiting');
  await look(own.page, size, 'owner-deferral-pending');
  await settled(own.page, 'an application', nDeferrals);

  // the manager approves
  const mgr = await open(browser, size);
  await staffLogin(mgr.page, 'jingli');
  await menu(mgr.page, '缓交申请');
  await look(mgr.page, size, 'staff-deferrals-pending');
  await follow(mgr.page, '[data-deferral="' + id + '"] button:has-text("批准缓交")');
  const row = sql('SELECT status, ends_on FROM deferrals WHERE id = ' + id)[0];
  if (row[0] !== 'approved') fail('not approved: ' + row);
  const ends = row[1];
  if (!(await mgr.page.textContent('[data-deferral="' + id + '"]')).includes('已批准'))
    fail('the list does not say 已批准');
  await look(mgr.page, size, 'staff-deferrals-approved');

  // the board: off the tiers, 缓交中 apart with its end date
  await menu(lead.page, '欠费预警');
  const [y, m, d] = ends.split('-').map(Number);
  const item = lead.page.locator('.deferred-list li[data-premises="' + h[0] + '"]');
  if (!(await item.count())) fail('not listed as 缓交中');
  if (!(await item.textContent()).includes(y + '年' + m + '月' + d + '日'))
    fail('缓交中 without its end date');
  await lead.page.click('details.deferred summary');
  await look(lead.page, size, 'staff-arrears-deferred');
  if ((await onBoard(lead.page, h)).length) fail('still on the board');

  // no reminder inside it, one on the new due date. The day inside is
  // the one the estate's 'before' reminder of the new date would fall
  // on, kept off a month's end (most bills' due date: the planner would
  // remind hundreds of households that day, whom the later flows of the
  // lane would find reminded).
  const was = sql1('SELECT remind_before_days FROM estates WHERE id = 1');
  const endMs = Date.parse(ends + 'T00:00:00Z');
  let n = 3;
  while (ymd(new Date(endMs - (n - 1) * 86400000)).endsWith('-01')) n++;
  const quiet = ymd(new Date(endMs - n * 86400000));
  const reminded = (day) => Number(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'reminder'" +
    ' AND premises_id = ' + h[0] + " AND idem_key LIKE 'reminder/" + h[0] + '/' + day + "/%'"));
  sql('UPDATE estates SET remind_before_days = ' + n + ' WHERE id = 1');
  try {
    plan(quiet);
    if (reminded(quiet) !== 0) fail('reminded on ' + quiet + ', inside the deferral');
    plan(ends);
    if (reminded(ends) === 0) fail('not reminded on the new due date ' + ends);
  } finally {
    sql('UPDATE estates SET remind_before_days = ' + was + ' WHERE id = 1');
  }

  // the owner sees it approved
  await own.page.reload();
  if (!(await own.page.textContent('[data-deferral="' + id + '"]')).includes('已批准'))
    fail('the owner does not see it approved');
  await look(own.page, size, 'owner-deferral-approved');

  // it ends (test clock): back on the board, a month overdue from the new date
  sql('UPDATE deferrals SET starts_on = starts_on - INTERVAL 70 DAY,' +
    ' ends_on = CURDATE() - INTERVAL 40 DAY WHERE id = ' + id);
  sql('UPDATE bill_due_dates SET due_date = CURDATE() - INTERVAL 40 DAY WHERE deferral_id = ' + id);
  const back = await onBoard(lead.page, h);
  if (!back.length) fail('not back on the board after it ended');
  if (!back[0].includes(',绿色,1,')) fail('not counted from the new date: ' + back[0]);
  await lead.page.goto(BASE + '/staff/households/' + h[0]);
  if (await lead.page.locator('[data-tier="deferred"]').count()) fail('still 缓交中');
  if (!(await lead.page.locator('[data-tier="green"]').count())) fail('no green tier');
  await look(lead.page, size, 'staff-household-after-deferral');
  await own.ctx.close();
  await mgr.ctx.close();
  await lead.ctx.close();
}

module.exports = [
  { name: 'deferral: an owner applies, the manager approves, the household leaves the board unreminded and comes back when it ends',
    run: flow },
];
