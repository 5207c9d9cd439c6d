// run.js - the browser tests: Debian's Chromium, headless, driven by
// playwright-core, at a phone size (390 x 844) and a desktop size
// (1366 x 900). Every flow of every file under flows/ runs at both sizes;
// each is one test (lib.js says what a flow is). Every page a flow looks
// at is screenshotted under VAR/screenshots/ and fails the test on a
// console error, a failed request, a broken image or a page wider than
// the screen.
//
// env: PROPFEE_PORT, PROPFEE_VAR (PROPFEE_DB, PROPFEE_DB_VAR: lib.js).
// Prints "ok - ..." / "not ok - ..." lines, then "# done: N tests".
// node run.js [--size phone|desktop] [substring ...] runs only the flows
// whose name has one, at one size (scripts/test.sh runs each size on a
// database of its own, side by side).

'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { SIZES } = require('./lib');

async function main() {
  let only = process.argv.slice(2);
  let sizes = SIZES;
  if (only[0] === '--size') {
    sizes = SIZES.filter((s) => s.name === only[1]);
    if (!sizes.length) throw new Error('no size ' + only[1]);
    only = only.slice(2);
  }
  const dir = path.join(__dirname, 'flows');
  const flows = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.js')).sort())
    for (const flow of require(path.join(dir, f)))
      flows.push({ file: f.replace(/\.js$/, ''), ...flow });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--hide-scrollbars'],
  });
  let failed = 0;
  let ran = 0;
  for (const size of sizes) {
    for (const flow of flows) {
      const name = 'browser.' + size.name + ': ' + flow.name;
      if (only.length && !only.some((o) => name.includes(o))) continue;
      ran++;
      try {
        await flow.run(browser, size);
        console.log('ok - ' + name);
      } catch (e) {
        failed++;
        console.log('not ok - ' + name + ': ' + String(e.message).split('\n')[0]);
      }
    }
  }
  await browser.close();
  console.log('# done: ' + ran + ' tests');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log('not ok - browser tests could not run: ' + e.message);
  process.exit(1);
});
