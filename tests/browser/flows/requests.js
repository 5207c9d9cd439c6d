// requests.js - the service loop as its users meet it (issue 12): an owner
// reports a broken stair light with a photo on a phone; 客服 receives it
// and answers with a plan and sends it to engineering; 工程部 marks it done
// with a photo; the collector follows up with a score; the owner sees
// every step; and the team lead sees a late step flagged when the test
// clock (propfee-worker -r) passes 48 h. Every page is screenshotted
// (requests-*.png).

'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const { BASE, VAR, fail, open, look, follow, staffLogin, ownerLogin, sql, sql1 } =
  require('../lib');

const ROOT = path.join(__dirname, '..', '..', '..');
const PHOTO = path.join(ROOT, 'tests', 'data', 'stair-light.jpg');
const WORKER = path.join(ROOT, process.env.B || 'build', 'propfee-worker');
const OWNER = '13800000001';

// The owner's report, through the portal's menu and form; its id.
async function report(browser, size, text) {
  const { ctx, page } = await open(browser, size);
  await ownerLogin(page, OWNER);
  await follow(page, 'nav.menu >> text=报修');
  await look(page, size, 'requests-owner-list');
  await follow(page, 'a:has-text("我要报修")');
  await page.click('label.choice:has-text("照明")');
  await page.fill('#body', text);
  await page.setInputFiles('#photos', PHOTO);
  await look(page, size, 'requests-owner-form');
  const r = await follow(page, 'button:has-text("提交报修")');
  if (r.status() !== 200) fail('the report answered ' + r.status());
  const m = /\/requests\/(\d+)/.exec(page.url());
  if (!m) fail('not on the request page: ' + page.url());
  if (!(await page.textContent('main')).includes('已提交')) fail('no word that it was sent');
  await look(page, size, 'requests-owner-sent');
  await ctx.close();
  return m[1];
}

// A member of staff opens request id from the 报事报修 list.
async function openFromList(page, id) {
  await follow(page, 'nav.menu >> text=报事报修');
  await follow(page, '[data-request="' + id + '"] h2 a');
}

async function loop(browser, size) {
  const id = await report(browser, size, '5栋2单元楼梯灯坏了，晚上看不见台阶');
  if (sql1('SELECT COUNT(*) FROM service_request_photos WHERE request_id = ' + id) !== '1')
    fail('the photo was not kept');

  // 客服 receives it, answers with a plan, sends it to engineering.
  let s = await open(browser, size);
  await staffLogin(s.page, 'kefu');
  await openFromList(s.page, id);
  await look(s.page, size, 'requests-kefu-new');
  await follow(s.page, 'button:has-text("受理")');
  await s.page.fill('#plan-note', '工程部明天上午更换楼梯灯');
  await follow(s.page, 'button:has-text("答复业主")');
  await follow(s.page, 'button:has-text("派工程部")');
  await look(s.page, size, 'requests-kefu-dispatched');
  await s.ctx.close();

  // 工程部 marks it done with a photo.
  s = await open(browser, size);
  await staffLogin(s.page, 'gongcheng');
  await openFromList(s.page, id);
  await s.page.fill('#done-note', '已更换LED灯管，亮了');
  await s.page.setInputFiles('#done-photos', PHOTO);
  await follow(s.page, 'button:has-text("处理完成")');
  await look(s.page, size, 'requests-gongcheng-done');
  await s.ctx.close();

  // The collector of the household follows up with a score.
  s = await open(browser, size);
  await staffLogin(s.page, 'shoufei1');
  await openFromList(s.page, id);
  await s.page.fill('#score', '95');
  await s.page.check('input[name=satisfied][value="1"]');
  await follow(s.page, 'button:has-text("提交回访")');
  await look(s.page, size, 'requests-collector-followed');
  await s.ctx.close();
  if (sql1('SELECT status FROM service_requests WHERE id = ' + id) !== 'closed')
    fail('the request was not closed');

  // The owner sees every step, with both photos.
  s = await open(browser, size);
  await ownerLogin(s.page, OWNER);
  await follow(s.page, 'nav.menu >> text=报修');
  await follow(s.page, 'a[data-request="' + id + '"]');
  const text = await s.page.textContent('main');
  for (const w of ['登记', '客服受理', '答复处理方案', '工程部明天上午更换楼梯灯', '派工程部',
    '处理完成', '已更换LED灯管', '回访业主', '95', '结案'])
    if (!text.includes(w)) fail('the owner does not see ' + w);
  const imgs = await s.page.$$eval('.steps img', (els) => els.length);
  if (imgs !== 2) fail('the owner sees ' + imgs + ' photos, want 2');
  await look(s.page, size, 'requests-owner-steps');
  await s.ctx.close();
}

async function late(browser, size) {
  const id = await report(browser, size, '3栋电梯间的灯一闪一闪');
  // 客服 receives it, then nobody gives a plan for 48 h.
  let s = await open(browser, size);
  await staffLogin(s.page, 'kefu');
  await openFromList(s.page, id);
  await follow(s.page, 'button:has-text("受理")');
  await s.ctx.close();
  const received = sql1("SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') FROM" +
    ' service_request_events WHERE request_id = ' + id + " AND kind = 'received'");
  const t = new Date(received.replace(' ', 'T') + 'Z');
  t.setUTCHours(t.getUTCHours() + 49);
  execFileSync(WORKER, ['-c', path.join(VAR, 'propfee.conf'), '-r',
    t.toISOString().slice(0, 19).replace('T', ' ')]);
  if (sql1('SELECT late FROM service_requests WHERE id = ' + id) !== '1')
    fail('the plan is not late after 49 h');

  // The team lead's board says so, and its link lists it with 超时.
  s = await open(browser, size);
  await staffLogin(s.page, 'zuzhang');
  await follow(s.page, 'nav.menu >> text=欠费预警');
  if (!(await s.page.isVisible('.rq-late'))) fail('no late requests on the lead\'s board');
  await look(s.page, size, 'requests-lead-board');
  await follow(s.page, '.rq-late a');
  const card = s.page.locator('[data-request="' + id + '"]');
  if (!(await card.locator('.late-mark').isVisible())) fail('no 超时 on the late request');
  await look(s.page, size, 'requests-lead-late');
  await follow(s.page, '[data-request="' + id + '"] h2 a');
  if (!(await s.page.textContent('main')).includes('已超过期限')) fail('no late step shown');
  await s.ctx.close();
  if (sql('SELECT id FROM outbox WHERE idem_key LIKE \'request/' + id + '/%\'').length === 0)
    fail('the owner was told nothing');
}

module.exports = [
  { name: 'service request: a broken stair light: owner reports with a photo, 客服 answers, 工程部 fixes,' +
      ' the collector follows up, the owner sees every step', run: loop },
  { name: 'service request: the team lead sees a late step flagged when the clock passes 48 h', run: late },
];
