// online.js - online payments as the back office meets them, by clicking
// (issue 10's pages, untested by a browser until now):
//  - an owner starts paying 缴纳逾期 with 微信支付 on the phone; a collector
//    (shoufei2, 5-8栋) opens the household's 收款 form, is warned of the
//    open order, presses 确认收款 without the box and is refused by the
//    box with nothing recorded, ticks 已和业主确认，不会再在手机上付款
//    and takes the cash; the owner, tapping 前往微信支付付款, is told the
//    bills were paid another way and nothing was charged;
//  - an owner pays 缴纳逾期 with 微信支付 through the sandbox; the
//    collector's 收款 form leads with 刚刚已收款, 收款人 线上支付, the
//    amount not filled in; its receipt number opens the receipt (线上 ·
//    微信支付); cash without 确认这是另一笔新的收款 is refused;
//  - a manager (jingli) asks 网关对账 for a day of 微信支付 whose demo
//    payments have no payment order (imported): the statement says 有差异,
//    its lines 无支付订单 and 本系统已入账，网关对账单中没有，请核查, and a
//    line's receipt opens.

'use strict';

const { fail, sql, sql1, open, look, follow, ownerLogin, staffLogin } = require('../lib');
const { menu, settled } = require('../steps');

// A home in building bd (shoufei2's: 5-8栋) with past-due bills and no
// online order, payment or credit yet, whose primary owner is none of
// the demo logins: { pid, label, phone }.
function homeIn(bd) {
  const row = sql('SELECT p.id, CONCAT(b.name, p.unit, \'单元\', p.room), o.phone' +
    ' FROM premises p JOIN buildings b ON b.id = p.building_id' +
    ' JOIN premises_owners po ON po.premises_id = p.id AND po.is_primary = 1' +
    " JOIN owners o ON o.id = po.owner_id WHERE p.estate_id = 1 AND b.name = '" + bd + "'" +
    " AND p.occupancy <> 'shop' AND p.unit <> '' AND o.phone NOT LIKE '1380000000_'" +
    " AND EXISTS (SELECT 1 FROM bills x WHERE x.premises_id = p.id AND x.status = 'unpaid'" +
    ' AND x.due_date < CURDATE())' +
    " AND NOT EXISTS (SELECT 1 FROM bills x WHERE x.premises_id = p.id AND x.status = 'partial')" +
    ' AND NOT EXISTS (SELECT 1 FROM pay_orders x WHERE x.premises_id = p.id)' +
    ' AND NOT EXISTS (SELECT 1 FROM payments x WHERE x.premises_id = p.id' +
    ' AND x.paid_at >= NOW() - INTERVAL 1 DAY)' +
    ' AND (SELECT COUNT(*) FROM premises_owners y WHERE y.owner_id = o.id) = 1' +
    ' ORDER BY p.id DESC LIMIT 1')[0];
  if (!row) fail('no home in ' + bd + ' to pay for');
  return { pid: row[0], label: row[1], phone: row[2] };
}

function payments(pid) {
  return sql1('SELECT COUNT(*) FROM payments WHERE premises_id = ' + pid);
}

// The owner, on the home page, starts paying what is past due with
// 微信支付: the order's page. Returns its number.
async function startWechat(page, h) {
  await ownerLogin(page, h.phone);
  await follow(page, 'section.premises[data-premises="' + h.pid + '"] >> text=缴纳逾期');
  await page.check('input[name=channel][value=wechat]');
  await follow(page, 'button:has-text("去支付")');
  const m = page.url().match(/\/pay\/(P[0-9a-f]+)/);
  if (!m) fail('no order page: ' + page.url());
  return m[1];
}

// The collector finds the household in 收费台账 and opens its 收款 form.
async function toPayForm(page, h) {
  await menu(page, '收费台账');
  await page.fill('#q', h.label);
  await follow(page, 'form.filters button[type=submit]');
  const rows = page.locator('table.households tbody tr');
  if ((await rows.count()) !== 1) fail(h.label + ' found ' + (await rows.count()) + ' households');
  await Promise.all([page.waitForNavigation(), rows.first().locator('a').first().click()]);
  if (!page.url().endsWith('/staff/households/' + h.pid)) fail(h.label + ' opened ' + page.url());
  await follow(page, 'a.button:has-text("收款")');
}

