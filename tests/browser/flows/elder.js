// elder.js - 长辈模式 (适老化, issue 13) as the owner over 80 meets it:
// 13800000002 (86) logs in and the portal is in 长辈模式 without asking;
// on the home, pay, order and visit pages every piece of text, every
// button and link is at least 20 px and its contrast against what is
// behind it - computed from getComputedStyle, WCAG 2.1's relative
// luminance - at least 4.5:1, the edge of a field or button at least
// 3:1; the home page leads with one big action (缴纳逾期) and big tel:
// buttons for the service centre and the collector; 缴纳逾期 then one tap
// on the pay page reaches the order (then 取消订单, so the bills are free
// again); 预约上门收费 books a visit; nothing is wider than the screen at
// 390 px nor at 320 px; then the household's collector (shoufei2, 5-8栋)
// finds it from the arrears board by clicking and marks it 已上门.

'use strict';

const { BASE, fail, open, look, follow, ownerLogin, sql, sql1, staffLogin } = require('../lib');
const { menu } = require('../steps');

const ELDER = '13800000002';

// Every visible element with text of its own, and every control, whose
// size is under 20 px or whose contrast is under 4.5:1 (3:1 for a
// control's edge where its fill does not stand out): a list of words.
async function unreadable(page) {
  return page.evaluate(() => {
    function rgb(s) {
      const m = /rgba?\(([^)]+)\)/.exec(s || '');
      if (!m) return null;
      const p = m[1].split(',').map((x) => parseFloat(x));
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    }
    function lum(c) {
      const f = (v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    }
    function ratio(a, b) {
      const x = lum(a), y = lum(b);
      return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }
    // what is painted behind el: its backgrounds up the tree, the
    // see-through ones laid over the first solid one (or white)
    function behind(el) {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let out = { r: 255, g: 255, b: 255 };
      for (let i = layers.length - 1; i >= 0; i--) {
        const c = layers[i];
        out = { r: c.r * c.a + out.r * (1 - c.a), g: c.g * c.a + out.g * (1 - c.a),
          b: c.b * c.a + out.b * (1 - c.a) };
      }
      return out;
    }
    const bad = [];
    let seen = 0;
    for (const el of document.body.querySelectorAll('*')) {
      if (['SCRIPT', 'STYLE', 'OPTION', 'BR'].includes(el.tagName)) continue;
      const st = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || st.visibility === 'hidden') continue;
      const control = el.matches('a, button, select, textarea, summary,' +
        ' input:not([type=hidden]):not([type=radio]):not([type=checkbox])') && !el.disabled;
      const text = Array.from(el.childNodes).some((n) => n.nodeType === 3 &&
        n.textContent.trim() !== '');
      if (!text && !control) continue;
      seen++;
      const what = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
        ' "' + (el.textContent || el.value || '').trim().slice(0, 20) + '"';
      const size = parseFloat(st.fontSize);
      if (size < 20) bad.push(what + ': ' + size + ' px');
      const bg = behind(el);
      const fg = rgb(st.color);
      const cr = ratio(fg, bg);
      if (cr < 4.5) bad.push(what + ': contrast ' + cr.toFixed(2));
      if (control && el.matches('button, .button, input, select, textarea')) {
        // the control's edge: its fill against what is around it, else
        // its border
        const around = behind(el.parentElement);
        const fill = rgb(st.backgroundColor);
        const edge = fill && fill.a >= 1 && ratio(fill, around) >= 3 ? ratio(fill, around) :
          ratio(rgb(st.borderTopColor), around);
        if (edge < 3) bad.push(what + ': edge contrast ' + edge.toFixed(2));
      }
    }
    if (seen < 10) bad.push('only ' + seen + ' elements looked at');
    return bad;
  });
}

async function readable(page, size, name) {
  await look(page, size, name);
  if (!(await page.getAttribute('body', 'class')).split(' ').includes('elder'))
    fail(name + ': not in 长辈模式');
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  if (base < 20) fail(name + ': base text ' + base + ' px');
  const bad = await unreadable(page);
  if (bad.length) fail(name + ': ' + bad.slice(0, 8).join('; '));
}

// Nothing wider than a 320 px screen on the pages just seen.
async function narrow(page, size, paths) {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [path, name] of paths) {
    await page.goto(BASE + path);
    await look(page, size, name + '-320');
  }
}

