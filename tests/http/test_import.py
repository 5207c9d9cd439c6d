"""test_import.py - an estate from CSV files (issue 13): the demo estate
锦华苑 as loaded, written out as the import's premises and owners files
(UTF-8, and GBK as Chinese Excel saves them), imported into a new estate,
reproduces its premises, owners and links; a file with bad rows imports
nothing and lists each bad row by line; a second import changes nothing
and says so; a dry run writes nothing."""

import re

from lib import check, sql, sql1, staff, test, text_of

PREMISES_HEADER = "房屋编号,楼栋,单元,房号,楼层,建筑面积,类型"
OWNERS_HEADER = "业主编号,姓名,手机号,出生年份,接收渠道,房屋编号,产权关系"
OCC_WORD = {"occupied": "常住", "vacant": "空置", "shop": "商铺"}

ESTATES = []


def new_estate():
    """A new, empty estate the manager jingli may import into."""
    n = len(ESTATES) + 1
    code = "IMP%d%s" % (n, sql1("SELECT COUNT(*) FROM estates"))
    sql("INSERT INTO estates (code, name, service_centre) VALUES ('%s', '导入苑%s',"
        " '服务中心')" % (code, code))
    eid = sql1("SELECT id FROM estates WHERE code = '%s'" % code)
    sql("INSERT INTO staff_estates (staff_id, estate_id) SELECT id, %s FROM staff"
        " WHERE username = 'jingli'" % eid)
    ESTATES.append(eid)
    return eid


# The demo's phone prefixes (scripts/demo.py PHONE_PREFIXES).
DEMO_PREFIXES = ("139", "138", "137", "136", "135", "159", "158", "150", "151", "186",
                 "187", "188", "131", "132", "155", "156", "133", "153", "180", "189",
                 "177", "199")


def phone_map(copy):
    """The demo owner's phone as copy number `copy` (0, 1) has it: owners'
    phones are logins, unique across estates, so each copy's differ - the
    prefix mapped one to one onto prefixes no demo phone has (copy 0:
    140-161, copy 1: 100-121)."""
    base = (140, 100)[copy]
    return lambda p: "%d" % (base + DEMO_PREFIXES.index(p[:3])) + p[3:]


