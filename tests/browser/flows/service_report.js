// service_report.js - the monthly service report (物业服务月报, issue 12)
// as its users meet it: 工程部 logs a cleaning round on the phone, from the
// menu; on the 1st the worker drafts the month (the test clock,
// propfee-worker -m); the manager opens the draft from 服务月报, edits its
// summary and publishes it (ticking 确认发布, which it asks for first); an owner opens 服务月报 from the home page,
// reads it and downloads its PDF. Every page is screenshotted
// (service-report-*.png).
//
// It happens in the second estate, 翠湖居 (some 50 owners to tell, not
// the first estate's 1,300), whose demo has neither a manager nor an
// engineer: one of each is made here. The round is moved into a month
// long past that no report has (its day, as if logged then), so that the
// month the clock drafts is the flow's own.

'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { VAR, fail, open, look, follow, reloadAndBack, staffLogin, ownerLogin, sql,
  sql1 } = require('../lib');

const ROOT = path.join(__dirname, '..', '..', '..');
const WORKER = path.join(ROOT, process.env.B || 'build', 'propfee-worker');

// A member of staff of the second estate with jingli's password (made once).
function staffOfCuihu(username, name, role) {
  if (sql1("SELECT COUNT(*) FROM staff WHERE username = '" + username + "'") === '0') {
    sql("INSERT INTO staff (username, name, role, password_hash) SELECT '" + username +
      "', '" + name + "', '" + role + "', password_hash FROM staff WHERE username = 'jingli'");
    sql("INSERT INTO staff_estates (staff_id, estate_id) SELECT id, 2 FROM staff" +
      " WHERE username = '" + username + "'");
  }
}

// The first day of a month before 2024 with no report and no log of the
// second estate around it: 'YYYY-MM-01'.
function freshMonth() {
  for (let y = 2023; y > 2010; y--)
    for (let m = 12; m >= 1; m--) {
      const first = y + '-' + String(m).padStart(2, '0') + '-01';
      if (sql1("SELECT (SELECT COUNT(*) FROM service_reports WHERE month = '" + first +
          "') + (SELECT COUNT(*) FROM service_logs WHERE done_on >= '" + first +
          "' - INTERVAL 1 MONTH AND done_on < '" + first + "' + INTERVAL 2 MONTH)") === '0')
        return first;
    }
  fail('no fresh month');
}

