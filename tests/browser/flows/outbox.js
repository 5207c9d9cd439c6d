// outbox.js - 消息发送 (issue 11) as staff use it, by clicking. A team
// lead (zuzhang) opens it from the menu, picks 短信, 发送失败 and today
// and presses 查询; the list says to whom (owner and household), what,
// by which channel (the phone masked), the status and why in Chinese -
// no idempotency key, no provider code, no seconds; opens the message,
// reads its tries (the provider's answer in words, its code small
// beside it), resends it once the provider takes it again and sees it
// queued again, then sent. The message is made dead for real: the
// providers' mock refuses the owner's phone ('refuse', as a bad number).
// Beside it a push the service refused, to a 64-character device token:
// shortened, it keeps the list within a 390 px phone.
// Customer service (kefu) opens an owner's 接收设置 from 消息发送, ticks
// 微信, saves, and finds it kept after a reload. Every page is looked at
// (at 390 px: no wider than the screen).

'use strict';

const fs = require('fs');
const path = require('path');
const { VAR, fail, sql, sql1, open, look, follow, staffLogin } = require('../lib');
const { menu, settled } = require('../steps');

// China time, as the pages and the programs keep it (db.c).
const CN = "SET time_zone = '+08:00'; ";

// The providers' mock (scripts/propfee-mock-msg): its own routes, as
// JSON. Lanes share one mock: rules are set for this flow's address only.
async function mock(route, body) {
  const conf = fs.readFileSync(path.join(VAR, 'propfee.conf'), 'utf8');
  const url = conf.split('\n').filter((l) => l.startsWith('msg_mock_url=')).pop();
  if (!url) fail('the stack runs no message mock');
  const r = await fetch(url.slice('msg_mock_url='.length) + route, body === undefined ?
    {} : { method: 'POST', body: JSON.stringify(body) });
  if (!r.ok) fail('the mock answered ' + r.status + ' to ' + route);
  return r.json();
}

// A phone of this run alone (the mock is shared by every lane).
function freshPhone(size) {
  return '176' + (size.name === 'phone' ? '1' : '2') +
    String(Date.now() % 10000000).padStart(7, '0');
}

// A household of estate 1 with past-due bills and a primary owner who is
// none of the demo logins, from the far end of the ledger (the collector
// flows take theirs from the start): [premises, owner, owner's name].
function household(skip) {
  const row = sql('SELECT p.id, o.id, o.name FROM premises p' +
    ' JOIN premises_owners po ON po.premises_id = p.id AND po.is_primary = 1' +
    ' JOIN owners o ON o.id = po.owner_id WHERE p.estate_id = 1' +
    " AND p.occupancy <> 'shop' AND o.phone NOT LIKE '1380000000_'" +
    " AND EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = p.id AND b.status = 'unpaid'" +
    ' AND b.due_date < CURDATE())' + (skip ? ' AND p.id <> ' + skip : '') +
    ' ORDER BY p.id DESC LIMIT 1')[0];
  if (!row) fail('no household with past-due bills');
  return row;
}

