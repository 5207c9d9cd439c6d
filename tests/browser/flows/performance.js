// performance.js - satisfaction tied to pay (issue 12, DOMAIN.md
// "Collector performance"), by clicking: the team lead opens 绩效 from
// the menu, picks a month, reads a collector's row (checked against the
// follow-ups in the database) and downloads the CSV (the same row); the
// manager changes the satisfaction baseline in 预警设置 and sees the
// collector's pay multiplier of this month change on 绩效 and that of a
// past month stay (the rule that stood at its end), then puts it back. A
// follow-up of the collector's in that month is made first, so the flow
// does not depend on what the demo holds. Screenshots: performance-*.png.

'use strict';

const fs = require('fs');
const { fail, sql, sql1, open, look, follow, staffLogin } = require('../lib');
const { menu } = require('../steps');

const TAG = 'performance.js';

// The month two months back ("YYYY-MM") and its bounds.
function pickedMonth() {
  const row = sql("SELECT DATE_FORMAT(CURDATE() - INTERVAL 2 MONTH, '%Y-%m')," +
    " DATE_FORMAT(CURDATE() - INTERVAL 2 MONTH, '%Y-%m-01')," +
    " DATE_FORMAT(CURDATE() - INTERVAL 1 MONTH, '%Y-%m-01')")[0];
  return { ym: row[0], from: row[1], to: row[2] };
}

// This month ("YYYY-MM") and its bounds.
function thisMonth() {
  const row = sql("SELECT DATE_FORMAT(CURDATE(), '%Y-%m'), DATE_FORMAT(CURDATE(), '%Y-%m-01')," +
    " DATE_FORMAT(CURDATE() + INTERVAL 1 MONTH, '%Y-%m-01')")[0];
  return { ym: row[0], from: row[1], to: row[2], now: true };
}

// shoufei1's follow-up (score 96) in month m, made once (this month's:
// its steps in the last 50 minutes, or since the month began).
function setUp(m) {
  const tag = TAG + (m.now ? ' now' : '');
  if (sql1("SELECT COUNT(*) FROM service_requests WHERE body = '" + tag + "'") !== '0') return;
  const me = sql1("SELECT id FROM staff WHERE username = 'shoufei1'");
  const pid = sql1('SELECT premises_id FROM assignments WHERE collector_id = ' + me +
    ' ORDER BY premises_id LIMIT 1');
  const at = m.now ? (days, hours) => "GREATEST('" + m.from + "', NOW() - INTERVAL 50 MINUTE)" +
      ' + INTERVAL ' + (days * 10 + hours) + ' SECOND'
    : (days, hours) => "'" + m.from + "' + INTERVAL " + days + ' DAY + INTERVAL ' +
      hours + ' HOUR';
  const rid = sql("INSERT INTO service_requests (estate_id, premises_id, category, body," +
    " source, logged_by_kind, status, stage_at, created_at) VALUES (1, " + pid +
    ", 'lighting', '" + tag + "', 'phone', 'system', 'closed', " + at(4, 10) + ', ' +
    at(2, 9) + '); SELECT LAST_INSERT_ID()')[0][0];
  const ev = [['logged', 2, 9, null], ['received', 2, 10, null], ['planned', 2, 12, null],
    ['done', 3, 15, null], ['followed', 4, 10, 96], ['closed', 4, 10, null]];
  sql('INSERT INTO service_request_events (estate_id, request_id, kind, actor_kind,' +
    ' actor_id, at, score) VALUES ' + ev.map(([k, d, h, score]) => '(1, ' + rid + ", '" + k +
    "', " + (score === null ? "'system', NULL" : "'staff', " + me) + ', ' + at(d, h) + ', ' +
    (score === null ? 'NULL' : score) + ')').join(', '));
}

// shoufei1's follow-ups in the month: [id, count, mean in tenths (half
// up), "91.6"].
function expected(m) {
  const me = sql1("SELECT id FROM staff WHERE username = 'shoufei1'");
  const [n, sum] = sql("SELECT COUNT(*), COALESCE(SUM(score), 0) FROM" +
    " service_request_events WHERE estate_id = 1 AND kind = 'followed' AND" +
    " actor_kind = 'staff' AND actor_id = " + me + " AND score IS NOT NULL AND at >= '" +
    m.from + "' AND at < '" + m.to + "'")[0].map(Number);
  if (n === 0) fail('no follow-up of shoufei1 in ' + m.ym);
  const x10 = Math.floor((sum * 20 + n) / (2 * n));
  return { me, n, x10, text: Math.floor(x10 / 10) + '.' + (x10 % 10) };
}

// 100 % + step per full step of points over the baseline (tenths in).
function multiplier(x10, base, points, stepBp) {
  const over = x10 - base * 10;
  return over <= 0 ? 10000 : 10000 + Math.floor(over / (points * 10)) * stepBp;
}

function bpText(bp) {
  const s = (bp / 100).toFixed(2).replace(/\.?0+$/, '');
  return s + '%';
}

function rule() {
  return sql('SELECT satisfaction_baseline, pay_step_points, pay_step_bp FROM estates' +
    ' WHERE id = 1')[0].map(Number);
}

