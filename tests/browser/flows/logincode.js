// logincode.js - an owner on a phone logs in with a code sent by SMS
// (issue 11): from the login page to 短信验证码登录, types the phone,
// asks for a code, types a wrong one (refused, with the tries left),
// then the one the SMS carries, and is home. Another browser that asks
// again within the minute is told to wait, and the spent code typed
// there is refused. The code is read where the SMS is queued (the outbox
// row's payload) or, once sent, from the mock SMS provider. Screenshots:
// logincode-*.png.

'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { BASE, VAR, fail, open, look, follow, sql, sql1 } = require('../lib');

const PHONE = '13800000002';

// The codes the mock SMS provider took for PHONE (any lane's: lanes
// share the mock), or none when the stack runs no mock.
async function mockCodes() {
  const conf = fs.readFileSync(path.join(VAR, 'propfee.conf'), 'utf8');
  const urls = conf.split('\n').filter((l) => l.startsWith('msg_mock_url='));
  if (!urls.length) return [];
  try {
    const r = await fetch(urls[urls.length - 1].slice(13) +
      '/_received?channel=sms&address=' + PHONE);
    return (await r.json()).filter((m) => m.topic === 'login_code')
      .map((m) => (m.params || {}).code || '');
  } catch (e) {
    return [];
  }
}

// The code of PHONE's latest login request as its SMS carries it: the
// outbox row's payload while it waits, or once the worker has sent it
// (and forgotten it there) what the mock took - the code whose hash is
// the request's (SHA-256 of "salt:phone:code").
async function queuedCode() {
  const row = sql("SELECT id, salt, code_hash FROM login_codes WHERE phone = '" + PHONE +
    "' AND purpose = 'login' ORDER BY id DESC LIMIT 1")[0];
  if (!row) fail('no code asked for ' + PHONE);
  const [id, salt, want] = row;
  for (let i = 0; i < 75; i++) {
    const payload = sql1("SELECT payload FROM outbox WHERE idem_key = 'login.code/" + id +
      "/sms'");
    if (payload === null) fail('no login code queued for ' + PHONE);
    const codes = [JSON.parse(payload).code || ''].concat(await mockCodes());
    for (const code of codes)
      if (crypto.createHash('sha256').update(salt + ':' + PHONE + ':' + code)
        .digest('hex') === want) return code;
    await new Promise((res) => setTimeout(res, 200));
  }
  return fail('the code is neither queued nor sent');
}

// Taps the code field and types the code as a person does.
async function typeCode(page, code) {
  await page.click('#code');
  await page.keyboard.type(code);
}

async function alertText(page) {
  return (await page.locator('[role=alert], .err').allTextContents()).join(' ');
}

async function codeLogin(browser, size) {
  sql('DELETE FROM login_codes');
  const { ctx, page } = await open(browser, size);
  await page.goto(BASE + '/login');
  await follow(page, 'a:has-text("短信验证码登录")');
  await look(page, size, 'logincode-phone');
  await page.click('#phone');
  await page.keyboard.type('138 0000 0002');
  let r = await follow(page, 'button:has-text("获取验证码")');
  if (r.status() !== 200) fail('asking for a code answered ' + r.status());
  if (!(await page.textContent('.notice')).includes('如果该手机号已登记，验证码已发送，5 分钟内有效'))
    fail('no word that a code was sent');
  await look(page, size, 'logincode-sent');
  const code = await queuedCode();

  // A wrong code: refused, and the tries left are told.
  await typeCode(page, String((Number(code) + 1) % 1000000).padStart(6, '0'));
  r = await follow(page, 'form.code-form button[type=submit]');
  if (r.status() !== 403) fail('a wrong code answered ' + r.status());
  if (!(await alertText(page)).includes('验证码不正确，还可尝试 4 次'))
    fail('no countdown after a wrong code: ' + (await alertText(page)));
  await look(page, size, 'logincode-wrong');

  // The right one: home.
  await typeCode(page, code);
  r = await follow(page, 'form.code-form button[type=submit]');
  if (r.status() !== 200 || !(await page.textContent('h1')).includes('您好'))
    fail('the right code did not log in: ' + r.status() + ' at ' + page.url());
  await look(page, size, 'logincode-home');
  await ctx.close();

  // Another browser: asking again within the minute is refused with how
  // long to wait, and the spent code does not log in.
  const other = await open(browser, size);
  const p2 = other.page;
  await p2.goto(BASE + '/login');
  await follow(p2, 'a:has-text("短信验证码登录")');
  await p2.click('#phone');
  await p2.keyboard.type(PHONE);
  r = await follow(p2, 'button:has-text("获取验证码")');
  if (r.status() !== 429 || !(await alertText(p2)).includes('每分钟只能获取 1 次'))
    fail('a second request within the minute: ' + r.status() + ' ' + (await alertText(p2)));
  await look(p2, size, 'logincode-wait');
  await typeCode(p2, code);
  r = await follow(p2, 'form.code-form button[type=submit]');
  if (r.status() !== 403 || !(await alertText(p2)).includes('已经用过'))
    fail('a spent code: ' + r.status() + ' ' + (await alertText(p2)));
  if ((await other.ctx.cookies()).some((c) => c.name === 'pf_o'))
    fail('the spent code gave a session');
  await look(p2, size, 'logincode-replay');
  await other.ctx.close();
  sql('DELETE FROM login_codes');
}

module.exports = [
  { name: 'an owner logs in with an SMS code; a wrong or spent code is refused', run: codeLogin },
];
