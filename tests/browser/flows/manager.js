// manager.js - a manager (经理, jingli) at work, by clicking: waives a bill
// with the waive form, changes a tier threshold and puts it back, sets a
// new rate from the first month still open, previews and runs a billing
// month and follows its progress to 完成. Every form sent is checked on
// the page that follows and in the database; a reload, Back and Forward
// after it never answers 405 and never does it again.

'use strict';

const { BASE, fail, sql, sql1, open, look, follow, staffLogin } = require('../lib');
const { menu, settled } = require('../steps');

async function waiveFlow(browser, size) {
  // an open bill not yet overdue, of a household nobody has touched today
  const bill = sql1("SELECT b.id FROM bills b WHERE b.estate_id = 1 AND b.status = 'unpaid'" +
    ' AND b.due_date > CURDATE() AND NOT EXISTS (SELECT 1 FROM payments p WHERE' +
    ' p.premises_id = b.premises_id AND p.created_at >= CURDATE()) AND NOT EXISTS' +
    ' (SELECT 1 FROM waivers w JOIN bills x ON x.id = w.bill_id WHERE' +
    ' x.premises_id = b.premises_id) ORDER BY b.premises_id DESC, b.id LIMIT 1');
  if (!bill) fail('no open bill to waive');
  const pid = sql1('SELECT premises_id FROM bills WHERE id = ' + bill);
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await page.goto(BASE + '/staff/households/' + pid + '?status=unpaid');
  await follow(page, 'table.bills a[href="/staff/bills/' + bill + '"]');
  await look(page, size, 'manager-bill');
  await page.fill('form[action$="/waive"] #reason', '业主家中遭灾，经理批准减免');
  await follow(page, 'form[action$="/waive"] button[type=submit]');
  if (!(await page.content()).includes('已减免')) fail('the waiver is not confirmed');
  const waivers = () => sql1('SELECT COUNT(*) FROM waivers WHERE bill_id = ' + bill);
  if (waivers() !== '1' || sql1('SELECT status FROM bills WHERE id = ' + bill) !== 'waived')
    fail('bill ' + bill + ' not waived');
  await settled(page, 'waive a bill', waivers);
  await look(page, size, 'manager-waived');
  await ctx.close();
}

async function settingsFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '预警设置');
  const was = sql1('SELECT tier_green_months FROM estates WHERE id = 1');
  const saves = () => sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.set'");
  for (const value of [String(Number(was) + 1), was]) {
    await page.fill('#green_months', value);
    const r = await follow(page,
      'form:has(input[name=part][value=tiers]) button[type=submit]');
    if (!(await page.content()).includes('已保存'))
      fail('the settings are not saved: HTTP ' + r.status() + ' ' + (await page.$$eval('.err, .alert',
        (els) => els.map((e) => e.textContent.trim()).filter((t) => t).join(' | '))));
    if (sql1('SELECT tier_green_months FROM estates WHERE id = 1') !== value)
      fail('green months not ' + value);
    await settled(page, 'save the settings', saves);
    if (value !== was) await look(page, size, 'manager-settings-changed');
  }
  await ctx.close();
}

// 2027年1月 -> 2027-01
function monthOf(label) {
  const m = label.match(/(\d{4})年(\d{1,2})月/);
  if (!m) fail('no month in ' + label);
  return m[1] + '-' + m[2].padStart(2, '0');
}

