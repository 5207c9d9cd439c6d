// logincode.js - an owner on a phone logs in with a code sent by SMS
// (issue 11): from the login page to 短信验证码登录, types the phone,
// asks for a code, types wrong ones (refused, the tries left counted
// down to the warning before the last one), then the one the SMS
// carries, and is home. Another browser that asks again within the
// minute gets the phone step back, told to wait, finds its way to the
// code step, and the spent code typed there is refused. A third, past
// the phone's hourly limit, is told on the page when to try again and
// whom to call; reload, Back and Forward keep it so. The code is read
// where the SMS is queued (the outbox row's payload) or, once sent, from
// the mock SMS provider. Screenshots: logincode-*.png.

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

  // Wrong codes: each refused, the tries left told beside the field,
  // down to the warning that one is left.
  const wrongCode = String((Number(code) + 1) % 1000000).padStart(6, '0');
  for (let left = 4; left >= 1; left--) {
    await typeCode(page, wrongCode);
    r = await follow(page, 'form.code-form button[type=submit]');
    if (r.status() !== 403) fail('a wrong code answered ' + r.status());
    const said = (await page.locator('form.code-form .err').allTextContents()).join(' ');
    if (!said.includes('验证码不正确，还可尝试 ' + left + ' 次'))
      fail('no countdown beside the code at ' + left + ': ' + said);
    if (left === 4) await look(page, size, 'logincode-wrong');
  }
  const warned = (await page.locator('form.code-form .err').allTextContents()).join(' ');
  if (!warned.includes('再错一次，这个验证码就会失效'))
    fail('no warning before the last try: ' + warned);
  await look(page, size, 'logincode-last-try');

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
  if (r.status() !== 429 || !(await p2.textContent('#phone-err')).includes('每分钟只能获取 1 次'))
    fail('a second request within the minute: ' + r.status() + ' ' + (await alertText(p2)));
  if ((await p2.inputValue('#phone')) !== PHONE) fail('the phone was not kept');
  await look(p2, size, 'logincode-wait');
  r = await follow(p2, 'a:has-text("去输入验证码")');
  if (r.status() !== 200) fail('the way to the code step answered ' + r.status());
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

// What the page says past the phone's hourly limit: the phone kept in
// its field, when to try again beside it, whom to call.
async function limitShown(page, what) {
  const why = await page.textContent('#phone-err');
  if (!why.includes('1 小时内获取验证码已达 5 次') || !/请 \d+ 分钟后再试（\d\d:\d\d 以后）/.test(why))
    fail(what + ': no clear message beside the phone: ' + why);
  if ((await page.inputValue('#phone')) !== PHONE) fail(what + ': the phone was not kept');
  const help = await page.textContent('#limit-help');
  if (!help.includes('物业服务中心') || !(await page.locator('#limit-help a[href^="tel:"]').count()))
    fail(what + ': no service centre to call: ' + help);
}

async function requestLimit(browser, size) {
  sql('DELETE FROM login_codes');
  // five requests of the phone earlier in the hour (from elsewhere)
  sql("INSERT INTO login_codes (phone, purpose, salt, code_hash, created_at, expires_at, ip)" +
    " SELECT '" + PHONE + "', 'login', REPEAT('0', 32), REPEAT('0', 64)," +
    " NOW(6) - INTERVAL seq * 10 MINUTE, NOW(6) - INTERVAL seq * 10 MINUTE, '192.0.2.1'" +
    ' FROM seq_1_to_5');
  const { ctx, page } = await open(browser, size);
  await page.goto(BASE + '/login');
  await follow(page, 'a:has-text("短信验证码登录")');
  await page.click('#phone');
  await page.keyboard.type(PHONE);
  let r = await follow(page, 'button:has-text("获取验证码")');
  if (r.status() !== 429) fail('past the limit: HTTP ' + r.status());
  await limitShown(page, 'past the limit');
  await look(page, size, 'logincode-limit');
  const kept = page.url();

  // Reload: the same page, nothing asked again.
  r = await page.reload();
  if (!r || r.status() !== 429) fail('reload answered ' + (r ? r.status() : 'nothing'));
  await limitShown(page, 'after a reload');
  // Back: the phone step as it was; Forward: the message again.
  r = await page.goBack();
  if (r && (r.status() === 405 || r.status() >= 500)) fail('Back answered ' + r.status());
  if (page.url() === kept || !(await page.locator('#phone').count()))
    fail('Back did not lead to the phone step: ' + page.url());
  r = await page.goForward();
  if (r && (r.status() === 405 || r.status() >= 500)) fail('Forward answered ' + r.status());
  await limitShown(page, 'after Back and Forward');
  if (sql1("SELECT COUNT(*) FROM login_codes WHERE phone = '" + PHONE + "'") !== '5')
    fail('a request past the limit was kept');

  // A code received earlier can still be typed: the way to its step.
  r = await follow(page, 'a:has-text("去输入验证码")');
  if (r.status() !== 200 || !(await page.locator('form.code-form #code').count()))
    fail('no code step after the limit: ' + r.status());
  await look(page, size, 'logincode-limit-code');
  await ctx.close();
  sql('DELETE FROM login_codes');
}

module.exports = [
  { name: 'an owner logs in with an SMS code; a wrong or spent code is refused', run: codeLogin },
  { name: 'past the code request limit the page says when to try again and whom to call',
    run: requestLimit },
];
