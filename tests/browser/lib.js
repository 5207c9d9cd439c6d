// lib.js - what the browser flows share: the stack's address, the two
// screen sizes, a page that records what goes wrong on it, a look at the
// page (screenshot, width, images, language), logging in, clicking that
// waits for the page that follows, and the database to check what a
// click did.
//
// A flow file under flows/ exports a list of { name, run(browser, size) };
// run.js runs every flow at every size. A flow acts as the user does:
// it clicks links and buttons and types into fields, never posting
// around the page.

'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const BASE = 'http://127.0.0.1:' + process.env.PROPFEE_PORT;
const VAR = process.env.PROPFEE_VAR;
// The lane's database (scripts/test.sh) and the stack folder of its MariaDB.
const DB = process.env.PROPFEE_DB || 'propfee';
const DB_VAR = process.env.PROPFEE_DB_VAR || VAR;
const SHOTS = path.join(VAR, 'screenshots');
const PASSWORD = 'propfee-demo';

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1366, height: 900 } },
];

function fail(msg) {
  throw new Error(msg);
}

// Rows of strings from SQL run as root on the test database.
function sql(query) {
  const out = execFileSync('mariadb', ['--defaults-file=' + path.join(DB_VAR, 'my.cnf'),
    '-uroot', DB, '-N', '-B', '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

function sql1(query) {
  const rows = sql(query);
  return rows.length ? rows[0][0] : null;
}

// A page that records what went wrong on it.
async function watched(ctx) {
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (m) => {
    // Chromium reports a page answered 4xx (a form sent with mistakes
    // answers 400 by design) as a console error; a sub-resource's error
    // status is caught below, with its address.
    if (m.type() === 'error' &&
        !m.text().startsWith('Failed to load resource: the server responded'))
      page.problems.push('console: ' + m.text());
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

// A new browser context at a size, with a watched page in it.
async function open(browser, size) {
  const ctx = await browser.newContext(size);
  const page = await watched(ctx);
  return { ctx, page };
}

// Checks the page as it stands and saves a screenshot of it.
async function look(page, size, name) {
  await page.waitForLoadState('load');
  const facts = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    broken: Array.from(document.images)
      .filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
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

// Clicks what `selector` names and waits for the page that follows;
// returns its response (status() is the final answer, after redirects).
async function follow(page, selector) {
  const [resp] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return resp;
}

// Reloads, then goes Back and Forward, as a user unsure whether a form
// went through would: none of it may answer 405 or 5xx. Returns the
// statuses seen.
async function reloadAndBack(page, what) {
  const seen = [];
  const r = await page.reload();
  seen.push(r ? r.status() : 0);
  const b = await page.goBack();
  if (b) seen.push(b.status());
  const f = await page.goForward();
  if (f) seen.push(f.status());
  for (const s of seen)
    if (s === 405 || s >= 500) fail(what + ': reload / Back answered ' + s);
  return seen;
}

async function staffLogin(page, username) {
  await page.goto(BASE + '/staff/login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await follow(page, 'button[type=submit].primary');
}

async function ownerLogin(page, phone) {
  await page.goto(BASE + '/login');
  await page.fill('#phone', phone);
  await page.fill('#password', PASSWORD);
  await follow(page, 'button[type=submit].primary');
}

module.exports = { BASE, VAR, SHOTS, PASSWORD, SIZES, fail, sql, sql1, watched,
  open, look, follow, reloadAndBack, staffLogin, ownerLogin };
