// messages.js - an owner on a phone and their 消息 (issue 11, and a new
// user's trial of it): opened from the menu by a tap, an e-bill sent by
// SMS and WeChat is one row naming both channels; the owner opens it and
// goes Back to the list; opens 接收设置 and changes the channels by
// tapping: 短信 off (WeChat stays), kept after a reload, then every box
// off, which is refused by the field with nothing changed, then 短信 on
// again. The App, with no device, is shown 未绑定 and cannot be ticked.
// An owner nothing was sent to sees one empty state, which leads to
// 接收设置. The owner's menu fits a phone of 390 and of 320 px: no label
// broken, no link alone on a line of its own, nothing wider than the
// screen.

'use strict';

const { fail, open, look, follow, ownerLogin, sql, sql1 } = require('../lib');

const PHONE = '13800000001';

function chosen(oid) {
  return sql('SELECT notify_sms, notify_wechat, notify_app FROM owners WHERE id = ' +
    oid)[0].join(',');
}

// The text of what selector names, its spaces as one.
async function words(page, selector) {
  return ((await page.textContent(selector)) || '').replace(/\s+/g, ' ');
}

// One message the worker sent by each of channels, newest of all:
// rows keyed as msg_queue keys them (the cause, then the channel).
// Returns their ids, in the order of channels.
function sentBy(oid, pid, tag, channels) {
  const cause = 'browser-msg/' + tag + '/' + Date.now();
  return channels.map((ch) => {
    sql('INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,' +
      " idem_key, payload, status, attempts, next_at, created_at, sent_at, body) VALUES" +
      " (1, " + oid + ", 'ebill', '" + ch + "', " + pid + ", 1, '" + cause + '/' + ch +
      "', '{}', 'sent', 1, NOW(6), NOW(6) + INTERVAL 5 DAY, NOW(6) + INTERVAL 5 DAY," +
      " '物业费账单已出')");
    return sql1("SELECT id FROM outbox WHERE idem_key = '" + cause + '/' + ch + "'");
  });
}

async function ownerReadsAndChangesChannels(browser, size) {
  const oid = sql1("SELECT id FROM owners WHERE phone = '" + PHONE + "'");
  const pid = sql1('SELECT premises_id FROM premises_owners WHERE owner_id = ' + oid +
    ' ORDER BY premises_id LIMIT 1');
  sql('UPDATE owners SET notify_sms = 1, notify_wechat = 1, notify_app = 0,' +
    " app_device = '' WHERE id = " + oid);
  const [sms, wechat] = sentBy(oid, pid, size.name, ['sms', 'wechat']);
  const { ctx, page } = await open(browser, size);
  await ownerLogin(page, PHONE);
  const r = await follow(page, 'nav.menu >> text=消息');
  if (r.status() !== 200) fail('消息: HTTP ' + r.status());
  // one row for the e-bill, both channels named on it
  if (await page.locator('li[data-message="' + wechat + '"]').count() !== 0)
    fail('the e-bill by WeChat is a row of its own');
  const row = 'li[data-message="' + sms + '"]';
  const text = await words(page, row);
  if (!text.includes('电子账单') || !text.includes('已通过 短信、微信 发送'))
    fail('the e-bill row says ' + text);
  if ((await page.getAttribute(row + ' a.msg-link', 'href')) !== '/premises/' + pid + '/pay')
    fail('the e-bill does not lead to paying');
  await look(page, size, 'owner-messages');

  // the message, then Back to the list
  await follow(page, row + ' a.msg-what');
  if (!page.url().endsWith('/messages/' + sms)) fail('the e-bill opened ' + page.url());
  const one = await words(page, 'main');
  if (!one.includes('已通过 短信、微信 发送') || !one.includes('物业费账单已出'))
    fail('the e-bill page says ' + one.slice(0, 200));
  await look(page, size, 'owner-message');
  const back = await page.goBack();
  if (back && back.status() !== 200) fail('Back to 消息: HTTP ' + back.status());
  if (!page.url().endsWith('/messages') || await page.locator(row).count() !== 1)
    fail('Back did not lead to the list: ' + page.url());

  await follow(page, 'a.msg-settings');
  if (!page.url().endsWith('/messages/settings')) fail('接收设置 is ' + page.url());
  if (!(await page.isDisabled('#app'))) fail('the App (no device) can be ticked');
  if (!(await page.textContent('[data-channel="app"]')).includes('未绑定'))
    fail('the App is not shown 未绑定');
  if (!(await page.isChecked('#sms')) || !(await page.isChecked('#wechat')))
    fail('短信 and 微信 are not ticked');
  await look(page, size, 'owner-msg-settings');

  // 短信 off: WeChat alone, kept after a reload
  await page.click('[data-channel="sms"] label');
  await follow(page, 'button:has-text("保存")');
  if (!(await page.textContent('main')).includes('已保存')) fail('no 已保存');
  if (chosen(oid) !== '0,1,0') fail('saved as ' + chosen(oid));
  const again = await page.reload();
  if (again.status() !== 200) fail('reloading 接收设置: HTTP ' + again.status());
  if (await page.isChecked('#sms')) fail('短信 ticked again after a reload');
  if (!(await page.isChecked('#wechat'))) fail('微信 not ticked after a reload');

  // every box off: refused by the field, nothing changed
  await page.click('[data-channel="wechat"] label');
  const refused = await follow(page, 'button:has-text("保存")');
  if (refused.status() !== 400) fail('no channel at all answered ' + refused.status());
  if (!(await page.textContent('#channels')).includes('请至少保留一种接收方式'))
    fail('no message by the channels');
  if (chosen(oid) !== '0,1,0') fail('a refused form changed it to ' + chosen(oid));
  await look(page, size, 'owner-msg-settings-none');

  // 短信 and 微信 again, as the demo has it
  await page.click('[data-channel="sms"] label');
  await page.click('[data-channel="wechat"] label');
  await follow(page, 'button:has-text("保存")');
  if (chosen(oid) !== '1,1,0') fail('not put back: ' + chosen(oid));
  await ctx.close();
}

