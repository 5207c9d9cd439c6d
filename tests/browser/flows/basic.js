// basic.js - the first flows: an owner logs in, opens bills and downloads
// a receipt; a collector finds a household and takes a payment; a team
// lead opens the arrears board, a case file and the KPI board.

'use strict';

const { BASE, fail, open, look, follow, staffLogin, ownerLogin } = require('../lib');

async function ownerFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await page.goto(BASE + '/login');
  await look(page, size, 'owner-login');
  await ownerLogin(page, '13800000001');
  if (!(await page.textContent('h1')).includes('您好')) fail('owner home not shown');
  await look(page, size, 'owner-home');
  await follow(page, 'text=全部账单');
  if ((await page.locator('.statement').count()) === 0) fail('no bills listed');
  await look(page, size, 'owner-bills');
  await follow(page, 'nav.menu >> text=电子收据');
  await look(page, size, 'owner-receipts');
  const href = await page.getAttribute('a:has-text("下载收据")', 'href');
  if (!href) fail('no receipt to download');
  const pdf = await ctx.request.get(BASE + href);
  const body = await pdf.body();
  if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf' ||
      body.slice(0, 5).toString() !== '%PDF-')
    fail('receipt download: HTTP ' + pdf.status() + ' ' + pdf.headers()['content-type']);
  await ctx.close();
}

async function collectorFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'shoufei1');
  await look(page, size, 'staff-ledger');
  // Find the household by part of the owner's phone number.
  await page.fill('#phone', '00000003');
  await follow(page, 'form.filters button[type=submit]');
  await look(page, size, 'staff-ledger-search');
  const rows = page.locator('table.households tbody tr');
  if ((await rows.count()) !== 1) fail('search found ' + (await rows.count()) + ' households');
  await Promise.all([page.waitForNavigation(), rows.first().locator('a').first().click()]);
  await look(page, size, 'staff-household');
  await follow(page, 'a.button:has-text("收款")');
  await look(page, size, 'staff-pay');
  await page.fill('#amount', '100.00');
  await page.check('input[name=channel][value=pos_counter]');
  await page.fill('#pos_voucher', '300118');   // the POS slip's number
  // Paid minutes ago (the other screen size's run): a new payment, said so.
  if (await page.locator('#again').count()) await page.check('#again');
  await follow(page, 'button:has-text("确认收款")');
  if (!(await page.content()).includes('收款成功')) fail('payment not confirmed');
  await look(page, size, 'staff-receipt');
  await ctx.close();
}

async function teamLeadFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  await page.goto(BASE + '/staff/arrears');
  const counts = await page.$$eval('.tier-count', (els) => els.map((e) => e.textContent));
  if (counts.length !== 3) fail('no tier counts on the board');
  await look(page, size, 'staff-arrears');
  await Promise.all([page.waitForNavigation(),
    page.locator('table.arrears tbody tr[data-tier=red] a:has-text("档")').first().click()]);
  if (!(await page.textContent('h1')).includes('一户一策')) fail('case file not opened');
  await look(page, size, 'staff-casefile');
  await page.goto(BASE + '/staff/kpi?from=2025-01-01&to=2025-12-31');
  const charts = await page.$$eval('svg.chart', (els) =>
    els.map((e) => { const b = e.getBoundingClientRect(); return [b.width, b.height]; }));
  // rate, collected, online share, and the enquiries by month (issue 12)
  if (charts.length !== 4) fail(charts.length + ' charts on the KPI board');
  for (const [w, h] of charts)
    if (w < 200 || h < 100) fail('a chart is drawn ' + w + ' x ' + h);
  await look(page, size, 'staff-kpi');
  await ctx.close();
}

module.exports = [
  { name: 'an owner logs in, opens bills and downloads a receipt', run: ownerFlow },
  { name: 'a collector finds a household and takes a payment', run: collectorFlow },
  { name: 'a team lead opens the arrears board, a case file and the KPI charts',
    run: teamLeadFlow },
];