async function onlineOrderOpen(browser, size) {
  const h = homeIn(size.name === 'phone' ? '7栋' : '8栋');
  const owner = await open(browser, size);
  const otn = await startWechat(owner.page, h);
  await look(owner.page, size, 'counter-online-owner-order');

  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'shoufei2');
  await toPayForm(page, h);
  const warn = (await page.textContent('.online-open')).replace(/\s+/g, ' ');
  if (!warn.includes(otn) || !warn.includes('微信支付')) fail('the warning reads ' + warn);
  if (await page.isChecked('#online_ok')) fail('the box comes ticked');
  await look(page, size, 'counter-online-warned');
  const before = payments(h.pid);
  await page.check('input[name=channel][value=cash]');
  const refused = await follow(page, 'button:has-text("确认收款")');
  if (refused.status() !== 409) fail('cash without the box answered ' + refused.status());
  const err = (await page.textContent('.online-confirm .err')).trim();
  if (!err.includes('不会再在手机上付款')) fail('the box says ' + err);
  if (payments(h.pid) !== before) fail('a payment was recorded without the box');
  await look(page, size, 'counter-online-refused');
  await page.check('#online_ok');
  await follow(page, 'button:has-text("确认收款")');
  if (!(await page.textContent('main')).includes('收款成功')) fail('the cash was not taken');
  if (Number(payments(h.pid)) !== Number(before) + 1) fail('not one payment recorded');
  await settled(page, 'cash with an order open', () => payments(h.pid));
  await look(page, size, 'counter-online-paid');
  await ctx.close();

  // the owner taps on to WeChat Pay (if the page, reloaded, still
  // offers it): paid already, nothing charged
  await owner.page.reload();
  if (await owner.page.locator('a.go').count()) await follow(owner.page, 'a.go');
  const said = (await owner.page.textContent('main')).replace(/\s+/g, ' ');
  if (!said.includes('已另行缴清') || !said.includes('没有扣款'))
    fail('the owner\'s order page after the counter: ' + said.slice(0, 200));
  if (sql1("SELECT status FROM pay_orders WHERE out_trade_no = '" + otn + "'") !== 'closed')
    fail('the order is still open');
  await look(owner.page, size, 'counter-online-owner-told');
  await owner.ctx.close();
}

async function paidOnlineNotice(browser, size) {
  const h = homeIn(size.name === 'phone' ? '6栋' : '5栋');
  const owner = await open(browser, size);
  const otn = await startWechat(owner.page, h);
  await follow(owner.page, 'a.go');
  await follow(owner.page, 'button:has-text("确认付款")');
  await owner.page.waitForSelector('.paid', { timeout: 30000 });
  const number = (await owner.page.textContent('.receipt-number')).trim();
  const amount = Number(sql1("SELECT amount_fen FROM pay_orders WHERE out_trade_no = '" + otn + "'"));
  await owner.ctx.close();

  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'shoufei2');
  await toPayForm(page, h);
  const recent = (await page.textContent('.recent')).replace(/\s+/g, ' ');
  const yuan = Math.floor(amount / 100).toLocaleString('en-US') + '.' +
    String(amount % 100).padStart(2, '0');
  for (const want of ['刚刚已收款', '¥' + yuan, number, '收款人 线上支付'])
    if (!recent.includes(want)) fail('刚刚已收款 does not say ' + want + ': ' + recent);
  if ((await page.locator('.online-open').count()) !== 0) fail('a paid order still warned of');
  if ((await page.inputValue('#amount')) !== '') fail('the amount is filled in after a payment');
  await look(page, size, 'counter-paid-online-notice');
  // the receipt the number names
  await follow(page, '.recent a:text-is("' + number + '")');
  if (!(await page.textContent('dd.channel')).trim().startsWith('线上 · 微信支付'))
    fail('the receipt\'s 缴费方式: ' + await page.textContent('dd.channel'));
  if ((await page.textContent('dd.taker')).trim() !== '线上支付')
    fail('the receipt\'s taker: ' + await page.textContent('dd.taker'));
  await look(page, size, 'counter-paid-online-receipt');
  // back on the form, cash without 确认这是另一笔新的收款: refused
  await page.goBack();
  const before = payments(h.pid);
  await page.fill('#amount', '10.00');
  await page.check('input[name=channel][value=cash]');
  const refused = await follow(page, 'button:has-text("确认收款")');
  if (refused.status() !== 409) fail('cash again without the box answered ' + refused.status());
  if (!(await page.textContent('.recent-paid .err')).includes('确认这是另一笔新的收款'))
    fail('no message by the box');
  if (payments(h.pid) !== before) fail('a second payment was recorded');
  await look(page, size, 'counter-paid-online-refused');
  await ctx.close();
}

