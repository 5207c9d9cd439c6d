// team.js - 团队建设 (issue 13, DOMAIN.md "Team development"), by
// clicking: the team lead opens 团队建设 from the menu, records a
// training session for shoufei1 (登记培训: topic, 2 课时, the box ticked)
// and sees shoufei1's hours of the year rise by 2; records shoufei2's law
// score (录入考核成绩) and sees it as the latest of the subject; opens the
// newcomer's plan (shoufei3, mentor shoufei1), where the overdue stage is
// flagged, ticks it off (勾选完成) and sees the flag gone, on the plan and
// on the team page. A collector sees only their own records, and the
// plan of another is 404. Screenshots: team-*.png.

'use strict';

const { fail, sql1, open, look, follow, staffLogin, BASE } = require('../lib');
const { menu } = require('../steps');

function staffId(login) {
  return sql1("SELECT id FROM staff WHERE username = '" + login + "'");
}

async function text(page, selector) {
  const el = page.locator(selector);
  if ((await el.count()) !== 1) fail('not one ' + selector);
  return (await el.textContent()).trim();
}

// shoufei1's hours of the year on the team page.
async function hoursOf(page, id) {
  return Number(await text(page, 'tr[data-staff="' + id + '"] .hours'));
}

async function leadFlow(browser, size) {
  const s1 = staffId('shoufei1');
  const s2 = staffId('shoufei2');
  const pair = sql1('SELECT id FROM mentor_pairs WHERE newcomer_id = ' + staffId('shoufei3'));
  if (!pair) fail('the demo has no plan for shoufei3');
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  await menu(page, '团队建设');
  await look(page, size, 'team-lead');
  const before = await hoursOf(page, s1);

  // a session: shoufei1 ticked, 2 课时
  await follow(page, 'a.button >> text=登记培训');
  await look(page, size, 'team-session-new');
  await page.fill('#topic', '浏览器流程 收费系统异常处理 ' + size.name);
  await page.fill('#hours', '2');
  await page.check('input[name=attendee][value="' + s1 + '"]');
  let r = await follow(page, 'form.team-form button[type=submit]');
  if (r.status() !== 200) fail('session: HTTP ' + r.status());
  if (!(await page.content()).includes('已登记培训')) fail('no word that it was recorded');
  const after = await hoursOf(page, s1);
  if (after !== before + 2) fail('shoufei1 has ' + after + ' hours, was ' + before);
  if (!(await page.textContent('#sessions')).includes('浏览器流程 收费系统异常处理 ' + size.name))
    fail('the session is not listed');

  // a score: shoufei2's law, 96, today
  await follow(page, 'a.button >> text=录入考核成绩');
  await page.selectOption('#staff', s2);
  await page.fill('#subject', '法律法规');
  await page.fill('#score', '96');
  r = await follow(page, 'form.team-form button[type=submit]');
  if (r.status() !== 200) fail('score: HTTP ' + r.status());
  await look(page, size, 'team-lead-scored');
  const latest = await text(page, 'tr[data-staff="' + s2 + '"][data-subject="法律法规"] .latest');
  if (latest !== '96') fail('shoufei2\'s latest law score shows ' + latest);

  // the newcomer's plan: tick the next stage off
  await follow(page, '[data-pair="' + pair + '"] a.plan-link');
  await look(page, size, 'team-plan');
  if ((await page.locator('form.tick-form').count()) === 1) {
    const stage = await page.inputValue('input[name=stage]');
    const wasLate = (await page.locator('li.stage[data-stage="' + stage + '"].state-overdue')
      .count()) === 1;
    const lateBefore = await page.locator('li.stage.state-overdue').count();
    await page.fill('#note', '跟随师傅完成 9栋 上门收费');
    r = await follow(page, 'form.tick-form button[type=submit]');
    if (r.status() !== 200) fail('tick: HTTP ' + r.status());
    await look(page, size, 'team-plan-ticked');
    const state = await page.getAttribute('li.stage[data-stage="' + stage + '"]', 'class');
    if (!/state-done/.test(state)) fail('stage ' + stage + ' is ' + state + ' after the tick');
    if (!(await page.textContent('li.stage[data-stage="' + stage + '"]')).includes('李组长 于'))
      fail('the tick does not say who ticked it');
    const lateAfter = await page.locator('li.stage.state-overdue').count();
    if (wasLate && lateAfter !== lateBefore - 1)
      fail('overdue stages ' + lateBefore + ' -> ' + lateAfter);
    await menu(page, '团队建设');
    const row = page.locator('[data-pair="' + pair + '"]');
    if (lateAfter === 0 && (await row.locator('.overdue-flag').count()) !== 0)
      fail('the team page still flags the plan overdue');
    if (!(await row.locator('li[data-stage="' + stage + '"]').getAttribute('class'))
      .includes('state-done'))
      fail('the team page does not show the stage done');
  }
  await ctx.close();
}

async function collectorFlow(browser, size) {
  const pair = sql1('SELECT id FROM mentor_pairs WHERE newcomer_id = ' + staffId('shoufei3'));
  const s2 = staffId('shoufei2');
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'shoufei2');
  await menu(page, '团队建设');
  await look(page, size, 'team-collector');
  const rows = await page.locator('tr[data-staff]').evaluateAll(
    (els) => els.map((e) => e.getAttribute('data-staff')));
  if (rows.some((id) => id !== s2)) fail('shoufei2 sees the rows of ' + rows.join(', '));
  if ((await page.locator('.team-actions').count()) !== 0) fail('a collector has the forms');
  const r = await page.goto(BASE + '/staff/team/pairs/' + pair);
  if (r.status() !== 404) fail('another\'s plan: HTTP ' + r.status());
  await ctx.close();
}

module.exports = [
  { name: 'team: the lead records a session and a score and ticks a newcomer\'s stage' +
      ' off, and sees the figures change', run: leadFlow },
  { name: 'team: a collector sees their own records only; another\'s plan is 404',
    run: collectorFlow },
];