// An owner of estate 1 nothing was ever written for, not a demo login:
// [id, phone, their channels as they were].
function loneOwner() {
  const row = sql('SELECT o.id, o.phone, o.notify_sms, o.notify_wechat, o.notify_app' +
    " FROM owners o WHERE o.estate_id = 1 AND o.phone <> ''" +
    " AND o.phone NOT LIKE '1380000000_'" +
    ' AND EXISTS (SELECT 1 FROM premises_owners po WHERE po.owner_id = o.id)' +
    ' AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.owner_id = o.id)' +
    ' ORDER BY o.id LIMIT 1')[0];
  if (!row) fail('no owner without messages');
  return row;
}

async function ownerWithNoMessages(browser, size) {
  const [oid, phone, ...was] = loneOwner();
  // every channel off meanwhile: the lane's worker queues them nothing
  sql('UPDATE owners SET notify_sms = 0, notify_wechat = 0, notify_app = 0 WHERE id = ' +
    oid);
  const { ctx, page } = await open(browser, size);
  try {
    await ownerLogin(page, phone);
    const r = await follow(page, 'nav.menu >> text=消息');
    if (r.status() !== 200) fail('消息: HTTP ' + r.status());
    if (await page.locator('main .card').count() !== 1 ||
        await page.locator('main .msg-none').count() !== 1)
      fail('not one empty state: ' + await words(page, 'main'));
    if (await page.locator('main nav.pager, main ul.messages').count() !== 0)
      fail('a pager or a list beside the empty state: ' + await words(page, 'main'));
    const none = await words(page, '.msg-none');
    if (!none.includes('还没有消息') || !none.includes('电子账单'))
      fail('the empty state says ' + none);
    await look(page, size, 'owner-messages-none');
    await follow(page, '.msg-none a.msg-settings');
    if (!page.url().endsWith('/messages/settings'))
      fail('the empty state leads to ' + page.url());
  } finally {
    sql('UPDATE owners SET notify_sms = ' + was[0] + ', notify_wechat = ' + was[1] +
      ', notify_app = ' + was[2] + ' WHERE id = ' + oid);
    await ctx.close();
  }
}

// The owner's menu as laid out: on one line, or in rows of equal
// buttons none of which stands alone; no label broken over two lines;
// inside the screen.
async function menuFits(page, what) {
  const f = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    links: Array.from(document.querySelectorAll('nav.menu a')).map((a) => {
      const box = a.getBoundingClientRect();
      const text = document.createRange();
      text.selectNodeContents(a);
      return { label: a.textContent.trim(), top: Math.round(box.top),
        left: box.left, right: box.right, width: Math.round(box.width),
        lines: new Set(Array.from(text.getClientRects()).map((r) => Math.round(r.top)))
          .size };
    }),
  }));
  if (f.links.length < 2) fail(what + ': no menu');
  if (f.doc > f.inner) fail(what + ': the page is ' + f.doc + ' px on ' + f.inner);
  for (const l of f.links) {
    if (l.left < 0 || l.right > f.inner) fail(what + ': ' + l.label + ' off the screen');
    if (l.lines !== 1) fail(what + ': ' + l.label + ' broken over ' + l.lines + ' lines');
  }
  const rows = new Map();
  for (const l of f.links) rows.set(l.top, (rows.get(l.top) || []).concat([l]));
  if (rows.size === 1) return;
  for (const row of rows.values()) {
    if (row.length < 2) fail(what + ': ' + row[0].label + ' alone on a line of the menu');
    if (new Set(row.map((l) => l.width)).size !== 1)
      fail(what + ': a row of the menu of unequal buttons ' +
        row.map((l) => l.label + ' ' + l.width).join(', '));
  }
}

async function menuOnAPhone(browser, size) {
  const sizes = size.name === 'phone' ?
    [size, { ...size, name: 'phone320', viewport: { width: 320, height: 640 } }] : [size];
  const oid = sql1("SELECT id FROM owners WHERE phone = '" + PHONE + "'");
  const pid = sql1('SELECT premises_id FROM premises_owners WHERE owner_id = ' + oid +
    ' ORDER BY premises_id LIMIT 1');
  const [sms] = sentBy(oid, pid, size.name + '-menu', ['sms', 'wechat']);
  for (const s of sizes) {
    const { ctx, page } = await open(browser, s);
    await ownerLogin(page, PHONE);
    await menuFits(page, s.viewport.width + ' px home');
    await follow(page, 'nav.menu >> text=消息');
    await menuFits(page, s.viewport.width + ' px 消息');
    await look(page, s, 'owner-menu-messages');
    await follow(page, 'li[data-message="' + sms + '"] a.msg-what');
    await look(page, s, 'owner-menu-message');
    await follow(page, 'nav.menu >> text=消息');
    await follow(page, 'a.msg-settings');
    await menuFits(page, s.viewport.width + ' px 接收设置');
    await look(page, s, 'owner-menu-msg-settings');
    await ctx.close();
  }
}

module.exports = [
  { name: 'an owner opens 消息, reads a message sent two ways as one, and changes 接收设置',
    run: ownerReadsAndChangesChannels },
  { name: 'an owner with no messages sees one empty state', run: ownerWithNoMessages },
  { name: 'the owner menu fits a phone of 390 and 320 px', run: menuOnAPhone },
];
