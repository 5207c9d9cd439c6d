// import.js - a manager (jingli) sets up a new estate from CSV (issue 13):
// opens 导入资料 from the menu, picks the new estate, downloads the
// premises template, fills it with a mistake (an area in words), uploads
// it and sees the row listed by its line with nothing imported, fixes the
// row, checks the file (nothing written), imports it and sees what was
// imported; reload and Back import nothing again. The estate is new for
// each run, and jingli's access to it is taken away at the end.

'use strict';

const fs = require('fs');
const path = require('path');

const { fail, sql, sql1, open, look, follow, staffLogin, VAR } = require('../lib');
const { menu, settled } = require('../steps');

const HEADER = '房屋编号,楼栋,单元,房号,楼层,建筑面积,类型';

async function managerImportsPremises(browser, size) {
  const code = 'B' + size.name.slice(0, 1).toUpperCase() + (Date.now() % 1e9);
  sql("INSERT INTO estates (code, name, service_centre) VALUES ('" + code + "', '新苑" + code +
    "', '服务中心')");
  const estate = sql1("SELECT id FROM estates WHERE code = '" + code + "'");
  const jingli = sql1("SELECT id FROM staff WHERE username = 'jingli'");
  sql('INSERT INTO staff_estates (staff_id, estate_id) VALUES (' + jingli + ', ' + estate + ')');
  const premises = () => Number(sql1('SELECT COUNT(*) FROM premises WHERE estate_id = ' + estate));
  const { ctx, page } = await open(browser, size);
  try {
    await staffLogin(page, 'jingli');
    await menu(page, '导入资料');
    await page.selectOption('#estate', estate);
    await follow(page, 'form.filters button[type=submit]');
    if (!(await page.textContent('h1')).includes('新苑' + code))
      fail('the import page is not the new estate\'s: ' + await page.textContent('h1'));
    await look(page, size, 'staff-import');
    // The template, as Excel would open it.
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.click('#import-premises a.template')]);
    const template = fs.readFileSync(await download.path(), 'utf8');
    if (!template.startsWith('\ufeff' + HEADER + '\r\n'))
      fail('the premises template starts ' + JSON.stringify(template.slice(0, 60)));
    // Filled in with a mistake on its third line.
    const file = path.join(VAR, 'import-' + size.name + '.csv');
    const rows = [HEADER, 'K1,1栋,1,101,1,89.50,常住', 'K2,1栋,1,102,1,八十九,常住',
      'K3,商业街,,A01,1,65,商铺'];
    fs.writeFileSync(file, rows.join('\r\n') + '\r\n');
    await page.setInputFiles('#file-premises', file);
    let r = await follow(page, '#import-premises button[value=import]');
    if (r.status() !== 422) fail('a file with a mistake: HTTP ' + r.status());
    const errs = await page.$$eval('#import-premises li.err', (els) =>
      els.map((e) => e.textContent.trim()));
    if (errs.length !== 1 || !errs[0].startsWith('第 3 行：建筑面积“八十九”'))
      fail('the bad rows listed: ' + JSON.stringify(errs));
    if (premises() !== 0) fail('a file with a mistake imported ' + premises() + ' premises');
    await look(page, size, 'staff-import-refused');
    // Fixed: checked first (nothing written), then imported.
    rows[2] = 'K2,1栋,1,102,1,89,常住';
    fs.writeFileSync(file, rows.join('\r\n') + '\r\n');
    await page.setInputFiles('#file-premises', file);
    r = await follow(page, '#import-premises button[value=check]');
    if (r.status() !== 200 || !(await page.textContent('#import-premises')).includes('检查通过'))
      fail('the fixed file\'s check: HTTP ' + r.status());
    await look(page, size, 'staff-import-checked');
    if (premises() !== 0) fail('a check imported ' + premises() + ' premises');
    await page.setInputFiles('#file-premises', file);
    r = await follow(page, '#import-premises button[value=import]');
    const said = await page.textContent('#import-premises');
    if (r.status() !== 200 || !said.includes('新增 3 行'))
      fail('the import: HTTP ' + r.status() + ' ' + said.slice(0, 200));
    if (premises() !== 3) fail('imported ' + premises() + ' premises, not 3');
    if (sql1('SELECT area_x100 FROM premises WHERE estate_id = ' + estate + " AND room = '102'") !==
        '8900') fail('89 m2 was not stored as 8900');
    await look(page, size, 'staff-import-done');
    await settled(page, 'an import', premises);
  } finally {
    sql('DELETE FROM staff_estates WHERE staff_id = ' + jingli + ' AND estate_id = ' + estate);
    await ctx.close();
  }
}

