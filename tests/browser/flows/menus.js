// menus.js - every role logs in and clicks every link of its menu: each
// answers 200, on a zh-CN page with no console error, no failed request
// and nothing wider than the screen (lib.look), and is screenshotted as
// menu-<login>-<page>.png. The menu is the route table's (http_may), so
// a link here that answers 400 or 403 is a page the role cannot use.

'use strict';

const { BASE, fail, open, look, follow, staffLogin, ownerLogin } = require('../lib');

const LOGINS = [
  { login: '13800000001', who: '业主', owner: true },
  { login: 'admin', who: '系统管理员' },
  { login: 'jingli', who: '经理' },
  { login: 'zuzhang', who: '收费组组长' },
  { login: 'shoufei1', who: '收费员' },
  { login: 'kefu', who: '客服' },
  { login: 'gongcheng', who: '工程部' },
];

// /staff/arrears/elders -> arrears-elders; / -> home
function shotName(href) {
  return href.replace(/^\/(staff\/?)?/, '').replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'home';
}

async function crawl(browser, size, who) {
  const { ctx, page } = await open(browser, size);
  if (who.owner) await ownerLogin(page, who.login);
  else await staffLogin(page, who.login);
  const links = await page.$$eval('nav.menu a', (as) => as.map((a) => ({
    href: a.getAttribute('href'), label: a.textContent.trim() })));
  if (links.length === 0) fail(who.login + ': no menu');
  for (const l of links) {
    const r = await follow(page, 'nav.menu a[href="' + l.href + '"]');
    if (r.status() !== 200)
      fail(who.login + ' ' + l.label + ' (' + l.href + '): HTTP ' + r.status() + ' ' +
        ((await page.textContent('main')) || '').trim().slice(0, 60));
    if (new URL(page.url()).pathname !== l.href.split('?')[0])
      fail(who.login + ' ' + l.label + ': landed on ' + page.url());
    await look(page, size, 'menu-' + who.login + '-' + shotName(l.href));
  }
  await ctx.close();
}

module.exports = LOGINS.map((who) => ({
  name: 'every menu link of ' + who.who + ' ' + who.login + ' answers 200 in Chinese',
  run: (browser, size) => crawl(browser, size, who),
}));