// The text of what selector names, spaces squeezed.
async function text(page, selector) {
  return (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
}

// Times to the minute, never seconds or milliseconds.
async function noSeconds(page, what) {
  const body = await page.textContent('main');
  const m = /\d{1,2}:\d{2}:\d{2}|\d{2}:\d{2}\.\d+/.exec(body);
  if (m) fail(what + ' shows a time to the second: ' + m[0]);
}

async function leadResends(browser, size) {
  const [pid, oid, name] = household();
  const phone = freshPhone(size);
  sql("UPDATE owners SET phone = '" + phone + "', notify_sms = 1 WHERE id = " + oid);
  await mock('/_reset?address=' + phone, {});
  await mock('/_control', { address: phone, refuse: true });
  // a reminder of the household's past-due bills, due now (not held: it
  // goes out at any hour), which the provider refuses: dead at once
  const bills = sql("SELECT id FROM bills WHERE premises_id = " + pid +
    " AND status = 'unpaid' AND due_date < CURDATE()").map((r) => r[0]);
  const key = 'browser-outbox/' + size.name + '/' + Date.now();
  sql(CN + 'INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,' +
    ' idem_key, payload, status, attempts, next_at, created_at) VALUES (1, ' + oid +
    ", 'reminder', 'sms', " + pid + ", 0, '" + key + "', '{\"bills\":[" + bills.join(',') +
    "],\"stage\":\"after\"}', 'pending', 0, NOW(6), NOW(6))");
  const mid = sql1("SELECT id FROM outbox WHERE idem_key = '" + key + "'");
  const status = () => sql1('SELECT status FROM outbox WHERE id = ' + mid);
  for (let i = 0; i < 120 && status() !== 'dead'; i++) await new Promise((r) => setTimeout(r, 500));
  if (status() !== 'dead') fail('the refused message is ' + status() + ', not dead');
  // and an e-bill the push service refused, to a device token as long
  // as some services give (64 characters, unbroken)
  const device = 'ffffffff' + '3b9a'.repeat(14);
  sql("UPDATE owners SET app_device = '" + device + "' WHERE id = " + oid);
  sql(CN + 'INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,' +
    ' idem_key, payload, status, attempts, next_at, created_at, address, last_error)' +
    ' VALUES (1, ' + oid + ", 'ebill', 'app', " + pid + ", 1, '" + key + "/app', '{}'," +
    " 'dead', 1, NOW(6), NOW(6), '" + device + "', '1011 cannot_find_user_by_this_audience')");
  const app = sql1("SELECT id FROM outbox WHERE idem_key = '" + key + "/app'");
  sql(CN + 'INSERT INTO outbox_attempts (estate_id, outbox_id, attempt, at, ok, http_status,' +
    ' code, answer, took_ms, worker) VALUES (1, ' + app + ", 1, NOW(6), 0, 400, '1011'," +
    " 'cannot_find_user_by_this_audience', 120, 'browser')");
  const today = sql1(CN + 'SELECT CURDATE()');
  const label = sql1("SELECT CASE WHEN p.occupancy = 'shop' THEN CONCAT(bd.name, p.room, '号')" +
    " WHEN p.unit = '' THEN CONCAT(bd.name, p.room, '室')" +
    " ELSE CONCAT(bd.name, p.unit, '单元', p.room, '室') END FROM premises p" +
    ' JOIN buildings bd ON bd.id = p.building_id WHERE p.id = ' + pid);

  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  await menu(page, '消息发送');
  await look(page, size, 'lead-outbox');
  const pushed = await text(page, 'tr[data-message="' + app + '"]');
  for (const want of ['App 推送', 'ffff…3b9a', '找不到业主的手机（App 未登录或已卸载）'])
    if (!pushed.includes(want)) fail('the push row does not say ' + want + ': ' + pushed);
  if ((await page.textContent('main')).includes(device)) fail('a device token whole on the list');
  // the filters, as a lead picks them
  await page.selectOption('#channel', 'sms');
  await page.selectOption('#status', 'dead');
  await page.fill('#from', today);
  await page.fill('#to', today);
  const r = await follow(page, 'form.filters button[type=submit]');
  if (r.status() !== 200) fail('查询 answered ' + r.status());
  for (const q of ['channel=sms', 'status=dead', 'from=' + today, 'to=' + today])
    if (!page.url().includes(q)) fail('the filters are not in ' + page.url());
  if (await page.inputValue('#status') !== 'dead') fail('发送失败 is not kept in the filter');
  // first of all: at 390 px no wider than the screen (a lead's trial: 394 px)
  await look(page, size, 'lead-outbox-failed');
  const row = page.locator('tr[data-message="' + mid + '"]');
  if ((await row.count()) !== 1) fail('message ' + mid + ' is not listed under 短信 · 发送失败');
  const others = await page.$$eval('table.outbox tbody tr', (trs) =>
    trs.filter((tr) => tr.dataset.status !== 'dead').length);
  if (others) fail(others + ' rows listed that did not fail');
  const line = (await row.textContent()).replace(/\s+/g, ' ');
  const masked = phone.slice(0, 3) + '****' + phone.slice(-4);
  for (const want of [name, label, '缴费提醒', '短信', masked, '发送失败', '手机号码无效'])
    if (!line.includes(want)) fail('the row does not say ' + want + ': ' + line);
  const list = await page.textContent('main');
  for (const not of [phone, 'isv.', '幂等', 'http', '链接'])
    if (list.includes(not)) fail('the list shows ' + not);
  await noSeconds(page, 'the list');

  // the message: its tries, in words
  await follow(page, 'tr[data-message="' + mid + '"] a:has-text("详情")');
  if (!page.url().endsWith('/staff/outbox/' + mid)) fail('详情 opened ' + page.url());
  if (!(await text(page, 'h1')).includes('缴费提醒：发送失败')) fail('h1: ' + await text(page, 'h1'));
  const tries = page.locator('table.attempts tbody tr');
  if ((await tries.count()) !== 1) fail((await tries.count()) + ' tries shown, not 1');
  if ((await tries.first().getAttribute('data-result')) !== 'failed') fail('the try is not failed');
  if ((await text(page, 'table.attempts .words')) !== '手机号码无效')
    fail('the answer reads ' + await text(page, 'table.attempts .words'));
  if (!(await text(page, 'table.attempts .raw')).includes('isv.MOBILE_NUMBER_ILLEGAL'))
    fail('the provider\'s own code is not beside it');
  if ((await text(page, 'dd.why')) !== '手机号码无效') fail('原因: ' + await text(page, 'dd.why'));
  if ((await page.textContent('main')).includes('幂等')) fail('the message shows 幂等键');
  await noSeconds(page, 'the message');
  await look(page, size, 'lead-outbox-message');

  // the provider takes the phone again; the lead resends
  await mock('/_control', { address: phone });
  const resends = () => sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.resend'" +
    ' AND entity_id = ' + mid);
  await follow(page, 'form.resend button:has-text("重发")');
  if (resends() !== '1') fail('the resend was not recorded once');
  // queued again (or, the worker being quick, sent already)
  const shown = await page.getAttribute('section.outbox-msg', 'data-status');
  const said = await text(page, '.resent');
  if (!(['pending', 'sending'].includes(shown) && said === '已重新排队，稍后自动发送。' ||
      shown === 'sent' && said === '重发成功，已发出。'))
    fail('after 重发 the message is ' + shown + ' and the page says ' + said);
  const lead = sql1("SELECT name FROM staff WHERE username = 'zuzhang'");
  if (!(await text(page, '.resend-note')).includes(lead + ' 重发（此前发送失败，已尝试 1 次）'))
    fail('the resend note reads ' + await text(page, '.resend-note'));
  if (['dead', 'skipped'].includes(status())) fail('not queued again: ' + status());
  await look(page, size, 'lead-outbox-resent');
  // sent within seconds: the page says so on a reload
  for (let i = 0; i < 60 && status() !== 'sent'; i++) await new Promise((r) => setTimeout(r, 500));
  await page.reload();
  if ((await page.getAttribute('section.outbox-msg', 'data-status')) !== 'sent')
    fail('the resent message is ' + status());
  if (!(await text(page, 'h1')).includes('已发送')) fail('h1 after: ' + await text(page, 'h1'));
  if ((await text(page, '.resent')) !== '重发成功，已发出。') fail('no 重发成功 once sent');
  // the tries, numbered on through the resend
  const results = await page.$$eval('table.attempts tbody tr', (trs) =>
    trs.map((tr) => tr.querySelector('td').textContent + ':' + tr.dataset.result + ':' +
      tr.querySelector('.words').textContent));
  if (results.join() !== '1:failed:手机号码无效,2:ok:短信平台已接收')
    fail('the tries after the resend: ' + results.join());
  if ((await text(page, 'dd.tries')) !== '2 次') fail('已尝试 ' + await text(page, 'dd.tries'));
  await settled(page, 'resend', resends);
  const got = (await mock('/_received?channel=sms&address=' + phone)).length;
  if (got !== 1) fail('the mock took ' + got + ' SMS for ' + phone);
  await look(page, size, 'lead-outbox-sent');
  await ctx.close();
}

