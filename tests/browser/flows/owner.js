// owner.js - the demo's three owners on their phones (issue 8): each logs
// in (one typing the number with spaces, one with the country code), reads
// the home page, the unpaid list, one bill's computation, the payment
// history and the receipts, by tapping what an owner taps. Every figure
// checked is recomputed from the database; every page is screenshotted as
// ownerN-home.png, ownerN-bills.png, ownerN-bill.png ... so that a person
// can tell what is owed, how it was computed and whom to call.

'use strict';

const { BASE, PASSWORD, fail, open, look, follow, sql, sql1 } = require('../lib');


// fen as the pages write it: ¥1,234.50, and −¥300.00 with U+2212.
function yuan(fen) {
  const n = Number(fen);
  const a = Math.abs(n);
  const whole = Math.floor(a / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '\u2212' : '') + '¥' + whole + '.' + String(a % 100).padStart(2, '0');
}

function x100(v) {
  const n = Number(v);
  return Math.floor(n / 100) + '.' + String(n % 100).padStart(2, '0');
}

const OPEN = "b.status IN ('unpaid', 'partial')";
const OWED = 'b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM allocations a' +
  ' WHERE a.bill_id = b.id), 0)';

// [fen past due, whole months since the oldest past-due bill's due date].
function pastDue(premises) {
  const [fen, months] = sql('SELECT COALESCE(SUM(' + OWED + '), 0),' +
    ' COALESCE(TIMESTAMPDIFF(MONTH, MIN(b.due_date), CURDATE()), -1) FROM bills b' +
    ' WHERE b.premises_id = ' + premises + ' AND ' + OPEN + ' AND b.due_date < CURDATE()')[0];
  return [Number(fen), Number(months)];
}

function monthsWords(n) {
  return n < 1 ? '不足 1 个月' : n + ' 个月';
}

// What a bill's computation line must say, from the bill, its premises
// and the rate in force for its period.
function expectedHow(bill) {
  const [item, period, months, amount, area, occ, basis] = sql('SELECT b.fee_item_id,' +
    ' b.period_start, b.period_months, b.amount_fen, p.area_x100, p.occupancy, fi.basis' +
    ' FROM bills b JOIN premises p ON p.id = b.premises_id JOIN fee_items fi' +
    ' ON fi.id = b.fee_item_id WHERE b.id = ' + bill)[0];
  const rate = sql1('SELECT rate_fen FROM fee_rates WHERE fee_item_id = ' + item +
    " AND occupancy = '" + occ + "' AND from_period <= '" + period + "'" +
    ' ORDER BY from_period DESC, id DESC LIMIT 1');
  if (basis === 'area')
    return x100(area) + ' ㎡ × ' + yuan(rate) + '/㎡·月' +
      (Number(months) > 1 ? ' × ' + months + ' 个月' : '') + ' = ' + yuan(amount);
  if (basis === 'fixed')
    return '固定金额 ' + yuan(rate) + '（每' + (months === '3' ? '季度' : '月') + '）';
  return null;
}

function squash(s) {
  return s.replace(/\s+/g, ' ').trim();
}

// The page's text must never write a negative amount as ¥-.
async function noBadMinus(page, what) {
  if ((await page.textContent('body')).includes('¥-')) fail(what + ': prints ¥-');
}

// Whom to call: the footer's tel: link to the service centre, its hours,
// and each premises' collector (or that none is assigned).
async function checkFooter(page, what, owner) {
  const [phone, hours] = sql("SELECT e.phone, e.opening_hours FROM estates e JOIN owners o" +
    " ON o.estate_id = e.id WHERE o.phone = '" + owner + "'")[0];
  const href = await page.getAttribute('footer.foot a.tel.button', 'href');
  if (href !== 'tel:' + phone.replace(/[^0-9]/g, ''))
    fail(what + ': footer phone link is ' + href + ', want ' + phone);
  const foot = squash(await page.textContent('footer.foot'));
  if (hours && !foot.includes('服务时间：' + hours)) fail(what + ': no opening hours in ' + foot);
  for (const [label, name] of sql("SELECT IF(p.occupancy = 'shop', CONCAT(bd.name, p.room," +
      " '号'), CONCAT(bd.name, IF(p.unit = '', '', CONCAT(p.unit, '单元')), p.room, '室'))," +
      " COALESCE(s.name, '')" +
      ' FROM premises_owners po JOIN owners o ON o.id = po.owner_id' +
      ' JOIN premises p ON p.id = po.premises_id JOIN buildings bd ON bd.id = p.building_id' +
      ' LEFT JOIN assignments a ON a.premises_id = p.id' +
      ' LEFT JOIN staff s ON s.id = a.collector_id AND s.active = 1' +
      " WHERE o.phone = '" + owner + "'")) {
    const want = label + '的收费员：' + (name || '尚未指定');
    if (!foot.replace('： ', '：').includes(want)) fail(what + ': footer lacks ' + want);
  }
}

async function login(page, size, who, typed) {
  await page.goto(BASE + '/login');
  await page.fill('#phone', typed);
  await page.fill('#password', PASSWORD);
  await follow(page, 'button[type=submit].primary');
  if (!(await page.textContent('h1')).includes('您好'))
    fail(who + ': typing ' + typed + ' did not log in');
}