def money(x100):
    x = int(x100)
    return "%d.%02d" % (x // 100, x % 100)


def premises_csv():
    """锦华苑 (estate 1) as a premises file: one row per premises."""
    rows = sql("SELECT p.id, bd.name, p.unit, p.room, p.floor, p.area_x100, p.occupancy"
               " FROM premises p JOIN buildings bd ON bd.id = p.building_id"
               " WHERE p.estate_id = 1 ORDER BY p.id")
    lines = [PREMISES_HEADER]
    for pid, b, u, room, floor, area, occ in rows:
        lines.append(",".join(["JHY-%s" % pid, b, u, room, floor, money(area),
                               OCC_WORD[occ]]))
    return "\r\n".join(lines) + "\r\n", len(rows)


def owners_csv(new_phone):
    """锦华苑's owners and links as an owners file: a row per link, the
    phones as new_phone maps them."""
    rows = sql("SELECT o.id, o.name, o.phone, IFNULL(o.birth_year, ''), o.notify_sms,"
               " o.notify_wechat, o.notify_app, po.premises_id, po.is_primary"
               " FROM premises_owners po JOIN owners o ON o.id = po.owner_id"
               " WHERE po.estate_id = 1 ORDER BY o.id, po.premises_id")
    lines = [OWNERS_HEADER]
    for oid, name, phone, year, sms, wx, app, pid, primary in rows:
        ch = [w for w, on in (("短信", sms), ("微信", wx), ("App", app)) if on == "1"]
        lines.append(",".join(["O%s" % oid, name, new_phone(phone), year, "、".join(ch),
                               "JHY-%s" % pid, "业主" if primary == "1" else "共有人"]))
    return "\r\n".join(lines) + "\r\n", len(rows)


def upload(c, estate, kind, mode, data, name="estate.csv"):
    """Posts the import form of kind with data (bytes) as the file."""
    page = c.get("/staff/import?estate=%s" % estate)
    check(page.status == 200, "import page: %r", page)
    m = re.search(r'id="import-%s".*?name="form_token" value="([0-9a-f]+)"' % kind,
                  page.body, re.S)
    check(m, "no form for %s on the import page", kind)
    boundary = b"----propfee-import"
    body = b""
    for k, v in (("csrf", page.csrf()), ("form_token", m.group(1)),
                 ("estate", str(estate)), ("kind", kind), ("mode", mode)):
        body += (b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                 % (boundary, k.encode(), v.encode()))
    body += (b"--%s\r\nContent-Disposition: form-data; name=\"file\";"
             b" filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n"
             % (boundary, name.encode()))
    body += data + b"\r\n--%s--\r\n" % boundary
    return c.request("POST", "/staff/import", body=body, headers={
        "Content-Type": "multipart/form-data; boundary=" + boundary.decode()})


def checked(c, estate, kind, data):
    """Checks data (a dry run) and returns the text of the page it lands on."""
    r = upload(c, estate, kind, "check", data)
    check(r.status == 303, "check of %s: %d %s", kind, r.status,
          " ".join(re.findall(r'<li class="err"[^>]*>([^<]*)', r.body)[:5]))
    loc = r.header("Location")
    page = c.get(loc[loc.index("/staff/"):].split("#")[0])
    check(page.status == 200, "the check's page: %r", page)
    return text_of(page.body)


def imported(c, estate, kind, data):
    """Imports data and returns the text of the page the import lands on."""
    r = upload(c, estate, kind, "import", data)
    check(r.status == 303, "import of %s: %d %s", kind, r.status,
          " ".join(re.findall(r'<li class="err"[^>]*>([^<]*)', r.body)[:5]))
    loc = r.header("Location")
    check("batch=" in loc, "import lands on %s", loc)
    page = c.get(loc[loc.index("/staff/"):])
    check(page.status == 200, "the batch page: %r", page)
    return text_of(page.body)


def premises_of(estate):
    return sorted(tuple(r) for r in sql(
        "SELECT bd.name, p.unit, p.room, p.floor, p.area_x100, p.occupancy FROM premises p"
        " JOIN buildings bd ON bd.id = p.building_id WHERE p.estate_id = %s" % estate))


def owners_of(estate, phone=lambda p: p):
    return sorted((r[0], phone(r[1]), r[2], r[3], r[4], r[5]) for r in sql(
        "SELECT name, phone, IFNULL(birth_year, ''), notify_sms, notify_wechat, notify_app"
        " FROM owners WHERE estate_id = %s" % estate))


def links_of(estate, phone=lambda p: p):
    return sorted((r[0], r[1], r[2], phone(r[3]), r[4]) for r in sql(
        "SELECT bd.name, p.unit, p.room, o.phone, po.is_primary FROM premises_owners po"
        " JOIN premises p ON p.id = po.premises_id JOIN buildings bd ON bd.id = p.building_id"
        " JOIN owners o ON o.id = po.owner_id WHERE po.estate_id = %s" % estate))


def reproduces(encoding, copy):
    m = staff("jingli")
    estate = new_estate()
    new_phone = phone_map(copy)
    pcsv, np = premises_csv()
    ocsv, nl = owners_csv(new_phone)
    check(np == 1236, "锦华苑 has %d premises, not 1,236", np)
    data = pcsv.encode(encoding)
    if encoding != "utf-8":
        check(data != pcsv.encode("utf-8"), "the %s file is the UTF-8 one", encoding)
    # A dry run first: it says what an import would do and writes nothing.
    t = checked(m, estate, "premises", data)
    check("检查通过" in t and "新增 1236 行" in t, "the check says: %s", t[:300])
    check(sql1("SELECT COUNT(*) FROM premises WHERE estate_id = %s" % estate) == "0",
          "a dry run wrote premises")
    check(sql1("SELECT COUNT(*) FROM import_stage") == "0", "a dry run left staged rows")
    t = imported(m, estate, "premises", data)
    check("新增 1236 行" in t, "the import says: %s", t[:300])
    t = imported(m, estate, "owners", ocsv.encode(encoding))
    check("新增 %d 行" % nl in t, "the owners' import says: %s", t[:300])
    # Field by field: every premises, owner and link of 锦华苑.
    check(premises_of(estate) == premises_of(1), "the premises differ")
    check(owners_of(estate) == owners_of(1, new_phone), "the owners differ")
    check(links_of(estate) == links_of(1, new_phone), "the links differ")
    check(sql1("SELECT encoding FROM import_batches WHERE estate_id = %s ORDER BY id"
               " LIMIT 1" % estate) == ("utf8" if encoding == "utf-8" else "gb18030"),
          "the encoding was not told right")
    check(sql1("SELECT COUNT(*) FROM import_stage") == "0", "staged rows were left")
    return m, estate


@test
def a_utf8_export_of_jinhuayuan_imported_into_a_new_estate_reproduces_it():
    reproduces("utf-8", 0)


@test
def a_gbk_export_of_jinhuayuan_imported_into_a_new_estate_reproduces_it():
    reproduces("gbk", 1)


@test
def a_second_import_of_the_same_files_changes_nothing_and_says_so():
    m = staff("jingli")
    estate = ESTATES[0] if ESTATES else reproduces("utf-8", 0)[1]
    before = (premises_of(estate), owners_of(estate), links_of(estate),
              sql1("SELECT COUNT(*) FROM import_keys WHERE estate_id = %s" % estate),
              sql1("SELECT COUNT(*) FROM buildings WHERE estate_id = %s" % estate))
    pcsv, np = premises_csv()
    ocsv, nl = owners_csv(phone_map(0))
    t = checked(m, estate, "premises", pcsv.encode())
    check("新增 0 行" in t and "1236 行此前已导入" in t, "the check says: %s", t[:300])
    t = imported(m, estate, "premises", pcsv.encode())
    check("1236 行此前都已导入过，这次没有任何改动" in t, "the page says: %s", t[:300])
    t = imported(m, estate, "owners", ocsv.encode("gbk"))
    check("%d 行此前都已导入过，这次没有任何改动" % nl in t, "the page says: %s", t[:300])
    after = (premises_of(estate), owners_of(estate), links_of(estate),
             sql1("SELECT COUNT(*) FROM import_keys WHERE estate_id = %s" % estate),
             sql1("SELECT COUNT(*) FROM buildings WHERE estate_id = %s" % estate))
    check(before == after, "a second import changed something")


@test
def a_file_with_three_bad_rows_imports_nothing_and_lists_the_three():
    m = staff("jingli")
    estate = new_estate()
    lines = [PREMISES_HEADER,
             "A1,1栋,1,101,1,89.50,常住",
             "A2,1栋,1,102,1,八十,常住",          # line 3: an area in words
             "A3,1栋,1,103,1,90.00,常住",
             "A4,1栋,1,104,1,90.00,出租",         # line 5: no such occupancy
             "A5,1栋,1,105,1,90.00,空置",
             "A3,1栋,1,106,1,90.00,空置"]         # line 7: A3 again
    r = upload(m, estate, "premises", "import", "\r\n".join(lines).encode("gbk"))
    check(r.status == 422, "a file with bad rows: %r", r)
    bad = re.findall(r'data-line="(\d+)"', r.body)
    check(bad == ["3", "5", "7"], "the bad rows listed: %r", bad)
    t = text_of(r.body)
    check("第 3 行：建筑面积“八十”" in t, "line 3's reason: %s", t[:600])
    check("第 5 行：类型“出租”" in t, "line 5's reason: %s", t[:600])
    check("第 7 行：房屋编号与第 4 行重复" in t, "line 7's reason: %s", t[:600])
    check("有 3 行有误" in t and "整个文件都没有导入" in t, "the summary: %s", t[:300])
    for table in ("premises", "buildings", "import_batches", "import_keys"):
        check(sql1("SELECT COUNT(*) FROM %s WHERE estate_id = %s" % (table, estate)) == "0",
              "a refused file wrote %s", table)
    # Fixed, the same file imports.
    lines[2], lines[4], lines[6] = ("A2,1栋,1,102,1,80,常住", "A4,1栋,1,104,1,90.00,商铺",
                                    "A6,1栋,1,106,1,90.00,空置")
    t = imported(m, estate, "premises", "\r\n".join(lines).encode())
    check("新增 6 行" in t, "the fixed file: %s", t[:300])
    check(sql1("SELECT area_x100 FROM premises WHERE estate_id = %s AND room = '102'"
               % estate) == "8000", "80 m2 was not stored as 8000")


@test
def an_owners_file_naming_an_unknown_home_or_a_taken_phone_imports_nothing():
    m = staff("jingli")
    estate = new_estate()
    imported(m, estate, "premises", ("%s\r\nB1,2栋,1,101,1,89.50,常住\r\n"
                                     % PREMISES_HEADER).encode())
    taken = sql1("SELECT phone FROM owners WHERE estate_id = 1 ORDER BY id LIMIT 1")
    lines = [OWNERS_HEADER,
             "X1,王芳,19911112222,1970,短信,B1,业主",
             "X2,赵强,%s,,短信,B1,共有人" % taken,     # line 3: another owner's phone
             "X3,钱敏,19911113333,,短信,B9,业主",     # line 4: no premises B9
             "X1,王芳,19911112222,1971,短信,B1,业主"]  # line 5: X1 said otherwise
    r = upload(m, estate, "owners", "check", "\r\n".join(lines).encode())
    check(r.status == 422, "a bad owners file: %r", r)
    check(re.findall(r'data-line="(\d+)"', r.body) == ["3", "4", "5"],
          "the bad rows: %r", re.findall(r'data-line="(\d+)"', r.body))
    t = text_of(r.body)
    check("已是另一位业主的登录手机号" in t and "没有房屋编号为 B9" in t,
          "the reasons: %s", t[:600])
    check(sql1("SELECT COUNT(*) FROM owners WHERE estate_id = %s" % estate) == "0",
          "a refused owners file wrote owners")


@test
def a_file_in_neither_utf8_nor_gbk_is_refused_by_the_file_field():
    m = staff("jingli")
    estate = new_estate()
    r = upload(m, estate, "premises", "import", b"\xff\xfe\xff\xfe,\x81\x20\r\n")
    check(r.status == 400, "a file of no encoding: %r", r)
    check("既不是 UTF-8 也不是 GBK" in text_of(r.body), "the message: %s",
          text_of(r.body)[:300])
    r = upload(m, estate, "premises", "import", "楼栋,单元\r\n1栋,1\r\n".encode())
    check(r.status == 422 and "第一行应为表头" in text_of(r.body),
          "a file without the header: %r", r)


@test
def each_template_downloads_with_its_header_and_imports_as_it_is():
    m = staff("jingli")
    estate = new_estate()
    for kind, header in (("premises", PREMISES_HEADER), ("owners", OWNERS_HEADER)):
        r = m.get("/staff/import/template.csv?estate=%s&kind=%s" % (estate, kind))
        check(r.status == 200 and "text/csv" in r.header("Content-Type"),
              "template %s: %r", kind, r)
        check(r.body.startswith("\ufeff" + header + "\r\n"), "template %s: %r",
              kind, r.body[:80])
        # the examples are real rows: the templates import as they are
        t = imported(m, estate, kind, r.body.encode())
        check("新增 3 行" in t, "the %s template imported: %s", kind, t[:300])
    check(sql1("SELECT COUNT(*) FROM premises_owners WHERE estate_id = %s" % estate) == "3",
          "the template's links")


@test
def a_file_of_20000_rows_passes_the_body_limit_and_is_checked_in_one_request():
    m = staff("jingli")
    estate = new_estate()
    lines = [PREMISES_HEADER]
    for i in range(20000):
        lines.append("BIG-%05d,导入测试楼%d栋,%d,%d%02d,%d,%d.%02d,%s" % (
            i, i // 400 + 1, i // 100 % 4 + 1, i % 100 // 4 + 1, i % 4 + 1,
            i % 100 // 4 + 1, 60 + i % 90, i % 100, "常住空置商铺"[i % 3 * 2:i % 3 * 2 + 2]))
    data = "\r\n".join(lines).encode()
    check(len(data) > 1024 * 1024, "the file is only %d bytes", len(data))
    t = checked(m, estate, "premises", data)
    check("新增 20000 行" in t, "20,000 rows: %s", t[:300])
    check(sql1("SELECT COUNT(*) FROM premises WHERE estate_id = %s" % estate) == "0",
          "the check wrote premises")


ARREARS_HEADER = "账单编号,房屋编号,收费项目,账期,月数,金额,到期日"


@test
def opening_arrears_import_as_unpaid_bills_once_and_a_billed_period_is_refused():
    m = staff("jingli")
    estate = new_estate()
    imported(m, estate, "premises", ("%s\r\nC1,3栋,1,101,1,89.50,常住\r\n"
                                     "C2,商业街,,A01,1,65,商铺\r\n" % PREMISES_HEADER).encode())
    sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (%s, 'WYF', '物业费',"
        " 'area'), (%s, 'ZJ', '租金', 'fixed')" % (estate, estate))
    lines = [ARREARS_HEADER,
             "Q1,C1,物业费,2024-11,1,178.00,2024-12-15",
             "Q2,C1,WYF,2024/12,,178,2025/1/15",
             "Q3,C2,租金,2024年10月,3,\"9,000.00\",2024-12-31"]
    data = "\r\n".join(lines).encode("gbk")
    t = checked(m, estate, "arrears", data)
    check("新增 3 行" in t, "the check: %s", t[:300])
    check(sql1("SELECT COUNT(*) FROM bills WHERE estate_id = %s" % estate) == "0",
          "a check made bills")
    t = imported(m, estate, "arrears", data)
    check("新增 3 行" in t, "the import says: %s", t[:300])
    got = sql("SELECT p.room, fi.code, b.period_start, b.period_months, b.amount_fen,"
              " b.due_date, b.status FROM bills b JOIN premises p ON p.id = b.premises_id"
              " JOIN fee_items fi ON fi.id = b.fee_item_id WHERE b.estate_id = %s"
              " ORDER BY b.id" % estate)
    check(got == [["101", "WYF", "2024-11-01", "1", "17800", "2024-12-15", "unpaid"],
                  ["101", "WYF", "2024-12-01", "1", "17800", "2025-01-15", "unpaid"],
                  ["A01", "ZJ", "2024-10-01", "3", "900000", "2024-12-31", "unpaid"]],
          "the bills: %r", got)
    check(sql1("SELECT amount_fen FROM audit_log WHERE action = 'import.file' AND"
               " estate_id = %s ORDER BY id DESC LIMIT 1" % estate) == "935600",
          "the audit row does not say what the bills come to")
    t = imported(m, estate, "arrears", data)
    check("3 行此前都已导入过，这次没有任何改动" in t, "again: %s", t[:300])
    check(sql1("SELECT COUNT(*) FROM bills WHERE estate_id = %s" % estate) == "3",
          "a second import made bills")
    # Another key for a period already billed, an unknown item, a bad amount.
    lines = [ARREARS_HEADER,
             "Q4,C1,物业费,2024-11,1,178.00,2024-12-15",
             "Q5,C1,停车费,2024-11,1,100,2024-12-15",
             "Q6,C1,物业费,2024-09,1,17.805,2024-10-15"]
    r = upload(m, estate, "arrears", "import", "\r\n".join(lines).encode())
    check(r.status == 422, "bad arrears: %r", r)
    t = text_of(r.body)
    check(re.findall(r'data-line="(\d+)"', r.body) == ["2", "3", "4"]
          and "已有 物业费 2024-11 的账单" in t and "没有“停车费”这个收费项目" in t
          and "金额“17.805”" in t, "the reasons: %s", t[:800])
    check(sql1("SELECT COUNT(*) FROM bills WHERE estate_id = %s" % estate) == "3",
          "a refused file made bills")


# A breaker's trial (issue 13): files that ran past the 10 s limit, a false
# race, absurd values, a newline in a field, two owners of one home.

def premises_import(m, estate, keys):
    """Imports one premises per key (rooms 1..n of one building)."""
    lines = [PREMISES_HEADER] + ["%s,试楼,1,%d,1,90.00,空置" % (k, i + 1)
                                 for i, k in enumerate(keys)]
    return imported(m, estate, "premises", "\r\n".join(lines).encode())


@test
def a_premises_file_of_20000_rows_of_one_key_is_refused_with_its_list_not_503():
    m = staff("jingli")
    estate = new_estate()
    # every row the same home under the same key: two reasons a row
    data = ("\r\n".join([PREMISES_HEADER] + ["Z1,1栋,1,101,1,89.50,常住"] * 20000)
            .encode())
    r = upload(m, estate, "premises", "check", data)
    check(r.status == 422, "20,000 rows of one key: %d", r.status)
    bad = re.findall(r'data-line="(\d+)"', r.body)
    check(bad == [str(n) for n in range(3, 503)], "the lines listed: %r ... %r",
          bad[:3], bad[-3:])
    t = text_of(r.body)
    check("第 3 行：房屋编号与第 2 行重复；与第 2 行是同一套房屋" in t, "line 3: %s",
          t[:600])
    check("有 19999 行有误" in t and "另有 19499 行有问题" in t, "the summary: %s",
          t[:600])
    check(sql1("SELECT COUNT(*) FROM import_stage") == "0", "staged rows were left")


@test
def a_developers_8000_unsold_homes_under_one_owner_key_import():
    m = staff("jingli")
    estate = new_estate()
    keys = ["Z%d" % i for i in range(1, 8001)]
    premises_import(m, estate, keys)
    lines = [OWNERS_HEADER] + ["DEV1,某某置业有限公司,16699990000,,短信,%s,业主" % k
                               for k in keys]
    t = imported(m, estate, "owners", "\r\n".join(lines).encode())
    check("新增 8000 行" in t, "the owners' import: %s", t[:300])
    check(sql("SELECT COUNT(*), COUNT(DISTINCT owner_id), SUM(is_primary) FROM"
              " premises_owners WHERE estate_id = %s" % estate) == [["8000", "1", "8000"]],
          "the links of DEV1")
    # again: nothing changes (the home's owner is this row's owner)
    t = imported(m, estate, "owners", "\r\n".join(lines).encode())
    check("8000 行此前都已导入过" in t, "again: %s", t[:300])


@test
def a_bill_named_by_code_and_by_name_for_one_period_is_a_bad_row_not_a_race():
    m = staff("jingli")
    estate = new_estate()
    premises_import(m, estate, ["X1"])
    sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (%s, 'WYF', '物业费',"
        " 'area')" % estate)
    lines = [ARREARS_HEADER,
             "BX2,X1,WYF,2026-07,1,178.00,2026-08-15",
             "BX6,X1,物业费,2026-07,1,178.00,2026-08-15"]
    for mode in ("check", "import"):
        r = upload(m, estate, "arrears", mode, "\r\n".join(lines).encode())
        check(r.status == 422, "%s: %r", mode, r)
        check(re.findall(r'data-line="(\d+)"', r.body) == ["3"]
              and "第 3 行：与第 2 行是同一房屋、同一项目、同一账期" in text_of(r.body),
              "%s: %s", mode, text_of(r.body)[:600])
    check(sql1("SELECT COUNT(*) FROM bills WHERE estate_id = %s" % estate) == "0",
          "a refused file made bills")


@test
def a_due_date_far_from_its_period_or_an_amount_above_a_million_is_a_bad_row():
    m = staff("jingli")
    estate = new_estate()
    premises_import(m, estate, ["Y1"])
    sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (%s, 'WYF', '物业费',"
        " 'area')" % estate)
    lines = [ARREARS_HEADER,
             "D1,Y1,物业费,2026-10,1,178.00,1990-01-01",       # 36 years early
             "D2,Y1,物业费,2026-09,1,1000000.01,2026-10-15",   # above a million
             "D3,Y1,物业费,2024-10,3,534.00,2026-01-02",       # > a year after 2024-12
             "D4,Y1,物业费,2026-08,1,1000000.00,2026-07-01",   # the bounds: good
             "D5,Y1,物业费,2024-07,3,534.00,2025-09-30"]       # (good too)
    r = upload(m, estate, "arrears", "check", "\r\n".join(lines).encode())
    check(r.status == 422, "absurd values: %r", r)
    t = text_of(r.body)
    check(re.findall(r'data-line="(\d+)"', r.body) == ["2", "3", "4"],
          "the lines: %s", t[:800])
    check("第 2 行：到期日“1990-01-01”与账期 2026-10 相差太远" in t
          and "第 3 行：金额“1000000.01”超过一张账单的上限" in t
          and "第 4 行：到期日“2026-01-02”与账期 2024-10 相差太远"
          "（应在 2024-08-31 到 2026-01-01 之间）" in t, "the reasons: %s", t[:800])


@test
def a_newline_in_a_field_two_owners_of_one_home_and_a_child_owner_are_bad_rows():
    m = staff("jingli")
    estate = new_estate()
    year = int(sql1("SELECT YEAR(CURDATE())"))
    r = upload(m, estate, "premises", "check", (
        "%s\r\nH1,1栋,1,101,1,90,常住\r\nH2,1栋,1,\"10\n2\",1,90,常住\r\n"
        % PREMISES_HEADER).encode())
    check(r.status == 422 and re.findall(r'data-line="(\d+)"', r.body) == ["3"]
          and "房号中有换行或制表符" in text_of(r.body), "a newline in a room: %s",
          text_of(r.body)[:600])
    premises_import(m, estate, ["H1", "H2", "H3"])
    imported(m, estate, "owners", ("%s\r\nW0,王零,16622220000,,短信,H3,业主\r\n"
                                   % OWNERS_HEADER).encode())
    lines = [OWNERS_HEADER,
             "W1,王一,16622220001,,短信,H1,业主",
             "W2,王二,16622220002,,短信,H1,业主",               # H1's second owner
             "W3,王三,16622220003,%d,短信,H2,业主" % (year - 15),  # 15 this year
             "W4,王四,16622220004,%d,短信,H2,共有人" % (year - 16),
             "W5,王五,16622220005,,短信,H3,业主",               # H3 has 王零
             "W6,王六,16622220006,,短信,H3,共有人",
             "W7,\"王\r\n七\",16622220007,,短信,H2,共有人"]     # a newline (line 8)
    r = upload(m, estate, "owners", "check", "\r\n".join(lines).encode())
    check(r.status == 422, "bad owners: %r", r)
    t = text_of(r.body)
    check(re.findall(r'data-line="(\d+)"', r.body) == ["3", "4", "6", "8"],
          "the lines: %s", t[:1000])
    check("第 3 行：与第 2 行是同一套房屋的业主（一套房只能有一位业主，其他人填 共有人）" in t
          and "第 4 行：出生年份“%d”应为 1900 到 %d 之间的四位年份（业主应年满 16 岁）"
          % (year - 15, year - 16) in t
          and "第 6 行：这套房屋已有业主 王零" in t
          and "第 8 行：姓名中有换行或制表符" in t, "the reasons: %s", t[:1000])


@test
def a_checks_figures_typed_into_the_address_are_not_shown():
    m = staff("jingli")
    estate = new_estate()
    data = ("%s\r\nK1,1栋,1,101,1,90,常住\r\n" % PREMISES_HEADER).encode()
    r = upload(m, estate, "premises", "check", data)
    check(r.status == 303, "the check: %r", r)
    loc = r.header("Location")
    loc = loc[loc.index("/staff/"):].split("#")[0]
    t = text_of(m.get(loc).body)
    check("检查通过" in t and "共 1 行，导入后新增 1 行" in t, "the check: %s", t[:300])
    for forged in (loc.replace("new=1", "new=20000"),
                   "/staff/import?estate=%s&checked=premises&rows=5&new=20000&same=20000"
                   % estate):
        r = m.get(forged)
        t = text_of(r.body)
        check(r.status == 200 and "检查通过（" not in t and "新增 20000 行" not in t,
              "figures from the address %s: %s", forged, t[:300])