// Customer service, asked by an owner on the phone why no WeChat
// message came: finds the owner's messages, opens 接收设置 and ticks 微信.
async function serviceChangesChannels(browser, size) {
  const [pid, oid, name] = household(household()[0]);
  sql("UPDATE owners SET notify_sms = 1, notify_wechat = 0, notify_app = 0," +
    " wechat_openid = 'oBrowser" + size.name + Date.now() + "', app_device = ''" +
    ' WHERE id = ' + oid);
  const key = 'browser-prefs/' + size.name + '/' + Date.now();
  sql(CN + 'INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,' +
    ' idem_key, payload, status, attempts, next_at, created_at, sent_at, body) VALUES (1, ' +
    oid + ", 'ebill', 'sms', " + pid + ", 1, '" + key + "', '{}', 'sent', 1, NOW(6)," +
    " NOW(6) + INTERVAL 1 DAY, NOW(6) + INTERVAL 1 DAY, '物业费账单已出')");
  const mid = sql1("SELECT id FROM outbox WHERE idem_key = '" + key + "'");
  const chosen = () => sql('SELECT notify_sms, notify_wechat, notify_app FROM owners' +
    ' WHERE id = ' + oid)[0].join();
  const audits = () => sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'owner.channels'" +
    ' AND entity_id = ' + oid);

  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'kefu');
  await menu(page, '消息发送');
  await follow(page, 'tr[data-message="' + mid + '"] a:has-text("详情")');
  await follow(page, 'a.prefs-link');
  const url = '/staff/households/' + pid + '/owners/' + oid + '/messages';
  if (!page.url().endsWith(url)) fail('接收设置 opened ' + page.url());
  if (!(await text(page, 'h1')).includes(name)) fail('not ' + name + "'s 接收设置");
  if (await page.isChecked('#wechat')) fail('微信 ticked before');
  await look(page, size, 'service-owner-channels');
  await page.click('[data-channel="wechat"] label');
  await follow(page, 'button:has-text("保存")');
  if (!(await page.textContent('main')).includes('已保存')) fail('no 已保存');
  if (chosen() !== '1,1,0') fail('saved as ' + chosen());
  if (audits() !== '1') fail('the change is not in the audit log once');
  await settled(page, 'save channels', audits);
  // kept: a fresh load of the page
  await page.goto(page.url().replace(/\?.*$/, ''));
  if (!(await page.isChecked('#wechat')) || !(await page.isChecked('#sms')))
    fail('微信 and 短信 are not both ticked after a reload');
  if (!(await text(page, '.chosen')).includes('微信')) fail('现在接收 reads ' + await text(page, '.chosen'));
  const last = await text(page, 'tr[data-message="' + mid + '"]');
  if (!last.includes('电子账单') || !last.includes('已发送')) fail('最近的消息: ' + last);
  await look(page, size, 'service-owner-channels-saved');
  await ctx.close();
}