async function feesFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '收费标准');
  await look(page, size, 'manager-fees');
  // the same rate again, from the first month still open (the money of
  // every later flow stays as it was); vacant homes at one size,
  // occupied at the other
  const occ = size.name === 'phone' ? 'occupied' : 'vacant';
  const col = occ === 'occupied' ? 3 : 4;
  const label = occ === 'occupied' ? '常住户' : '空置户';
  const first = monthOf(await page.textContent('ul.billed-to li:has-text("' + label + '") b'));
  // "6.50（2020-01起）": the rate in force, and since when
  const rate = (await page.textContent('table.fees tr[data-item=WYF] td:nth-child(' + (col + 1) +
    ')')).split('（')[0].replace(/,/g, '').trim();
  const item = sql1("SELECT id FROM fee_items WHERE estate_id = 1 AND code = 'WYF'");
  const rates = () => sql1('SELECT COUNT(*) FROM fee_rates WHERE fee_item_id = ' + item);
  const before = rates();
  await page.selectOption('#rate_item', item);
  await page.selectOption('#rate_occ', occ);
  await page.fill('#rate_amount', rate);
  await page.fill('#rate_from', first);
  const r = await follow(page, 'button:has-text("保存单价")');
  if (!(await page.content()).includes('已保存'))
    fail('the rate is not saved: HTTP ' + r.status() + ' ' + (await page.$$eval('.err, .alert',
      (els) => els.map((e) => e.textContent.trim()).filter((t) => t).join(' | '))));
  if (Number(rates()) !== Number(before) + 1) fail('no new rate');
  if (sql1('SELECT from_period FROM fee_rates WHERE fee_item_id = ' + item + ' ORDER BY id DESC LIMIT 1') !==
      first + '-01') fail('the new rate does not start in ' + first);
  await settled(page, 'set a rate', rates);
  await ctx.close();
}

// The meter caps form (issue 8): a slip in the amount comes back with its
// message by the field and nothing saved; a real one is saved, shown in
// the items table, and neither reload nor Back saves it again.
async function capFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '收费标准');
  const item = sql1("SELECT id FROM fee_items WHERE estate_id = 1 AND code = 'SF'");
  const cap = () => sql1('SELECT COALESCE(usage_cap_x100, 0) FROM fee_items WHERE id = ' + item);
  const audits = () => sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'fee_item.cap'");
  const before = cap();
  await page.selectOption('#cap_item', item);
  await page.fill('#cap_amount', '六百');
  await follow(page, 'button:has-text("保存上限")');
  const err = (await page.textContent('#cap_amount + .err')).trim();
  if (!err) fail('no message by the cap field for 六百');
  if (cap() !== before) fail('a bad cap was saved');
  const tons = size.name === 'phone' ? '600' : '700';
  await page.selectOption('#cap_item', item);
  await page.fill('#cap_amount', tons);
  await follow(page, 'button:has-text("保存上限")');
  if (Number(cap()) !== Number(tons) * 100) fail('the cap is ' + cap() + ', not ' + tons);
  if (!(await page.textContent('table.fees tr[data-item=SF]')).includes('每月至多 ' + tons + ' 吨'))
    fail('the items table does not show the new cap');
  await settled(page, 'set a meter cap', audits);
  await ctx.close();
}

// An estate of the flow's own, one home billed by area from this month:
// a run bills it and nothing of the demo estates.
function billingEstate(size) {
  const code = size.name === 'phone' ? 'B8P' : 'B8D';
  // this month in China Standard Time, as the programs count it
  const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7) + '-01';
  sql("INSERT INTO estates (code, name, service_centre) VALUES ('" + code + "', '出账苑" + code +
    "', '出账苑服务中心')");
  const e = sql1("SELECT id FROM estates WHERE code = '" + code + "'");
  sql('INSERT INTO billing_cycles (estate_id, occupancy, months) VALUES (' + e + ", 'occupied', 1)");
  sql('INSERT INTO buildings (estate_id, name) VALUES (' + e + ", '1栋')");
  const b = sql1('SELECT id FROM buildings WHERE estate_id = ' + e);
  sql('INSERT INTO premises (estate_id, building_id, unit, room, area_x100, occupancy) VALUES (' +
    e + ', ' + b + ", '1', '101', 9615, 'occupied')");
  sql('INSERT INTO fee_items (estate_id, code, name, basis, sort) VALUES (' + e +
    ", 'WYF', '物业费', 'area', 1)");
  const item = sql1('SELECT id FROM fee_items WHERE estate_id = ' + e);
  sql('INSERT INTO fee_rates (estate_id, fee_item_id, occupancy, rate_fen, from_period) VALUES (' +
    e + ', ' + item + ", 'occupied', 650, '" + month + "')");
  sql('INSERT INTO staff_estates (staff_id, estate_id) SELECT id, ' + e +
    " FROM staff WHERE username = 'jingli'");
  return { id: e, name: '出账苑' + code, month: month.slice(0, 7) };
}

