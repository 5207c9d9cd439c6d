// enquiries.js - fee enquiries and disputes (收费咨询及异议, issue 12), by
// clicking: a collector at the counter logs an owner's objection to the
// area from the household's page, answers it and marks it accepted; an
// owner asks a question in the portal on a phone (320 px too), customer
// service answers it, and the owner later sees the answer; the KPI board
// shows the year's counts by category, as the database has them.

'use strict';

const { BASE, fail, sql, sql1, open, look, follow, staffLogin, ownerLogin } =
  require('../lib');
const { menu, settled } = require('../steps');

function nEnquiries() {
  return Number(sql1('SELECT COUNT(*) FROM enquiries'));
}

function nAnswers() {
  return Number(sql1('SELECT COUNT(*) FROM enquiry_answers'));
}

// A home of 锦华苑 with an owner and no enquiry logged today.
function household() {
  const row = sql('SELECT p.id, bd.name, p.unit, p.room FROM premises p' +
    ' JOIN buildings bd ON bd.id = p.building_id WHERE p.estate_id = 1' +
    " AND p.occupancy = 'occupied' AND EXISTS (SELECT 1 FROM premises_owners po" +
    ' WHERE po.premises_id = p.id) AND NOT EXISTS (SELECT 1 FROM enquiries q' +
    ' WHERE q.premises_id = p.id AND q.created_at >= CURDATE())' +
    ' ORDER BY p.id DESC LIMIT 1')[0];
  if (!row) fail('no household left');
  return row;
}

async function counterFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'shoufei1');
  const h = household();
  await page.goto(BASE + '/staff/households');
  await page.fill('#q', h[1] + h[2] + '单元' + h[3] + '室');
  await follow(page, 'form.filters button[type=submit]');
  await follow(page, 'table.households tbody tr a');
  await follow(page, 'a.button:has-text("登记咨询异议")');
  if (await page.inputValue('#channel') !== 'counter') fail('not at the counter by default');
  // first sent without a category: the message by the field, nothing logged
  const before = nEnquiries();
  await page.fill('#question', '房产证上是 89 平方米，账单按 96 平方米收，多收了');
  const bad = await follow(page, 'form.enquiry-form button[type=submit]');
  if (bad.status() !== 400 && !(await page.content()).includes('请选择类别'))
    fail('a form without its category was taken');
  if (!(await page.textContent('#category ~ p.err')).includes('请选择类别'))
    fail('no message by the category');
  if (nEnquiries() !== before) fail('logged without a category');
  await page.selectOption('#category', 'area');
  await page.selectOption('#owner', { index: 1 });
  await look(page, size, 'staff-enquiry-new');
  await follow(page, 'form.enquiry-form button[type=submit]');
  if (!(await page.content()).includes('已保存')) fail('not saved');
  const row = sql('SELECT id, channel, category, premises_id, owner_id IS NOT NULL FROM enquiries' +
    ' ORDER BY id DESC LIMIT 1')[0];
  if (nEnquiries() !== before + 1 || row[1] !== 'counter' || row[2] !== 'area' ||
      row[3] !== h[0] || row[4] !== '1')
    fail('logged ' + row);
  await settled(page, 'an enquiry logged', nEnquiries);
  // the answer, and the owner accepts it
  await page.fill('#answer', '核对测绘报告：96 平方米含公摊，已向业主出示，业主接受。');
  await page.check('input[name=outcome][value=accepted]');
  await follow(page, 'form.answer-form button[type=submit]');
  const ans = sql('SELECT outcome, answer FROM enquiry_answers WHERE enquiry_id = ' + row[0])[0];
  if (!ans || ans[0] !== 'accepted') fail('answer recorded ' + ans);
  if (!(await page.textContent('h1 .enquiry-state')).includes('业主已接受'))
    fail('the enquiry does not say it was accepted');
  if (!(await page.textContent('.answers')).includes('业主接受')) fail('the answer is not shown');
  await look(page, size, 'staff-enquiry-answered');
  await settled(page, 'an answer', nAnswers);
  // the log lists it with its state
  await menu(page, '咨询异议');
  if (!(await page.textContent('[data-enquiry="' + row[0] + '"]')).includes('业主已接受'))
    fail('the log does not show it accepted');
  await look(page, size, 'staff-enquiries');
  await ctx.close();
}

