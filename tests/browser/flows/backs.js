// backs.js - Back, reload and one more click after a form (issue 8, the
// second trial): Back after a payment and a click on 确认收款 takes no
// second payment; Back after a form put right shows the live page, not
// the old error page; a reload after a failed login sends no password
// and counts no attempt; 分配 with nothing ticked keeps the board.

'use strict';

const { BASE, fail, sql, sql1, open, look, follow, staffLogin } = require('../lib');
const { freshHousehold } = require('../steps');

function npayments(pid) {
  return Number(sql1('SELECT COUNT(*) FROM payments WHERE premises_id = ' + pid));
}

// A 4xx answer is the point of these pages: not a console fault.
async function lookAtRefusal(page, size, name) {
  page.problems = page.problems.filter((p) => !/status of 4\d\d/.test(p));
  await look(page, size, name);
}

// From the household's page, its pay form, as a collector gets there.
async function payForm(page, pid) {
  await page.goto(BASE + '/staff/households/' + pid);
  await follow(page, 'a.button:has-text("收款")');
}

async function payBack(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'shoufei1');
  const pid = freshHousehold()[0];
  await payForm(page, pid);
  await page.check('input[name=channel][value=cash]');
  await follow(page, 'button:has-text("确认收款")');
  if (!(await page.content()).includes('收款成功')) fail('the first payment was not taken');
  const n = npayments(pid);
  // Back: the pay form again, fresh from the server; one more click, as
  // a user unsure whether it went through.
  await page.goBack();
  if (!page.url().endsWith('/staff/households/' + pid + '/pay')) fail('Back went to ' + page.url());
  await look(page, size, 'pay-after-back');
  const r = await follow(page, 'button:has-text("确认收款")');
  if (npayments(pid) !== n) fail('Back and one click took a second payment');
  if (r.status() < 400) fail('the click after Back answered ' + r.status());
  if (!(await page.textContent('.recent-paid')).includes('刚刚已收款'))
    fail('the form does not lead with the payment just taken');
  if (!(await page.textContent('.recent-paid .err')).includes('确认这是另一笔新的收款'))
    fail('no message by the box');
  if ((await page.inputValue('#amount')) !== '') fail('the amount was filled in');
  await lookAtRefusal(page, size, 'pay-after-back-refused');
  // Ticked, with an amount typed: a new payment is taken.
  await page.check('#again');
  await page.fill('#amount', '3');
  await page.check('input[name=channel][value=cash]');
  await follow(page, 'button:has-text("确认收款")');
  if (npayments(pid) !== n + 1) fail('the box ticked took no payment');
  await ctx.close();
}

async function voidBack(browser, size) {
  const coll = await open(browser, size);
  await staffLogin(coll.page, 'shoufei2');
  const pid = freshHousehold()[0];
  await payForm(coll.page, pid);
  await coll.page.fill('#amount', '5');
  await coll.page.check('input[name=channel][value=cash]');
  await follow(coll.page, 'button:has-text("确认收款")');
  const rid = /\/staff\/receipts\/(\d+)/.exec(coll.page.url())[1];
  await coll.ctx.close();

  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'jingli');
  await page.goto(BASE + '/staff/receipts/' + rid);
  // Without a reason: the page again, with its message.
  let r = await follow(page, 'button:has-text("作废这张收据")');
  if (r.status() !== 400 || !/flash=/.test(page.url())) fail('no reason: ' + r.status());
  // Put right.
  await page.fill('form[action$="/void"] #reason', '金额收错，作废重收');
  await follow(page, 'button:has-text("作废这张收据")');
  if (!(await page.isVisible('[data-status=void]'))) fail('the receipt was not voided');
  // Back: the live receipt, voided, never the old error page.
  r = await page.goBack();
  if (!r || r.status() !== 200) fail('Back answered ' + (r && r.status()));
  if (/flash=/.test(page.url())) fail('Back stayed on the old error page ' + page.url());
  if (!(await page.isVisible('[data-status=void]'))) fail('Back shows the receipt valid');
  if (await page.locator('form[action$="/void"]').count()) fail('Back shows the void form open');
  await look(page, size, 'void-back-live');
  await ctx.close();
}

async function loginReload(browser, size) {
  const phone = '13800000003';
  const attempts = () => sql1("SELECT COUNT(*) FROM login_attempts WHERE login = '" + phone + "'");
  sql("DELETE FROM login_attempts WHERE login = '" + phone + "'");
  const { ctx, page } = await open(browser, size);
  await page.goto(BASE + '/login');
  await page.fill('#phone', phone);
  await page.fill('#password', 'not-the-password');
  const r = await follow(page, 'button[type=submit].primary');
  if (r.status() !== 403 || !/\/login\?.*flash=/.test(page.url()))
    fail('a failed login: ' + r.status() + ' at ' + page.url());
  if ((await page.inputValue('#phone')) !== phone) fail('the phone typed is lost');
  for (let i = 0; i < 3; i++) await page.reload();
  if (attempts() !== '1') fail(attempts() + ' failed attempts for one');
  await lookAtRefusal(page, size, 'login-failed-reloaded');
  sql("DELETE FROM login_attempts WHERE login = '" + phone + "'");
  await ctx.close();
}

async function assignNothing(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  await page.goto(BASE + '/staff/arrears?estate=1&tier=green&all=1');
  const rows = await page.locator('table.arrears tbody tr').count();
  const r = await follow(page, 'form.board button:has-text("分配")');
  if (r.status() !== 400) fail('nothing ticked answered ' + r.status());
  if (!(await page.locator('form.board p.assign-alert').count()) ||
      !(await page.textContent('form.board p.assign-alert')).includes('请先勾选要分配的住户'))
    fail('the board is gone, or no message over its boxes');
  if ((await page.locator('table.arrears tbody tr').count()) !== rows)
    fail('not the board the form came from');
  await lookAtRefusal(page, size, 'assign-nothing');
  await ctx.close();
}

module.exports = [
  { name: 'Back after a payment and one more click takes no second payment', run: payBack },
  { name: 'Back after a void put right shows the live receipt, not the old error', run: voidBack },
  { name: 'a reload after a failed login counts no second attempt', run: loginReload },
  { name: '分配 with nothing ticked keeps the board with its message', run: assignNothing },
];