// A manager reads a billing run's e-bills, a line per channel in words,
// and follows 短信's 发送失败 count to those messages on 消息发送.
async function runsEbills(browser, size) {
  const boss = sql1("SELECT id FROM staff WHERE username = 'jingli'");
  sql(CN + 'INSERT INTO billing_runs (estate_id, period_start, status, requested_by,' +
    " requested_at, started_at, finished_at) VALUES (1, '2002-02-01', 'done', " + boss +
    ', NOW(), NOW(3), NOW(3))');
  const run = sql1("SELECT MAX(id) FROM billing_runs WHERE period_start = '2002-02-01'");
  const [pid, oid] = household();
  const put = (channel, status, n) => {
    for (let i = 0; i < n; i++)
      sql(CN + 'INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id,' +
        ' run_id, held, idem_key, payload, status, attempts, next_at, created_at)' +
        ' VALUES (1, ' + oid + ", 'ebill', '" + channel + "', " + pid + ', ' + run +
        ", 1, 'browser-run/" + run + '/' + channel + '/' + status + '/' + i +
        "', '{}', '" + status + "', 1, NOW(6) + INTERVAL 1 DAY," +
        ' NOW(6) - INTERVAL 400 DAY)');
  };
  put('sms', 'sent', 3);
  put('sms', 'dead', 1);
  put('sms', 'pending', 2);
  put('wechat', 'sent', 2);
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await menu(page, '出账');
  const listed = await text(page, 'tr:has(a[href="/staff/billing/runs/' + run + '"]) td.ebills');
  if (listed !== '已发送 5 · 发送失败 1 · 待发送 2') fail('the runs list says ' + listed);
  await follow(page, 'a[href="/staff/billing/runs/' + run + '"]');
  const lines = await page.$$eval('ul.ebills li', (lis) =>
    lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  if (lines.join(' | ') !== '短信 已发送 3 · 发送失败 1 · 待发送 2 | ' +
      '微信 已发送 2 · 发送失败 0 · 待发送 0 | 合计 已发送 5 · 发送失败 1 · 待发送 2')
    fail('the run\'s e-bills read ' + lines.join(' | '));
  await noSeconds(page, 'the run');
  await look(page, size, 'manager-run-ebills');
  await follow(page, 'li[data-channel="sms"] .eb-dead a');
  for (const q of ['run=' + run, 'channel=sms', 'status=dead'])
    if (!page.url().includes(q)) fail('the count led to ' + page.url());
  if (!(await text(page, '.by-run')).includes('只看2002年2月出账的电子账单'))
    fail('the list does not name the run: ' + await text(page, '.by-run'));
  const rows = await page.$$eval('table.outbox tbody tr', (trs) =>
    trs.map((tr) => tr.dataset.status));
  if (rows.join() !== 'dead') fail('the run\'s failed SMS list ' + rows.join());
  await look(page, size, 'manager-run-ebills-failed');
  await ctx.close();
}

module.exports = [
  { name: 'a team lead filters 消息发送, reads a failed message in words and resends it',
    run: leadResends },
  { name: 'customer service opens an owner\'s 接收设置 from 消息发送 and ticks 微信',
    run: serviceChangesChannels },
  { name: 'a manager reads a run\'s e-bills by channel and opens its failed SMS on 消息发送',
    run: runsEbills },
];
