// messages.js - an owner on a phone opens 消息 from the menu, reads what
// was sent (an e-bill by WeChat, with 去缴费), opens 接收设置 and changes
// the channels by tapping: 短信 off (WeChat stays), then every box off,
// which is refused by the field with nothing changed, then 短信 on again
// (issue 11). The App, with no device, is shown 未绑定 and cannot be
// ticked.

'use strict';

const { BASE, fail, open, look, follow, ownerLogin, sql, sql1 } = require('../lib');

const PHONE = '13800000001';

function chosen(oid) {
  return sql('SELECT notify_sms, notify_wechat, notify_app FROM owners WHERE id = ' +
    oid)[0].join(',');
}

async function ownerChangesChannels(browser, size) {
  const oid = sql1("SELECT id FROM owners WHERE phone = '" + PHONE + "'");
  const pid = sql1('SELECT premises_id FROM premises_owners WHERE owner_id = ' + oid +
    ' ORDER BY premises_id LIMIT 1');
  sql('UPDATE owners SET notify_sms = 1, notify_wechat = 1, notify_app = 0,' +
    " app_device = '' WHERE id = " + oid);
  // an e-bill the worker sent by WeChat, newest of all
  const key = 'browser-msg/' + size.name + '/' + Date.now();
  sql('INSERT INTO outbox (estate_id, owner_id, topic, channel, premises_id, held,' +
    " idem_key, payload, status, attempts, next_at, created_at, sent_at, body) VALUES" +
    " (1, " + oid + ", 'ebill', 'wechat', " + pid + ", 1, '" + key + "', '{}', 'sent'," +
    " 1, NOW(6), NOW(6) + INTERVAL 5 DAY, NOW(6) + INTERVAL 5 DAY, '物业费账单已出')");
  const mid = sql1("SELECT id FROM outbox WHERE idem_key = '" + key + "'");
  const { ctx, page } = await open(browser, size);
  await ownerLogin(page, PHONE);
  const r = await follow(page, 'nav.menu >> text=消息');
  if (r.status() !== 200) fail('消息: HTTP ' + r.status());
  const row = page.locator('li[data-message="' + mid + '"]');
  const text = await row.textContent();
  if (!text.includes('电子账单') || !text.includes('微信') || !text.includes('已发送'))
    fail('the e-bill row says ' + text.replace(/\s+/g, ' '));
  if ((await row.locator('a.msg-link').getAttribute('href')) !== '/premises/' + pid + '/pay')
    fail('the e-bill does not lead to paying');
  await look(page, size, 'owner-messages');

  await follow(page, 'a.msg-settings');
  if (!page.url().endsWith('/messages/settings')) fail('接收设置 is ' + page.url());
  if (!(await page.isDisabled('#app'))) fail('the App (no device) can be ticked');
  if (!(await page.textContent('[data-channel="app"]')).includes('未绑定'))
    fail('the App is not shown 未绑定');
  if (!(await page.isChecked('#sms')) || !(await page.isChecked('#wechat')))
    fail('短信 and 微信 are not ticked');
  await look(page, size, 'owner-msg-settings');

  // 短信 off: WeChat alone
  await page.click('[data-channel="sms"] label');
  await follow(page, 'button:has-text("保存")');
  if (!(await page.textContent('main')).includes('已保存')) fail('no 已保存');
  if (chosen(oid) !== '0,1,0') fail('saved as ' + chosen(oid));
  if (await page.isChecked('#sms')) fail('短信 still ticked after saving');

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

module.exports = [
  { name: 'an owner opens 消息 and changes 接收设置 by tapping', run: ownerChangesChannels },
];