// On 绩效: pick month m and show it.
async function pick(page, m) {
  await page.fill('#month', m.ym);
  const r = await follow(page, 'form.filters button[type=submit]');
  if (r.status() !== 200) fail('month ' + m.ym + ': HTTP ' + r.status());
  if ((await page.inputValue('#month')) !== m.ym) fail('the month shown is not ' + m.ym);
}

async function rowOf(page, id) {
  const row = page.locator('tr[data-staff="' + id + '"]');
  if ((await row.count()) !== 1) fail('no row for staff ' + id);
  const cell = async (c) => (await row.locator('.' + c).textContent()).trim();
  return { n: await cell('followups'), mean: await cell('mean'), mult: await cell('mult') };
}

async function leadFlow(browser, size) {
  const m = pickedMonth();
  setUp(m);
  const want = expected(m);
  const [base, points, stepBp] = rule();
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  await menu(page, '绩效');
  await look(page, size, 'performance-lead-default');
  await pick(page, m);
  await look(page, size, 'performance-lead-month');
  const row = await rowOf(page, want.me);
  if (row.n !== String(want.n) || row.mean !== want.text)
    fail('shoufei1 shows ' + row.n + ' follow-ups, mean ' + row.mean + '; want ' + want.n +
      ', ' + want.text);
  if (row.mult !== bpText(multiplier(want.x10, base, points, stepBp)))
    fail('multiplier ' + row.mult + ' for ' + want.text + ' over ' + base);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.csv')]);
  if (download.suggestedFilename() !== 'performance-' + m.ym + '.csv')
    fail('downloaded ' + download.suggestedFilename());
  const lines = fs.readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '')
    .split('\r\n');
  if (!lines[0].startsWith('月份,收费员,回访次数,平均满意度')) fail('CSV header ' + lines[0]);
  const name = sql1("SELECT name FROM staff WHERE username = 'shoufei1'");
  const mine = lines.find((l) => l.startsWith(m.ym + ',' + name + ','));
  if (!mine) fail('no row of ' + name + ' in the CSV');
  const cols = mine.split(',');
  if (cols[2] !== String(want.n) || cols[3] !== want.text || cols[5] !== row.mult)
    fail('the CSV row ' + mine + ' is not the page\'s');
  await ctx.close();
}

async function managerFlow(browser, size) {
  const past = pickedMonth();
  setUp(past);
  const wantPast = expected(past);
  const m = thisMonth();
  setUp(m);
  const want = expected(m);
  const [base, points, stepBp] = rule();
  const before = multiplier(want.x10, base, points, stepBp);
  // the nearest baseline under which shoufei1's multiplier is another
  let other = null;
  for (let d = 1; d <= 100 && other === null; d++)
    for (const b of [base - d, base + d])
      if (other === null && b >= 0 && b <= 100 &&
          multiplier(want.x10, b, points, stepBp) !== before) other = b;
  if (other === null) fail('no baseline changes the multiplier of ' + want.text);
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  const setBaseline = async (value) => {
    await menu(page, '预警设置');
    await page.fill('#satisfaction_baseline', String(value));
    const r = await follow(page, 'form:has(input[name=part][value=pay]) button[type=submit]');
    if (!(await page.content()).includes('已保存'))
      fail('the baseline is not saved: HTTP ' + r.status());
    if (sql1('SELECT satisfaction_baseline FROM estates WHERE id = 1') !== String(value))
      fail('the baseline is not ' + value);
  };
  await menu(page, '绩效');
  await pick(page, past);
  const pastBefore = (await rowOf(page, wantPast.me)).mult;
  await pick(page, m);
  if ((await rowOf(page, want.me)).mult !== bpText(before)) fail('the multiplier before');
  await setBaseline(other);
  await look(page, size, 'performance-manager-settings');
  try {
    await menu(page, '绩效');
    await pick(page, m);
    const after = (await rowOf(page, want.me)).mult;
    if (after !== bpText(multiplier(want.x10, other, points, stepBp)) || after === bpText(before))
      fail('the multiplier is ' + after + ' with the baseline at ' + other + ' (was ' +
        bpText(before) + ')');
    if (!(await page.textContent('.perf-rule')).includes('基准满意度 ' + other + ' 分'))
      fail('the page does not say the new baseline');
    await look(page, size, 'performance-manager-changed');
    // a past month's pay stays as the rule at its end made it
    await pick(page, past);
    if ((await rowOf(page, wantPast.me)).mult !== pastBefore)
      fail('a past month\'s multiplier moved with the new baseline: ' + pastBefore + ' -> ' +
        (await rowOf(page, wantPast.me)).mult);
    if ((await page.textContent('.perf-rule')).includes('基准满意度 ' + other + ' 分'))
      fail('a past month says the new baseline');
  } finally {
    await setBaseline(base);
  }
  await ctx.close();
}

module.exports = [
  { name: 'performance: the team lead opens 绩效 from the menu, picks a month, reads a' +
      ' collector\'s row and downloads the CSV', run: leadFlow },
  { name: 'performance: the manager changes the satisfaction baseline and sees the pay' +
      ' multiplier change', run: managerFlow },
];