async function elderFlow(browser, size) {
  const pid = sql1('SELECT MIN(po.premises_id) FROM premises_owners po JOIN owners o' +
    " ON o.id = po.owner_id WHERE o.phone = '" + ELDER + "'");
  // as the demo has it: never switched, no visit asked for
  sql("UPDATE owners SET elder_mode = NULL WHERE phone = '" + ELDER + "'");
  sql('DELETE FROM visit_requests WHERE premises_id = ' + pid);
  const { ctx, page } = await open(browser, size);
  await ownerLogin(page, ELDER);
  await readable(page, size, 'elder-home');
  // one big action first: 缴纳逾期, in the first screen
  const card = 'section.premises[data-premises="' + pid + '"]';
  const pay = await page.locator(card + ' .elder-lead a.pay-overdue').boundingBox();
  if (!pay) fail('the home page does not lead with 缴纳逾期');
  if (pay.height < 60 || pay.y > 700) fail('缴纳逾期 is not big and first: ' + JSON.stringify(pay));
  // big tel: buttons for the service centre and the household's collector
  for (const sel of ['.contact .centre + p a[href^="tel:"]', '.contact .collector a[href^="tel:"]']) {
    const b = await page.locator(sel).first().boundingBox();
    if (!b || b.height < 56) fail(sel + ' is no big tap-to-call button: ' + JSON.stringify(b));
  }
  // 缴纳逾期, then one tap
  await follow(page, card + ' .elder-lead a.pay-overdue');
  await readable(page, size, 'elder-pay');
  const overdue = sql1('SELECT SUM(b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM' +
    ' allocations a WHERE a.bill_id = b.id), 0)) FROM bills b WHERE b.premises_id = ' + pid +
    " AND b.status IN ('unpaid', 'partial') AND b.due_date < CURDATE()");
  const tap = page.locator('.one-tap-form button').first();
  const tb = await tap.boundingBox();
  if (!tb || tb.y > 844) fail('the one-tap button is not in the first screen: ' + JSON.stringify(tb));
  await Promise.all([page.waitForNavigation(), tap.click()]);
  const m = /\/pay\/(P\w+)$/.exec(page.url());
  if (!m) fail('one tap did not reach the order: ' + page.url());
  const order = sql('SELECT amount_fen, kind, status FROM pay_orders WHERE out_trade_no = \'' +
    m[1] + "'")[0];
  if (!order || order[0] !== overdue || order[2] !== 'created')
    fail('the order ' + JSON.stringify(order) + ' is not everything past due (' + overdue + ')');
  await readable(page, size, 'elder-order');
  // back on the pay page with the order open: one big 继续这笔订单, no
  // one-tap button (a tap would be refused)
  await page.goto(page.url().replace(/\/pay\/P\w+$/, '/premises/' + pid + '/pay'));
  if (await page.locator('.one-tap-form').count() !== 0) fail('one-tap buttons beside an open order');
  const cont = await page.locator('a.continue-order').boundingBox();
  if (!cont || cont.height < 56 || cont.y > 844)
    fail('继续这笔订单 is not big and first: ' + JSON.stringify(cont));
  await follow(page, 'a.continue-order');
  if (!page.url().endsWith('/pay/' + m[1])) fail('继续这笔订单 did not reach the order: ' + page.url());
  // (the owner would now confirm at the gateway; this flow lets the bills go)
  await follow(page, 'button.cancel');
  if (sql1("SELECT status FROM pay_orders WHERE out_trade_no = '" + m[1] + "'") === 'created')
    fail('the order was not cancelled');
  // 预约上门收费, from the home page
  await menu(page, '首页');
  await follow(page, card + ' a.visit-book');
  await readable(page, size, 'elder-visit-form');
  const second = await page.locator('#day option').nth(1).getAttribute('value');
  await page.selectOption('#day', second);
  await page.check('input[name=half][value=pm]');
  await page.fill('#note', '腿脚不便，请多按几次门铃');
  await follow(page, 'button:has-text("预约上门收费")');
  if (!(await page.textContent('main')).includes('预约成功')) fail('the owner is not told it is booked');
  const row = sql('SELECT id, DATE_FORMAT(visit_date, \'%Y-%m-%d\'), half_day, status' +
    ' FROM visit_requests WHERE premises_id = ' + pid)[0];
  if (!row || row[1] !== second || row[2] !== 'pm' || row[3] !== 'open')
    fail('booked ' + JSON.stringify(row) + ', not ' + second + ' pm');
  await readable(page, size, 'elder-visit-booked');
  await narrow(page, size, [['/', 'elder-home'], ['/premises/' + pid + '/pay', 'elder-pay'],
    ['/premises/' + pid + '/visit', 'elder-visit'], ['/elder', 'elder-switch']]);
  await ctx.close();

  // the household's collector finds it by clicking, and marks it done
  const staffSide = await open(browser, size);
  const sp = staffSide.page;
  await staffLogin(sp, 'shoufei2');
  await menu(sp, '欠费预警');
  const n = (await sp.textContent('.visits-open-n')).trim();
  if (Number(n) < 1) fail('the board shows ' + n + ' visits');
  await follow(sp, 'p.visits-open a');
  await look(sp, size, 'staff-visits');
  const item = 'section.visit-request[data-visit="' + row[0] + '"]';
  const text = await sp.textContent(item);
  if (!text.includes('腿脚不便') || !text.includes('下午')) fail('the list does not show it: ' + text);
  await follow(sp, item + ' button:has-text("已上门")');
  if (sql1('SELECT status FROM visit_requests WHERE id = ' + row[0]) !== 'done')
    fail('not marked done');
  await look(sp, size, 'staff-visits-done');
  await staffSide.ctx.close();
}

module.exports = [
  { name: 'elder: the owner of 86 reads it large and clear, pays what is overdue in one tap, books a visit; the collector sees it',
    run: elderFlow },
];