// The home page: for each premises, what is past due in red with its
// months, or nothing red; the prepaid balance and about when it runs out.
async function checkHome(page, who, phone) {
  for (const [pid] of sql('SELECT po.premises_id FROM premises_owners po JOIN owners o' +
      " ON o.id = po.owner_id WHERE o.phone = '" + phone + "'")) {
    const card = page.locator('section.premises[data-premises="' + pid + '"]');
    const [fen, months] = pastDue(pid);
    const red = card.locator('.pastdue');
    if (fen > 0) {
      const t = squash(await red.textContent());
      for (const want of ['逾期未缴 ' + yuan(fen), '已逾期 ' + monthsWords(months), '请尽快缴纳'])
        if (!t.includes(want)) fail(who + ': home says ' + t + ', not ' + want);
      const color = await red.evaluate((e) => getComputedStyle(e).color);
      if (color !== 'rgb(179, 38, 30)') fail(who + ': past due shown in ' + color);
    } else if ((await red.count()) !== 0) fail(who + ': red box with nothing past due');
    if (!squash(await card.textContent()).includes('下次缴费截止'))
      fail(who + ': no next due date');
  }
}

async function ownerFlow(browser, size, n, typed) {
  const who = 'owner' + n;
  const phone = '1380000000' + n;
  const { ctx, page } = await open(browser, size);
  await login(page, size, who, typed);
  await checkHome(page, who, phone);
  await checkFooter(page, who + ' home', phone);
  await look(page, size, who + '-home');

  // The unpaid list of the first premises: the total on top, oldest first,
  // every late bill marked.
  const pid = await page.getAttribute('section.premises', 'data-premises');
  await follow(page, 'section.premises a.button >> text="待缴账单"');
  const owed = sql1('SELECT COALESCE(SUM(' + OWED + '), 0) FROM bills b WHERE b.premises_id = ' +
    pid + ' AND ' + OPEN);
  const top = squash(await page.textContent('.owed-summary'));
  if (!top.includes('待缴合计 ' + yuan(owed))) fail(who + ': unpaid list total ' + top);
  const keys = await page.$$eval('.statement', (els) => els.map((e) => e.dataset.period));
  const sorted = [...keys].sort();
  if (keys.join() !== sorted.join()) fail(who + ': unpaid list not oldest first: ' + keys);
  const late = Number(sql1('SELECT COUNT(*) FROM bills b WHERE b.premises_id = ' + pid +
    ' AND ' + OPEN + ' AND b.due_date < CURDATE()'));
  const marked = await page.locator('li.bill b.late').count();
  if (marked !== Math.min(late, await page.locator('li.bill').count()))
    fail(who + ': ' + marked + ' bills marked 已逾期, ' + late + ' are late');
  await checkFooter(page, who + ' bills', phone);
  await look(page, size, who + '-bills');

  // Every period, the settled ones folded: unfold one with a tap.
  await follow(page, 'text=查看已缴清的账单');
  const closed = page.locator('.statement.state-closed details').first();
  if ((await closed.count()) === 1) {
    if (await closed.evaluate((d) => d.open)) fail(who + ': a paid period is not folded');
    await closed.locator('summary').click();
    if (!(await closed.evaluate((d) => d.open))) fail(who + ': a paid period does not unfold');
  }
  await look(page, size, who + '-bills-all');

  // One bill: the oldest open one, or else the one just unfolded.
  const link = (await page.locator('.state-open li.bill a').count()) > 0 ?
    page.locator('.state-open li.bill a').last() : closed.locator('li.bill a').first();
  const bill = (await link.getAttribute('href')).split('/').pop();
  await Promise.all([page.waitForNavigation(), link.click()]);
  const how = squash(await page.textContent('.computation'));
  const want = expectedHow(bill);
  if (want && !how.includes(want)) fail(who + ': bill ' + bill + ' says ' + how + ', want ' + want);
  if (!(await page.locator('.bill-contact a.tel.button').count()))
    fail(who + ': no phone link on the bill');
  await noBadMinus(page, who + ' bill');
  await look(page, size, who + '-bill');

  // Payment history: each voided payment marked 已作废 with its date and
  // reason, reversals as −¥.
  await follow(page, 'nav.menu >> text=缴费记录');
  for (const [id, note] of await page.$$eval('li.payment', (els) => els.map((e) =>
    [e.dataset.payment, e.querySelector('.void-note') ? e.querySelector('.void-note').textContent : '']))) {
    const v = sql("SELECT DATE_FORMAT(v.voided_at, '%Y年%c月%e日'), v.reason FROM receipts r" +
      ' JOIN receipt_voids v ON v.receipt_id = r.id WHERE r.payment_id = ' + id);
    const want = v.length ? '已作废 · ' + v[0][0] + ' · 原因：' + v[0][1] : '';
    if (squash(note) !== want) fail(who + ': payment ' + id + ' says ' + note + ', want ' + want);
  }
  await noBadMinus(page, who + ' payments');
  await look(page, size, who + '-payments');

  await follow(page, 'nav.menu >> text=电子收据');
  await look(page, size, who + '-receipts');
  await ctx.close();
}

module.exports = [
  { name: 'owner 1 (typed plainly) reads what is owed, a bill and the history',
    run: (b, s) => ownerFlow(b, s, 1, '13800000001') },
  { name: 'owner 2, over 80, typing +86, sees what is past due in red',
    run: (b, s) => ownerFlow(b, s, 2, '+86 138-0000-0002') },
  { name: 'owner 3, typing the phone with spaces, has paid ahead',
    run: (b, s) => ownerFlow(b, s, 3, '138 0000 0003') },
];