async function reconcileNoOrder(browser, size) {
  // a day of WeChat Pay payments the demo has without an order, older
  // than the days the manager flow asks for
  const row = sql('SELECT DATE(p.paid_at), COUNT(*), SUM(p.amount_fen) FROM payments p' +
    " WHERE p.estate_id = 1 AND p.channel = 'wechat' AND p.amount_fen > 0" +
    ' AND p.reverses_id IS NULL AND p.paid_at >= CURDATE() - INTERVAL 60 DAY' +
    ' AND p.paid_at < CURDATE() - INTERVAL 3 DAY' +
    ' AND NOT EXISTS (SELECT 1 FROM pay_orders o WHERE o.payment_id = p.id)' +
    ' GROUP BY DATE(p.paid_at) ORDER BY DATE(p.paid_at) DESC LIMIT 1')[0];
  if (!row) fail('the demo has no WeChat Pay payment without an order');
  const [day, n] = row;
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '网关对账');
  await page.fill('#day', day);
  await page.selectOption('#channel', 'wechat');
  await follow(page, 'form.reconcile-ask button[type=submit]');
  if (!(await page.textContent('main')).includes('已开始对账')) fail('the ask is not confirmed');
  const status = () => sql1('SELECT s.status FROM pay_statements s JOIN pay_accounts a' +
    " ON a.id = s.account_id WHERE s.estate_id = 1 AND a.channel = 'wechat'" +
    " AND s.bill_date = '" + day + "'");
  for (let i = 0; i < 60 && status() !== 'done'; i++) await page.waitForTimeout(1000);
  if (status() !== 'done') fail('the statement of ' + day + ' is ' + status());
  await page.reload();
  const line = 'tr[data-status=done]:has(td:text-is("' + day + '")):has(td:text-is("微信支付"))';
  if ((await page.locator(line).count()) !== 1) fail('the list has no 微信支付 line of ' + day);
  if (!(await page.textContent(line + ' td[data-label="状态"]')).includes('有差异'))
    fail('the day is not marked 有差异');
  await look(page, size, 'manager-reconcile-no-order');
  await follow(page, line + ' a:has-text("查看明细")');
  if (Number((await page.textContent('dd.ledger-only')).trim()) < Number(n))
    fail('仅本系统有 counts ' + await page.textContent('dd.ledger-only') + ', the ledger ' + n);
  const body = await page.textContent('main');
  if (body.includes('本日网关与本系统逐笔一致')) fail('the day reads as matching');
  if (!body.includes('有对不上的记录')) fail('no call to check the lines');
  const lines = page.locator('table.statement-lines tr[data-result=ledger_only]' +
    ':has(td.otn:has-text("无支付订单"))');
  if ((await lines.count()) < Number(n)) fail((await lines.count()) + ' 无支付订单 lines, not ' + n);
  const first = lines.first();
  if (!(await first.textContent()).includes('本系统已入账，网关对账单中没有，请核查'))
    fail('the line reads ' + (await first.textContent()).replace(/\s+/g, ' '));
  const amount = (await first.locator('td[data-label="本系统金额"]').textContent()).trim();
  await look(page, size, 'manager-reconcile-no-order-day');
  // what follows: the line's receipt, an online payment with no order
  await follow(page, 'table.statement-lines tr[data-result=ledger_only]:has(td.otn:has-text("无支付订单")) ' +
    'a[href^="/staff/receipts/"] >> nth=0');
  if (!(await page.textContent('dd.channel')).trim().startsWith('线上 · 微信支付'))
    fail('the receipt\'s 缴费方式: ' + await page.textContent('dd.channel'));
  if ((await page.getAttribute('dd.amount', 'data-amount')) !== amount)
    fail('the receipt is of ¥' + await page.getAttribute('dd.amount', 'data-amount') +
      ', the line ' + amount);
  await look(page, size, 'manager-reconcile-no-order-receipt');
  await ctx.close();
}

module.exports = [
  { name: 'a collector takes cash while the owner has an order open only with the box ticked',
    run: onlineOrderOpen },
  { name: 'the counter\'s 刚刚已收款 names 线上支付 after an owner paid online',
    run: paidOnlineNotice },
  { name: 'a manager reconciles a day of WeChat Pay payments with no order: 无支付订单',
    run: reconcileNoOrder },
];
