// pay.js - owners pay online (issue 10), as on a phone: 缴纳逾期 on the
// home page, the pay page with what is past due chosen, the channel
// (支付宝, 微信支付), 去支付; the order's page, 前往…付款; the sandbox
// gateway's cashier (another site, as the real one is), 确认
// 付款; back on propfee's result page, which reloads by itself until the
// gateway's notification has credited the order; then 下载收据 saves the
// PDF, reload and Back change nothing, and nothing is past due any more.

'use strict';

const fs = require('fs');
const { fail, open, look, follow, ownerLogin, reloadAndBack, sql1 } = require('../lib');

const PAST_DUE = "b.status IN ('unpaid', 'partial') AND b.due_date < CURDATE()";

// fen as the gateway writes an amount: 1249.96
function yuan(fen) {
  const n = Number(fen);
  return Math.floor(n / 100) + '.' + String(n % 100).padStart(2, '0');
}

async function payOverdue(browser, size, phone, channel, name) {
  const { ctx, page } = await open(browser, size);
  await ownerLogin(page, phone);
  const pid = await page.getAttribute('section.premises', 'data-premises');
  const due = sql1('SELECT COALESCE(SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen)' +
    ' FROM allocations a WHERE a.bill_id = b.id), 0)), 0) FROM bills b' +
    ' WHERE b.premises_id = ' + pid + ' AND ' + PAST_DUE);
  if (Number(due) <= 0) fail('the first premises has nothing past due');
  await follow(page, 'section.premises >> text=缴纳逾期');
  const shot = 'pay-' + channel;
  await look(page, size, shot + '-form');
  if (!(await page.isChecked('input[name=what][value=overdue]')))
    fail('缴纳逾期 is not chosen by default');
  if (!(await page.isDisabled('input[name=channel][value=unionpay]')))
    fail('云闪付 is offered though the estate has no account for it');
  await page.check('input[name=channel][value=' + channel + ']');
  await follow(page, 'button:has-text("去支付")');
  await look(page, size, shot + '-order');
  if (!(await page.textContent('a.go')).includes(name)) fail('the order page does not say ' + name);
  await follow(page, 'a.go');
  const cashier = await page.textContent('body');
  if (!cashier.includes('确认付款') || !cashier.includes(yuan(due)))
    fail('the cashier does not ask for ¥' + yuan(due) + ': ' + cashier.slice(0, 200));
  await look(page, size, shot + '-cashier');
  await follow(page, 'button:has-text("确认付款")');
  if (!page.url().includes('/pay/P')) fail('not back on the result page: ' + page.url());
  // The page reloads itself (every 3 s) until the notification is in.
  await page.waitForSelector('.paid', { timeout: 30000 });
  await look(page, size, shot + '-result');
  const number = (await page.textContent('.receipt-number')).trim();
  if (!/^[A-Z]+-\d{4}-\d{6}$/.test(number)) fail('receipt number ' + number);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('text=下载收据')]);
  if (!download.suggestedFilename().endsWith('.pdf'))
    fail('downloaded ' + download.suggestedFilename());
  const file = await download.path();
  if (fs.readFileSync(file).slice(0, 5).toString() !== '%PDF-') fail('the download is no PDF');
  const otn = page.url().match(/\/pay\/(P[0-9a-f]+)/)[1];
  await reloadAndBack(page, 'the result page');
  if (sql1("SELECT COUNT(*) FROM payments WHERE note = 'online order " + otn + "'") !== '1')
    fail('the order made no payment, or more than one');
  if (sql1('SELECT COUNT(*) FROM bills b WHERE b.premises_id = ' + pid + ' AND ' +
      PAST_DUE) !== '0')
    fail('bills still past due after paying');
  await follow(page, 'text=返回待缴账单');
  if ((await page.locator('.pastdue').count()) !== 0) fail('still shown past due');
  await look(page, size, shot + '-after');
  await ctx.close();
}

module.exports = [
  { name: 'an owner pays what is past due with 支付宝 through the sandbox, gets the receipt',
    run: (browser, size) => payOverdue(browser, size, '13800000001', 'alipay', '支付宝') },
  { name: 'the owner over 80 pays what is past due with 微信支付, gets the receipt',
    run: (browser, size) => payOverdue(browser, size, '13800000002', 'wechat', '微信支付') },
];
