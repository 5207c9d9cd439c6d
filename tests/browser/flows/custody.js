// custody.js - vacant-unit custody (空置房托管, issue 13) as its users meet
// it: the collector opens 托管任务 from the menu on a phone, sees the
// demo's agreement that is suspended for arrears say so, and logs the
// airing of a paid-up household done with a note and a photo, by
// clicking; the household's owner opens 空置房托管 from the home page and
// sees it, photo and all. The team lead's agreement form is looked at too.
// Every page is screenshotted (custody-*.png).

'use strict';

const path = require('path');
const { fail, open, look, follow, reloadAndBack, staffLogin, ownerLogin, sql, sql1 } =
  require('../lib');

const ROOT = path.join(__dirname, '..', '..', '..');
const PHOTO = path.join(ROOT, 'tests', 'data', 'stair-light.jpg');

async function logAndSee(browser, size) {
  // the demo's agreements on 王晓燕's (shoufei1) vacant homes: one paid up
  // with an airing task, one suspended
  const me = sql1("SELECT id FROM staff WHERE username = 'shoufei1'");
  const task = sql1("SELECT MIN(t.id) FROM custody_tasks t JOIN custody_agreements a ON" +
    " a.id = t.agreement_id JOIN assignments s ON s.premises_id = a.premises_id AND" +
    " s.collector_id = " + me + " WHERE t.kind = 'airing' AND NOT EXISTS (SELECT 1 FROM" +
    " bills b WHERE b.premises_id = a.premises_id AND b.status IN ('unpaid', 'partial')" +
    " AND b.due_date < CURDATE())");
  if (!task || task === 'NULL') fail('no paid-up custody task of shoufei1 in the demo');
  const [aid, pid] = sql('SELECT a.id, a.premises_id FROM custody_tasks t JOIN' +
    ' custody_agreements a ON a.id = t.agreement_id WHERE t.id = ' + task)[0];
  const note = '开窗通风两小时 ' + (Date.now() % 100000);

  let s = await open(browser, size);
  await staffLogin(s.page, 'shoufei1');
  await follow(s.page, 'nav.menu >> text=托管任务');
  await look(s.page, size, 'custody-due');
  if (!(await s.page.textContent('main')).includes('已暂停（欠费'))
    fail('the suspended agreement is not said on the list');
  await follow(s.page, 'a:has-text("全部")');
  await look(s.page, size, 'custody-all');
  await follow(s.page, 'tr[data-task="' + task + '"] a:has-text("登记完成")');
  await s.page.fill('#note', note);
  await s.page.setInputFiles('#photos', PHOTO);
  await look(s.page, size, 'custody-log-form');
  const r = await follow(s.page, 'button:has-text("登记完成")');
  if (r.status() !== 200) fail('the log answered ' + r.status());
  if (!s.page.url().includes('/staff/households/' + pid + '/custody'))
    fail('not on the household\'s custody page: ' + s.page.url());
  const text = await s.page.textContent('main');
  if (!text.includes(note)) fail('the log is not on the agreement\'s page');
  await look(s.page, size, 'custody-logged');
  await reloadAndBack(s.page, 'the logged task');
  await s.ctx.close();
  if (sql1("SELECT COUNT(*) FROM custody_logs WHERE note = '" + note + "'") !== '1')
    fail('not logged once');
  if (sql1('SELECT COUNT(*) FROM custody_log_photos p JOIN custody_logs l ON l.id =' +
      " p.log_id WHERE l.note = '" + note + "'") !== '1')
    fail('the photo was not kept');

  // The owner (given the demo password) sees it from the home page.
  const phone = sql1('SELECT o.phone FROM premises_owners po JOIN owners o ON o.id =' +
    ' po.owner_id WHERE po.premises_id = ' + pid + ' ORDER BY po.is_primary DESC, o.id LIMIT 1');
  sql('UPDATE owners SET password_hash = (SELECT h FROM (SELECT password_hash AS h FROM' +
    " owners WHERE phone = '13800000001') x) WHERE phone = '" + phone + "'");
  s = await open(browser, size);
  await ownerLogin(s.page, phone);
  await follow(s.page, 'a.custody-link');
  await look(s.page, size, 'custody-owner-list');
  await follow(s.page, 'a[data-agreement="' + aid + '"]');
  const seen = await s.page.textContent('main');
  if (!seen.includes(note) || !seen.includes('开窗通风')) fail('the owner does not see the log');
  const imgs = await s.page.$$eval('.custody-log img', (els) => els.length);
  if (imgs < 1) fail('the owner sees no photo');
  await look(s.page, size, 'custody-owner');
  await s.ctx.close();

  // The team lead's form for a vacant home without an agreement.
  const free = sql1("SELECT MIN(p.id) FROM premises p WHERE p.estate_id = 1 AND" +
    " p.occupancy = 'vacant' AND NOT EXISTS (SELECT 1 FROM custody_agreements a WHERE" +
    ' a.premises_id = p.id)');
  s = await open(browser, size);
  await staffLogin(s.page, 'zuzhang');
  await s.page.goto(require('../lib').BASE + '/staff/households/' + free);
  await follow(s.page, 'a:has-text("空置房托管")');
  if (!(await s.page.isVisible('form.custody-form'))) fail('no agreement form for the lead');
  await look(s.page, size, 'custody-form');
  await s.ctx.close();
}

module.exports = [
  { name: 'custody: the collector logs a task done with a photo by clicking, the owner sees it',
    run: logAndSee },
];
