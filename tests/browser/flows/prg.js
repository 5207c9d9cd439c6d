// prg.js - a form sent with mistakes, then reload and Back (issue 8): the
// page shows the mistakes again, never answers 405, records nothing.

'use strict';

const { BASE, fail, open, look, follow, reloadAndBack, staffLogin, sql1 } =
  require('../lib');

async function promiseWithMistakes(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  // A household without a case file: open one by its form first.
  const pid = sql1('SELECT p.id FROM premises p WHERE p.estate_id = 1 AND NOT EXISTS' +
    ' (SELECT 1 FROM case_files cf WHERE cf.premises_id = p.id) ORDER BY p.id DESC LIMIT 1');
  await page.goto(BASE + '/staff/households/' + pid + '/case');
  await page.fill('#cause', '长期在外地');
  await page.fill('#plan', '电话联系，寄送账单');
  await follow(page, 'button:has-text("建立档案")');
  const cid = sql1('SELECT id FROM case_files WHERE premises_id = ' + pid +
    " AND status = 'open'");
  if (!cid) fail('the case file was not opened');
  const before = sql1('SELECT COUNT(*) FROM case_promises WHERE case_id = ' + cid);
  await page.fill('#amount', '100');
  await page.fill('#due', '2020-01-01');
  const r = await follow(page, 'button:has-text("记录承诺")');
  if (r.status() !== 400) fail('the form with mistakes answered ' + r.status());
  if (!(await page.content()).includes('不能早于今天')) fail('no message');
  if (!/\/case\?(.*&)?flash=/.test(page.url())) fail('left on ' + page.url());
  await look(page, size, 'prg-promise-mistake');
  await reloadAndBack(page, 'a promise with mistakes');
  if (!(await page.content()).includes('不能早于今天')) fail('the reload lost the message');
  if (sql1('SELECT COUNT(*) FROM case_promises WHERE case_id = ' + cid) !== before)
    fail('a promise was recorded');
  await ctx.close();
}

module.exports = [
  { name: 'a promise with mistakes, then reload and Back: no 405, nothing recorded',
    run: promiseWithMistakes },
];