async function billingFlow(browser, size) {
  const est = billingEstate(size);
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '出账');
  await page.selectOption('#estate', String(est.id));
  await page.fill('#period', est.month);
  await follow(page, 'form.filters button[type=submit]');
  const bills = (await page.textContent('.preview-bills')).trim();
  if (bills !== '1') fail('the preview shows ' + bills + ' bills');
  if ((await page.textContent('.preview-amount')).trim() !== '¥624.98')
    fail('the preview shows ' + (await page.textContent('.preview-amount')));
  await look(page, size, 'manager-billing-preview');
  const runs = () => sql1('SELECT COUNT(*) FROM billing_runs WHERE estate_id = ' + est.id);
  await follow(page, 'button:has-text("确认生成")');
  if (!/\/staff\/billing\/runs\/\d+/.test(page.url())) fail('no progress page: ' + page.url());
  // the page reloads itself each second until the run is over
  for (let i = 0; i < 120 && (await page.getAttribute('section.run', 'data-status')) !== 'done'; i++)
    await page.waitForNavigation({ timeout: 5000 }).catch(() => null);
  if (!(await page.textContent('section.run h1')).includes('完成')) fail('the run did not reach 完成');
  if (sql1('SELECT COUNT(*) FROM bills WHERE estate_id = ' + est.id) !== '1' ||
      sql1('SELECT amount_fen FROM bills WHERE estate_id = ' + est.id) !== '62498')
    fail('the run did not make the one bill of 96.15 m2 x 6.50');
  await look(page, size, 'manager-billing-done');
  await settled(page, 'run billing', runs);
  await ctx.close();
}

// 网关对账: the manager asks for an older day of every channel, waits for
// the worker to match it, and opens one day's lines.
async function reconcileFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '网关对账');
  await look(page, size, 'manager-reconcile');
  const back = size.name === 'phone' ? 2 : 3;
  const day = sql1('SELECT CURDATE() - INTERVAL ' + back + ' DAY');
  await page.fill('#day', day);
  await page.selectOption('#channel', '');
  const runs = () => sql1('SELECT COUNT(*) FROM pay_statement_runs');
  const before = Number(runs());
  await follow(page, 'form.reconcile-ask button[type=submit]');
  if (!(await page.content()).includes('已开始对账')) fail('the ask is not confirmed');
  if (Number(runs()) !== before + 3) fail('not one run per channel: ' + runs());
  await settled(page, 'ask for a statement', runs);
  const done = () => sql1("SELECT COUNT(*) FROM pay_statements WHERE estate_id = 1 AND" +
    " bill_date = '" + day + "' AND status = 'done'");
  for (let i = 0; i < 30 && done() !== '3'; i++) await page.waitForTimeout(1000);
  if (done() !== '3') fail('the statements of ' + day + ' were never matched');
  await page.reload();
  const row = 'tr[data-status=done]:has(td:text-is("' + day + '"))';
  if ((await page.$$(row)).length !== 3) fail('the list does not show the 3 statements of ' + day);
  await follow(page, row + ' a:has-text("查看明细")');
  if (!(await page.textContent('h1')).includes('对账单')) fail('no statement page');
  if ((await page.textContent('.statement-status')).trim() !== '已对账') fail('not 已对账');
  await look(page, size, 'manager-reconcile-day');
  await ctx.close();
}

module.exports = [
  { name: 'a manager waives a bill with the waive form', run: waiveFlow },
  { name: 'a manager changes a tier threshold and puts it back', run: settingsFlow },
  { name: 'a manager sets a rate from the first month still open', run: feesFlow },
  { name: 'a manager sets a meter cap by its form', run: capFlow },
  { name: 'a manager previews and runs a billing month to 完成', run: billingFlow },
  { name: 'a manager asks for a day of the gateways\' statements and reads it', run: reconcileFlow },
];