// The fourth file: a manager imports a new estate's premises and its
// bills (paid and unpaid alike, as the old system had them), then the
// historical payments of those bills by clicking - checked first (nothing
// written), then imported - and sees the household owe what is left.
async function managerImportsPayments(browser, size) {
  const code = 'P' + size.name.slice(0, 1).toUpperCase() + (Date.now() % 1e9);
  sql("INSERT INTO estates (code, name, service_centre) VALUES ('" + code + "', '旧账苑" + code +
    "', '服务中心')");
  const estate = sql1("SELECT id FROM estates WHERE code = '" + code + "'");
  sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (" + estate +
    ", 'WYF', '物业费', 'area')");
  const jingli = sql1("SELECT id FROM staff WHERE username = 'jingli'");
  sql('INSERT INTO staff_estates (staff_id, estate_id) VALUES (' + jingli + ', ' + estate + ')');
  const payments = () => Number(sql1('SELECT COUNT(*) FROM payments WHERE estate_id = ' + estate));
  const files = {
    premises: [HEADER, 'M1,1栋,1,101,1,89.50,常住'],
    arrears: ['账单编号,房屋编号,收费项目,账期,月数,金额,到期日',
      'N1,M1,物业费,2025-01,1,178.00,2025-02-15', 'N2,M1,物业费,2025-02,1,178.00,2025-03-15'],
    payments: ['缴费编号,房屋编号,账单编号,金额,缴费日期,方式,缴费人',
      'J1,M1,N1,178.00,2025-02-10,微信,业主', 'J2,M1,N2,100.00,2025-03-12,现金,业主'],
  };
  const { ctx, page } = await open(browser, size);
  try {
    await staffLogin(page, 'jingli');
    await page.goto(page.url().replace(/\/staff\/.*$/, '/staff/import?estate=' + estate));
    for (const kind of ['premises', 'arrears', 'payments']) {
      const file = path.join(VAR, 'import-' + kind + '-' + size.name + '.csv');
      fs.writeFileSync(file, files[kind].join('\r\n') + '\r\n');
      if (kind === 'payments') {
        await page.setInputFiles('#file-payments', file);
        const c = await follow(page, '#import-payments button[value=check]');
        if (c.status() !== 200 || !(await page.textContent('#import-payments')).includes('检查通过'))
          fail('the payments file\'s check: HTTP ' + c.status());
        if (payments() !== 0) fail('a check recorded ' + payments() + ' payments');
        await look(page, size, 'staff-import-payments-checked');
      }
      await page.setInputFiles('#file-' + kind, file);
      const r = await follow(page, '#import-' + kind + ' button[value=import]');
      const said = await page.textContent('#import-' + kind);
      if (r.status() !== 200 || !said.includes('新增 ' + (files[kind].length - 1) + ' 行'))
        fail('the ' + kind + ' import: HTTP ' + r.status() + ' ' + said.slice(0, 200));
    }
    if (payments() !== 2) fail('imported ' + payments() + ' payments, not 2');
    await look(page, size, 'staff-import-payments-done');
    await settled(page, 'an import of payments', payments);
    const home = sql1("SELECT entity_id FROM import_keys WHERE estate_id = " + estate +
      " AND kind = 'premises' AND ext_key = 'M1'");
    await page.goto(page.url().replace(/\/staff\/.*$/, '/staff/households/' + home));
    const owed = await page.textContent('.owed');
    if (!owed.includes('78.00')) fail('the household owes ' + owed + ', not 78.00');
  } finally {
    sql('DELETE FROM staff_estates WHERE staff_id = ' + jingli + ' AND estate_id = ' + estate);
    await ctx.close();
  }
}

module.exports = [
  { name: 'a manager imports a new estate\'s premises from the template, a mistake first',
    run: managerImportsPremises },
  { name: 'a manager imports a new estate\'s bills and then its historical payments',
    run: managerImportsPayments },
];
