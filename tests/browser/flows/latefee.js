// latefee.js - a manager (jingli) turns late fees (滞纳金, issue 13) on at
// 预警设置 by clicking: reads that they are off by default and that local
// rules differ, picks 收取, types a daily rate, grace days and a cap above
// the principal (a mistake), gets the page back with the words next to the
// cap and nothing saved, corrects it and saves; a reload shows what was
// saved, and a team lead reads it in words without the form. The estate's
// values are put back at once at the end (the worker bills late fees only
// while they are on).

'use strict';

const { fail, sql, sql1, open, look, follow, staffLogin } = require('../lib');
const { menu, settled } = require('../steps');

const COLS = 'late_fee_on, late_fee_rate, late_fee_grace_days, late_fee_cap_bp,' +
  ' late_fee_principal_first';
const FORM = 'form#latefee';

function stored() {
  return sql('SELECT ' + COLS + ' FROM estates WHERE id = 1')[0].join(',');
}

async function managerTurnsLateFeesOn(browser, size) {
  const was = sql('SELECT ' + COLS + ' FROM estates WHERE id = 1')[0];
  const saves = () => sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.set'" +
    " AND detail LIKE 'latefee:%'");
  const { ctx, page } = await open(browser, size);
  try {
    await staffLogin(page, 'jingli');
    await menu(page, '预警设置');
    const form = page.locator(FORM);
    const words = await form.textContent();
    if (!words.includes('默认不收') || !words.includes('各地对滞纳金的规定不同'))
      fail('the form does not say late fees are off by default and rules differ');
    if (!(await form.locator('input[name=late_fee_on][value=off]').isChecked()))
      fail('late fees are not off by default');
    await form.locator('input[name=late_fee_on][value=on]').check();
    await page.fill('#late_fee_rate', '5');
    await page.fill('#late_fee_grace_days', '15');
    await page.fill('#late_fee_cap', '150');
    const before = saves();
    let r = await follow(page, FORM + ' button[type=submit]');
    if (r.status() < 400 || r.status() >= 500)
      fail('a cap of 150 %: HTTP ' + r.status() + ', not a 4xx');
    const err = await page.locator(FORM + ' #late_fee_cap + .err').textContent();
    if (!err.includes('不能超过本金的 100%'))
      fail('no words next to the cap: ' + JSON.stringify(err));
    if (saves() !== before || stored() !== was.join(','))
      fail('a refused form saved something: ' + stored());
    if (await page.inputValue('#late_fee_rate') !== '5')
      fail('the refused form lost the rate typed');
    await look(page, size, 'manager-latefee-refused');
    await page.fill('#late_fee_cap', '10');
    r = await follow(page, FORM + ' button[type=submit]');
    if (!(await page.content()).includes('已保存'))
      fail('late fees not saved: HTTP ' + r.status());
    if (stored() !== ['1', '50', '15', '1000', '1'].join(','))
      fail('stored ' + stored() + ', not what was typed');
    await settled(page, 'save the late-fee settings', saves);
    await page.reload();
    if (!(await page.locator(FORM + ' input[name=late_fee_on][value=on]').isChecked()) ||
        parseFloat(await page.inputValue('#late_fee_cap')) !== 10)
      fail('the page does not show what was saved');
    await look(page, size, 'manager-latefee-saved');
    const lead = await open(browser, size);
    try {
      await staffLogin(lead.page, 'zuzhang');
      await menu(lead.page, '预警设置');
      if ((await lead.page.textContent('[data-field=late_fee_on]')).trim() !== '收取' ||
          !(await lead.page.textContent('[data-field=late_fee_rate]')).includes('万分之 5'))
        fail('the team lead does not read the late-fee settings');
      if (await lead.page.locator(FORM).count() !== 0)
        fail('a team lead is offered the late-fee form');
    } finally {
      await lead.ctx.close();
    }
  } finally {
    sql('UPDATE estates SET late_fee_on = ' + was[0] + ', late_fee_rate = ' + was[1] +
      ', late_fee_grace_days = ' + was[2] + ', late_fee_cap_bp = ' + was[3] +
      ', late_fee_principal_first = ' + was[4] + ' WHERE id = 1');
    await ctx.close();
  }
}

module.exports = [
  { name: 'a manager turns late fees on, a cap above the principal first',
    run: managerTurnsLateFeesOn },
];