async function ownerAsks(page, size, shot) {
  await ownerLogin(page, '13800000001');
  await follow(page, 'nav.menu >> text=咨询');
  await look(page, size, shot + '-list');
  await follow(page, 'a.ask');
  // 13800000001 owns a home and a shop: which one, then what about
  await page.check('input[name=premises] >> nth=0');
  await page.click('label.choice:has-text("收据、发票")');
  await page.fill('#question', '我在网上交了钱，收据在哪里拿？');
  await look(page, size, shot + '-form');
  const before = nEnquiries();
  await follow(page, 'form.ask-form button[type=submit]');
  if (!(await page.content()).includes('已经提交')) fail('the owner was not told it went');
  if (nEnquiries() !== before + 1) fail('not recorded once');
  const id = /\/enquiries\/(\d+)/.exec(page.url())[1];
  const row = sql('SELECT channel, category, logged_by FROM enquiries WHERE id = ' + id)[0];
  if (row.join() !== 'portal,receipt,NULL') fail('recorded ' + row);
  await look(page, size, shot + '-asked');
  await settled(page, 'an owner\'s question', nEnquiries);
  return id;
}

async function portalFlow(browser, size) {
  // the phone size of the run, and the narrowest phone
  const narrow = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
  const own = await open(browser, size.name === 'phone' ? narrow : size);
  const id = await ownerAsks(own.page, size, 'owner-enquiry');
  if (!(await own.page.textContent('.answers')).includes('还没有答复')) fail('an answer already?');

  // customer service answers from the log
  const cs = await open(browser, size);
  await staffLogin(cs.page, 'kefu');
  await menu(cs.page, '咨询异议');
  await cs.page.selectOption('#channel', 'portal');
  await follow(cs.page, 'form.filters button[type=submit]');
  await follow(cs.page, '[data-enquiry="' + id + '"] h2 a');
  await cs.page.fill('#answer', '您好，在“电子收据”页面点“下载收据”就可以，也可以到服务中心打印。');
  await cs.page.check('input[name=outcome][value=pending]');
  await follow(cs.page, 'form.answer-form button[type=submit]');
  if (sql1('SELECT COUNT(*) FROM enquiry_answers WHERE enquiry_id = ' + id) !== '1')
    fail('the answer was not recorded');
  await cs.ctx.close();

  // later the owner looks again
  await own.page.goto(BASE + '/');
  await follow(own.page, 'nav.menu >> text=咨询');
  if (!(await own.page.textContent('[data-enquiry="' + id + '"]')).includes('已答复'))
    fail('the list does not say it was answered');
  await follow(own.page, '[data-enquiry="' + id + '"] h2 a');
  if (!(await own.page.textContent('.answers')).includes('下载收据'))
    fail('the owner does not see the answer');
  await look(own.page, size, 'owner-enquiry-answered');
  // ... and says it is accepted, with one tap (the board's acceptance)
  await follow(own.page, 'form.outcome-form button[value=accepted]');
  if (!(await own.page.content()).includes('已经告诉物业了'))
    fail('the owner was not told their word went');
  if (await own.page.locator('form.outcome-form').count() !== 0)
    fail('still asked after saying it');
  const last = sql('SELECT outcome, owner_id IS NOT NULL FROM enquiry_answers WHERE enquiry_id = ' +
    id + ' ORDER BY id DESC LIMIT 1')[0];
  if (last.join() !== 'accepted,1') fail('the owner\'s word recorded as ' + last);
  await look(own.page, size, 'owner-enquiry-accepted');
  await own.ctx.close();
}

async function kpiFlow(browser, size) {
  const { ctx, page } = await open(browser, size);
  await staffLogin(page, 'zuzhang');
  await menu(page, '收费指标');
  const last = new Date().getFullYear() - 1;
  await follow(page, 'a:has-text("' + last + '年")');
  const want = sql1("SELECT COUNT(*) FROM enquiries WHERE estate_id = 1 AND created_at >= '" +
    last + "-01-01' AND created_at < '" + (last + 1) + "-01-01'");
  const shown = (await page.textContent('.enq-total')).trim();
  if (shown !== want) fail('the board shows ' + shown + ' enquiries, the database ' + want);
  const area = sql1("SELECT COUNT(*) FROM enquiries WHERE estate_id = 1 AND category = 'area'" +
    " AND created_at >= '" + last + "-01-01' AND created_at < '" + (last + 1) + "-01-01'");
  if ((await page.textContent('[data-category="area"] .n')).trim() !== area)
    fail('area on the board');
  await page.locator('section.enquiries-kpi').scrollIntoViewIfNeeded();
  await look(page, size, 'staff-kpi-enquiries');
  await ctx.close();
}

module.exports = [
  { name: 'enquiries: a collector logs an objection to the area at the counter, answers it, the owner accepts',
    run: counterFlow },
  { name: 'enquiries: an owner asks a fee question on a phone, later sees the answer and accepts it', run: portalFlow },
  { name: 'enquiries: the KPI board shows them by category', run: kpiFlow },
];
