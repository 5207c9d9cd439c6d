// settings_messages.js - a manager (jingli) sets how bills and reminders go
// out on 预警设置 by clicking (issue 11; the form was only HTTP-tested):
// picks quiet hours 22:00 to 07:00, types a reminder schedule with a
// mistake (at most 0 reminders a bill), gets the page back with the words
// next to the field and nothing saved, corrects it and saves; the page
// shows what was saved, a reload and Back do not save it again, and a
// team lead sees the saved quiet hours in words (read-only). The values
// are put back at the end.

'use strict';

const { fail, sql, sql1, open, look, follow, staffLogin } = require('../lib');
const { menu, settled } = require('../steps');

const COLS = 'HOUR(quiet_from), HOUR(quiet_to), remind_before_days, remind_every_days,' +
  ' remind_max, msg_owner_day_max';

function stored() {
  return sql('SELECT ' + COLS + ' FROM estates WHERE id = 1')[0].join(',');
}

async function errorsOf(page) {
  return page.$$eval('.err', (els) => els.map((e) => e.textContent.trim()).filter((t) => t));
}

const FORM = 'form:has(input[name=part][value=messages])';

async function managerSetsSending(browser, size) {
  const was = sql('SELECT ' + COLS + ' FROM estates WHERE id = 1')[0];
  const saves = () => sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.set'");
  const { ctx, page } = await open(browser, size);
  try {
    await staffLogin(page, 'jingli');
    await menu(page, '预警设置');
    await page.selectOption(FORM + ' #quiet_from', '22:00');
    await page.selectOption(FORM + ' #quiet_to', '07:00');
    await page.fill('#remind_before_days', '5');
    await page.fill('#remind_every_days', '10');
    await page.fill('#remind_max', '0');
    const before = saves();
    let r = await follow(page, FORM + ' button[type=submit]');
    if (r.status() < 400 || r.status() >= 500)
      fail('at most 0 reminders: HTTP ' + r.status() + ', not a 4xx');
    const errs = await errorsOf(page);
    if (!errs.some((e) => e.includes('每笔账单最多提醒几次')))
      fail('no words next to 每笔账单最多提醒几次: ' + errs.join(' | '));
    if (saves() !== before || stored() !== was.join(','))
      fail('a refused form saved something: ' + stored());
    // what was typed is still there, the field with the mistake in focus
    if (await page.inputValue('#remind_before_days') !== '5')
      fail('the refused form lost what was typed');
    if (await page.inputValue(FORM + ' #quiet_from') !== '22:00')
      fail('the refused form lost the quiet hours picked');
    await look(page, size, 'manager-sending-refused');
    await page.fill('#remind_max', '4');
    r = await follow(page, FORM + ' button[type=submit]');
    if (!(await page.content()).includes('已保存'))
      fail('the sending settings are not saved: HTTP ' + r.status() + ' ' +
        (await errorsOf(page)).join(' | '));
    if (stored() !== ['22', '7', '5', '10', '4', was[5]].join(','))
      fail('stored ' + stored() + ', not what was picked');
    await settled(page, 'save the sending settings', saves);
    await page.reload();
    if (await page.inputValue(FORM + ' #quiet_from') !== '22:00' ||
        await page.inputValue('#remind_max') !== '4')
      fail('the page does not show what was saved');
    await look(page, size, 'manager-sending-saved');
    // a team lead reads them, in words
    const lead = await open(browser, size);
    try {
      await staffLogin(lead.page, 'zuzhang');
      await menu(lead.page, '预警设置');
      const words = await lead.page.textContent('[data-field=quiet]');
      if (!words.includes('22:00 至次日 07:00'))
        fail('the team lead reads quiet hours as ' + JSON.stringify(words));
      if ((await lead.page.textContent('[data-field=remind_max]')).trim() !== '4')
        fail('the team lead does not read the new reminder limit');
      if (await lead.page.locator(FORM).count() !== 0)
        fail('a team lead is offered the sending form');
    } finally {
      await lead.ctx.close();
    }
  } finally {
    sql('UPDATE estates SET quiet_from = MAKETIME(' + was[0] + ', 0, 0), quiet_to = MAKETIME(' +
      was[1] + ', 0, 0), remind_before_days = ' + was[2] + ', remind_every_days = ' + was[3] +
      ', remind_max = ' + was[4] + ', msg_owner_day_max = ' + was[5] + ' WHERE id = 1');
    await ctx.close();
  }
}

module.exports = [
  { name: 'a manager sets quiet hours and the reminder schedule, a mistake first',
    run: managerSetsSending },
];
