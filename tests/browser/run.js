// run.js - the browser tests: Debian's Chromium, headless, driven by
// playwright-core, at a phone size (390 x 844) and a desktop size.
//
// Each flow is one test: an owner logs in, opens bills and downloads a
// receipt; a collector finds a household and takes a payment; a team lead
// opens the arrears board, a case file and the KPI board with its charts.
// Every page visited is screenshotted under VAR/screenshots/ and fails the
// test on a console error, a failed request, a broken image or a page
// wider than the screen.
//
// env: PROPFEE_PORT, PROPFEE_VAR. Prints "ok - ..." / "not ok - ..." lines.

'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = 'http://127.0.0.1:' + process.env.PROPFEE_PORT;
const SHOTS = path.join(process.env.PROPFEE_VAR, 'screenshots');
const PASSWORD = 'propfee-demo';

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1366, height: 900 } },
];

function fail(msg) {
  throw new Error(msg);
}

// A page that records what went wrong on it.
async function watched(ctx) {
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
  page.on('requestfailed', (r) => {
    // A request cut short by the next navigation (a favicon still loading
    // when a link is clicked) is not a failure of the page.
    const why = r.failure() ? r.failure().errorText : '';
    if (!why.includes('ERR_ABORTED'))
      page.problems.push('request failed: ' + r.url() + ' ' + why);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      page.problems.push('HTTP ' + r.status() + ': ' + r.url());
  });
  return page;
}

// Checks the page as it stands and saves a screenshot of it.
async function look(page, size, name) {
  await page.waitForLoadState('load');
  const facts = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    broken: Array.from(document.images)
      .filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
    status: document.querySelector('[data-status]') ?
      document.querySelector('[data-status]').getAttribute('data-status') : '',
    lang: document.documentElement.lang,
  }));
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, size.name + '-' + name + '.png'),
    fullPage: true });
  if (facts.scroll > facts.inner)
    fail(name + ': page is ' + facts.scroll + ' px wide on a ' + facts.inner + ' px screen');
  if (facts.broken.length) fail(name + ': broken images ' + facts.broken.join(' '));
  if (facts.lang !== 'zh-CN') fail(name + ': not a zh-CN page');
  if (page.problems.length) fail(name + ': ' + page.problems.join('; '));
}

async function ownerFlow(browser, size) {
  const ctx = await browser.newContext(size);
  const page = await watched(ctx);
  await page.goto(BASE + '/login');
  await look(page, size, 'owner-login');
  await page.fill('#phone', '13800000001');
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
  if (!(await page.textContent('h1')).includes('您好')) fail('owner home not shown');
  await look(page, size, 'owner-home');
  await Promise.all([page.waitForNavigation(), page.click('text=全部账单')]);
  if ((await page.locator('.statement').count()) === 0) fail('no bills listed');
  await look(page, size, 'owner-bills');
  await Promise.all([page.waitForNavigation(), page.click('nav.menu >> text=电子收据')]);
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

async function staffLogin(page, size, username) {
  await page.goto(BASE + '/staff/login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
}

async function collectorFlow(browser, size) {
  const ctx = await browser.newContext(size);
  const page = await watched(ctx);
  await staffLogin(page, size, 'shoufei1');
  await look(page, size, 'staff-ledger');
  // Find the household by part of the owner's phone number.
  await page.fill('#phone', '00000003');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  await look(page, size, 'staff-ledger-search');
  const rows = page.locator('table.households tbody tr');
  if ((await rows.count()) !== 1) fail('search found ' + (await rows.count()) + ' households');
  await Promise.all([page.waitForNavigation(), rows.first().locator('a').first().click()]);
  await look(page, size, 'staff-household');
  await Promise.all([page.waitForNavigation(), page.click('a.button:has-text("收款")')]);
  await look(page, size, 'staff-pay');
  await page.fill('#amount', '100.00');
  await page.check('input[name=channel][value=pos_counter]');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("确认收款")')]);
  if (!(await page.content()).includes('收款成功')) fail('payment not confirmed');
  await look(page, size, 'staff-receipt');
  await ctx.close();
}

async function teamLeadFlow(browser, size) {
  const ctx = await browser.newContext(size);
  const page = await watched(ctx);
  await staffLogin(page, size, 'zuzhang');
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
  if (charts.length !== 3) fail(charts.length + ' charts on the KPI board');
  for (const [w, h] of charts)
    if (w < 200 || h < 100) fail('a chart is drawn ' + w + ' x ' + h);
  await look(page, size, 'staff-kpi');
  await ctx.close();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--hide-scrollbars'],
  });
  let failed = 0;
  const flows = [
    ['an owner logs in, opens bills and downloads a receipt', ownerFlow],
    ['a collector finds a household and takes a payment', collectorFlow],
    ['a team lead opens the arrears board, a case file and the KPI charts', teamLeadFlow],
  ];
  for (const size of SIZES) {
    for (const [name, flow] of flows) {
      try {
        await flow(browser, size);
        console.log('ok - browser.' + size.name + ': ' + name);
      } catch (e) {
        failed++;
        console.log('not ok - browser.' + size.name + ': ' + name + ': ' +
          String(e.message).split('\n')[0]);
      }
    }
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log('not ok - browser tests could not run: ' + e.message);
  process.exit(1);
});