async function flow(browser, size) {
  staffOfCuihu('gongcheng_chj', '翠湖居工程部', 'engineering');
  staffOfCuihu('jingli_chj', '翠湖居经理', 'manager');
  const area = '1栋1单元楼道' + (Date.now() % 100000);

  // 工程部 logs a cleaning round from the menu, on the phone.
  let s = await open(browser, size);
  await staffLogin(s.page, 'gongcheng_chj');
  await follow(s.page, 'nav.menu >> text=服务记录');
  await look(s.page, size, 'service-report-logs');
  await follow(s.page, 'a:has-text("登记服务记录")');
  await s.page.click('label.choice:has-text("公共区域保洁")');
  await s.page.fill('#area', area);
  await s.page.fill('#who', '保洁组 李阿姨');
  await s.page.fill('#note', '楼道拖洗，扶手擦拭');
  await look(s.page, size, 'service-report-log-form');
  let r = await follow(s.page, 'button:has-text("登记")');
  if (r.status() !== 200) fail('the log answered ' + r.status());
  const m = /\/service-logs\/(\d+)/.exec(s.page.url());
  if (!m) fail('not on the log\'s page: ' + s.page.url());
  if (!(await s.page.textContent('main')).includes('已登记')) fail('no word that it was logged');
  await look(s.page, size, 'service-report-logged');
  await reloadAndBack(s.page, 'the logged round');
  await s.ctx.close();
  if (sql1("SELECT COUNT(*) FROM service_logs WHERE area = '" + area + "'") !== '1')
    fail('the round was not logged once');

  // ... as if on a day of a month long past; the worker's 1st drafts it.
  const month = freshMonth();
  sql("UPDATE service_logs SET done_on = '" + month + "' + INTERVAL 9 DAY, created_at = '" +
    month + "' + INTERVAL 9 DAY + INTERVAL 10 HOUR WHERE id = " + m[1]);
  const next = sql1("SELECT '" + month + "' + INTERVAL 1 MONTH");
  execFileSync(WORKER, ['-c', path.join(VAR, 'propfee.conf'), '-m', next],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const rid = sql1("SELECT id FROM service_reports WHERE estate_id = 2 AND month = '" +
    month + "'");
  if (!rid) fail('the worker drafted no report of ' + month);
  const label = sql1("SELECT DATE_FORMAT('" + month + "', '%Y年%c月')");

  // The manager opens the draft from 服务月报, edits it, publishes it.
  s = await open(browser, size);
  await staffLogin(s.page, 'jingli_chj');
  await follow(s.page, 'nav.menu >> text=服务月报');
  await look(s.page, size, 'service-report-list');
  const row = s.page.locator('[data-report="' + rid + '"]');
  if (!(await row.textContent()).includes('草稿')) fail('the list does not say 草稿');
  await follow(s.page, '[data-report="' + rid + '"]');
  const cleaning = (await s.page.textContent('[data-figure="cleaning"] .n')).trim();
  if (cleaning !== '1') fail('the draft counts ' + cleaning + ' cleaning rounds, want 1');
  if (!(await s.page.textContent('main')).includes(label)) fail('the draft is not of ' + label);
  await look(s.page, size, 'service-report-draft');
  const words = label + '，保洁组每天打扫楼道；新装的楼道灯已全部亮起，欢迎业主监督。';
  await s.page.fill('#summary', words);
  await follow(s.page, 'button:has-text("保存草稿")');
  if (!(await s.page.textContent('main')).includes('草稿已保存')) fail('not saved');
  // a round of that month logged after the draft (on the 2nd, say): the
  // manager counts again, and the summary typed stays as it was
  sql("INSERT INTO service_logs (estate_id, kind, done_on, area, who, note, logged_by," +
    " created_at) SELECT estate_id, kind, done_on + INTERVAL 1 DAY, area, who, note," +
    " logged_by, NOW(6) FROM service_logs WHERE id = " + m[1]);
  await follow(s.page, 'form.recount-form button[type=submit]');
  if (!(await s.page.textContent('.recounted')).includes('没有改动'))
    fail('no word that it was counted again with the summary kept');
  const again = (await s.page.textContent('[data-figure="cleaning"] .n')).trim();
  if (again !== '2') fail('counted again: ' + again + ' cleaning rounds, want 2');
  if ((await s.page.inputValue('#summary')) !== words) fail('the recount changed the summary');
  await look(s.page, size, 'service-report-recounted');
  // publishing asks for the 确认发布 box first (and keeps what was typed)
  r = await follow(s.page, 'button:has-text("发布给业主")');
  if (r.status() !== 400) fail('published without 确认发布: ' + r.status());
  if (!(await s.page.textContent('.report-form')).includes('请先勾选「确认发布」'))
    fail('no word by the 确认发布 box');
  if ((await s.page.inputValue('#summary')) !== words) fail('the summary typed was lost');
  await look(s.page, size, 'service-report-confirm');
  await s.page.check('#confirm');
  await follow(s.page, 'button:has-text("发布给业主")');
  if (!(await s.page.textContent('main')).includes('已发布')) fail('no word that it was published');
  if ((await s.page.locator('#summary').count()) !== 0) fail('the published report is still a form');
  await look(s.page, size, 'service-report-published');
  await reloadAndBack(s.page, 'the published report');
  await s.ctx.close();
  if (sql1('SELECT status FROM service_reports WHERE id = ' + rid) !== 'published')
    fail('not published');
  const told = sql1("SELECT COUNT(DISTINCT owner_id) FROM outbox WHERE idem_key LIKE" +
    " 'service.report/" + rid + "/%'");
  if (told === '0') fail('no owner was told');

  // An owner of the estate opens 服务月报 from home, reads it, downloads it.
  const phone = sql1("SELECT o.phone FROM owners o WHERE o.estate_id = 2 AND" +
    ' o.password_hash IS NOT NULL AND EXISTS (SELECT 1 FROM premises_owners po' +
    ' WHERE po.owner_id = o.id AND po.estate_id = 2) ORDER BY o.id LIMIT 1');
  s = await open(browser, size);
  await ownerLogin(s.page, phone);
  await look(s.page, size, 'service-report-owner-home');
  await follow(s.page, 'a.reports-link');
  await look(s.page, size, 'service-report-owner-list');
  await follow(s.page, 'a[data-report="' + rid + '"]');
  const text = await s.page.textContent('main');
  for (const w of [label, '物业服务月报', '新装的楼道灯已全部亮起', '公共区域保洁'])
    if (!text.includes(w)) fail('the owner does not read ' + w);
  await look(s.page, size, 'service-report-owner-report');
  const [download] = await Promise.all([s.page.waitForEvent('download'),
    s.page.click('text=下载 PDF')]);
  if (!download.suggestedFilename().endsWith('.pdf'))
    fail('downloaded ' + download.suggestedFilename());
  if (fs.readFileSync(await download.path()).slice(0, 5).toString() !== '%PDF-')
    fail('the download is no PDF');
  await s.ctx.close();
}

module.exports = [
  { name: 'service report: 工程部 logs a cleaning round on the phone, the worker drafts the' +
      ' month, the manager edits and publishes it (确认发布), an owner reads it from home and' +
      ' downloads the PDF', run: flow },
];
