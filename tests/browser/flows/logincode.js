// logincode.js - an owner on a phone logs in with a code sent by SMS
// (issue 11): from the login page to 短信验证码登录, types the phone,
// asks for a code, types a wrong one (refused, with the tries left),
// then the one the SMS carries, and is home. Another browser that asks
// again within the minute is told to wait, and the spent code typed
// there is refused. The code is read where the SMS is queued: the outbox
// row's payload. Screenshots: logincode-*.png.

'use strict';

const { BASE, fail, open, look, follow, sql, sql1 } = require('../lib');

const PHONE = '13800000002';

function queuedCode() {
  const payload = sql1("SELECT payload FROM outbox WHERE topic = 'login.code' AND owner_id =" +
    " (SELECT id FROM owners WHERE phone = '" + PHONE + "') ORDER BY id DESC LIMIT 1");
  if (!payload) fail('no login code queued for ' + PHONE);
  const code = JSON.parse(payload).code;
  if (!/^[0-9]{6}$/.test(code)) fail('the queued code is ' + code);
  return code;
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
  const code = queuedCode();

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
