"""test_import_payments.py - the fourth file of an estate's import (issue
13): historical payments (历史缴费), each paying one opening bill imported
by the arrears file. A payment row becomes a payment, its allocation and a
receipt of ours (gapless numbers, its verification page opens); the bills
follow (paid, partial); a file with bad rows imports nothing and lists
them; a bill paid beyond its amount is refused with the figures; a second
import changes nothing; a GBK file reads as the UTF-8 one; no e-receipt
message goes to owners for money paid long ago."""

import os
import re
import subprocess
import urllib.parse

from lib import DB, DB_VAR, ROOT, Client, check, sql, sql1, staff, test, text_of
from test_import import (ARREARS_HEADER, OWNERS_HEADER, PREMISES_HEADER, imported,
                         new_estate, upload)

PAYMENTS_HEADER = "缴费编号,房屋编号,账单编号,金额,缴费日期,方式,缴费人"


def estate_with_bills():
    """A new estate: premises H1 (a flat, its owner) and H2 (a shop), and
    three opening bills - K1, K2 of H1 (178.00 each), K3 of H2 (9,000.00)."""
    m = staff("jingli")
    estate = new_estate()
    imported(m, estate, "premises", ("%s\r\nH1,5栋,1,101,1,89.50,常住\r\n"
                                     "H2,商业街,,B01,1,65,商铺\r\n"
                                     % PREMISES_HEADER).encode())
    imported(m, estate, "owners", ("%s\r\nW1,孙丽,1970%07d,1960,短信,H1,业主\r\n"
                                   % (OWNERS_HEADER, int(estate))).encode())
    sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (%s, 'WYF', '物业费',"
        " 'area'), (%s, 'ZJ', '租金', 'fixed')" % (estate, estate))
    imported(m, estate, "arrears", "\r\n".join([
        ARREARS_HEADER,
        "K1,H1,物业费,2024-11,1,178.00,2024-12-15",
        "K2,H1,物业费,2024-12,1,178.00,2025-01-15",
        "K3,H2,租金,2024-10,3,9000.00,2024-12-31"]).encode())
    return m, estate


def bill_of(estate, key):
    return sql1("SELECT entity_id FROM import_keys WHERE estate_id = %s AND kind = 'arrears'"
                " AND ext_key = '%s'" % (estate, key))


def premises_of_key(estate, key):
    return sql1("SELECT entity_id FROM import_keys WHERE estate_id = %s AND kind = 'premises'"
                " AND ext_key = '%s'" % (estate, key))


def counts(estate):
    return tuple(sql1(q % estate) for q in (
        "SELECT COUNT(*) FROM payments WHERE estate_id = %s",
        "SELECT COUNT(*) FROM allocations WHERE estate_id = %s",
        "SELECT COUNT(*) FROM receipts WHERE estate_id = %s",
        "SELECT COALESCE(MAX(last_seq), 0) FROM receipt_counters WHERE estate_id = %s",
        "SELECT COUNT(*) FROM import_keys WHERE estate_id = %s",
        "SELECT GROUP_CONCAT(status ORDER BY id) FROM bills WHERE estate_id = %s"))


PAID = "\r\n".join([
    PAYMENTS_HEADER,
    "S1,H1,K1,178.00,2024-12-10,微信,孙丽",
    "S2,H1,K2,100,2025/1/12,现金,孙丽",
    "S3,H2,K3,\"4,500.00\",2025年1月5日,POS,",
    "S4,H2,K3,1000.50,2025-02-05,刷卡,某某商行"]) + "\r\n"


@test
def historical_payments_import_as_payments_with_receipts_and_the_bills_follow():
    m, estate = estate_with_bills()
    # A dry run says what an import would do and writes nothing.
    r = upload(m, estate, "payments", "check", PAID.encode())
    check(r.status == 303, "the check: %r %s", r, text_of(r.body)[:400])
    check(counts(estate)[:4] == ("0", "0", "0", "0"), "a dry run wrote money: %r",
          counts(estate))
    t = imported(m, estate, "payments", PAID.encode())
    check("新增 4 行" in t, "the import says: %s", t[:300])
    got = sql("SELECT p.payer_name, p.amount_fen, p.channel, p.paid_at,"
              " IFNULL(p.collector_id, 'NULL'), p.note, a.bill_id, a.amount_fen,"
              " r.number, LENGTH(r.verify_code) FROM payments p"
              " JOIN allocations a ON a.payment_id = p.id"
              " JOIN receipts r ON r.payment_id = p.id"
              " WHERE p.estate_id = %s ORDER BY p.id" % estate)
    code = sql1("SELECT code FROM estates WHERE id = %s" % estate)
    year = sql1("SELECT YEAR(NOW())")
    want = [("孙丽", "17800", "wechat", "2024-12-10 12:00:00", "K1", "17800", 1),
            ("孙丽", "10000", "cash", "2025-01-12 12:00:00", "K2", "10000", 2),
            ("", "450000", "pos_counter", "2025-01-05 12:00:00", "K3", "450000", 3),
            ("某某商行", "100050", "pos_counter", "2025-02-05 12:00:00", "K3", "100050", 4)]
    check(len(got) == 4, "payments: %r", got)
    for row, (payer, amount, channel, at, bill, given, seq), key in zip(
            got, want, ("S1", "S2", "S3", "S4")):
        check(row[0:4] == [payer, amount, channel, at], "the payment: %r", row)
        check(row[4] == "NULL", "a historical payment names a collector: %r", row)
        check("导入" in row[5] and key in row[5], "the note: %r", row[5])
        check(row[6] == bill_of(estate, bill) and row[7] == given, "the allocation: %r", row)
        check(row[8] == "%s-%s-%06d" % (code, year, seq), "the receipt number: %r", row)
        check(int(row[9]) >= 20, "the verification code is short: %r", row)
    check(len(set(sql1("SELECT GROUP_CONCAT(verify_code) FROM receipts WHERE estate_id = %s"
                       % estate).split(","))) == 4, "verification codes repeat")
    # The bills: K1 paid, K2 partly (78.00 left), K3 partly (3,499.50 left).
    st = sql("SELECT status FROM bills WHERE id IN (%s, %s, %s) ORDER BY FIELD(id, %s, %s, %s)"
             % ((bill_of(estate, "K1"), bill_of(estate, "K2"), bill_of(estate, "K3")) * 2))
    check([s[0] for s in st] == ["paid", "partial", "partial"], "the bills: %r", st)
    h1 = premises_of_key(estate, "H1")
    page = m.get("/staff/households/%s" % h1)
    check(page.status == 200, "the household: %r", page)
    t = text_of(page.body)
    check(re.search(r"待缴合计\s*¥78\.00", t), "H1 still owes 78.00: %s", t[:800])
    page = m.get("/staff/households/%s" % premises_of_key(estate, "H2"))
    check(re.search(r"待缴合计\s*¥3,?499\.50", text_of(page.body)),
          "H2 still owes 3,499.50: %s", text_of(page.body)[:800])
    # One audit row for the file with what it comes to; no receipt
    # messages to the owner (paid long ago).
    check(sql1("SELECT amount_fen FROM audit_log WHERE action = 'import.file' AND"
               " estate_id = %s ORDER BY id DESC LIMIT 1" % estate) == "577850",
          "the audit row does not say what the payments come to")
    detail = sql1("SELECT detail FROM audit_log WHERE action = 'import.file' AND"
                  " estate_id = %s ORDER BY id DESC LIMIT 1" % estate)
    check("receipts %s-%s-000001 to 000004" % (code, year) in detail, "the audit row: %s",
          detail)
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.create' AND"
               " estate_id = %s" % estate) == "0", "an audit row per payment")
    check(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'receipt.issued' AND"
               " estate_id = %s" % estate) == "0", "receipt messages were queued")
    check(sql1("SELECT COUNT(*) FROM import_stage") == "0", "staged rows were left")
    # A second import changes nothing and says so.
    before = counts(estate)
    t = imported(m, estate, "payments", PAID.encode())
    check("4 行此前都已导入过，这次没有任何改动" in t, "again: %s", t[:300])
    check(counts(estate) == before, "a second import changed %r to %r", before,
          counts(estate))


@test
def a_receipt_of_an_imported_payment_opens_for_staff_and_by_its_code():
    m, estate = estate_with_bills()
    imported(m, estate, "payments", PAID.encode())
    rid, number, code = sql("SELECT r.id, r.number, r.verify_code FROM receipts r"
                            " JOIN payments p ON p.id = r.payment_id"
                            " WHERE r.estate_id = %s AND p.note LIKE '%%S2%%'" % estate)[0]
    page = m.get("/staff/receipts/%s" % rid)
    check(page.status == 200, "the staff receipt: %r", page)
    t = text_of(page.body)
    check(number in t and "100.00" in t and "壹佰元整" in t, "the receipt: %s", t[:800])
    page = Client().get("/r/%s" % code)
    check(page.status == 200 and number in text_of(page.body),
          "the public verification page: %r", page)
    pdf = m.get("/staff/receipts/%s.pdf" % rid)
    check(pdf.status == 200, "the receipt's PDF: %r", pdf)


@test
def a_payments_file_with_three_bad_rows_imports_nothing_and_lists_the_three():
    m, estate = estate_with_bills()
    lines = [PAYMENTS_HEADER,
             "T1,H1,K1,50.00,2024-12-10,现金,",
             "T2,H1,K9,50.00,2024-12-10,现金,",      # line 3: no bill K9
             "T3,H1,K2,50.00,2024-12-10,微信,",
             "T4,H1,K3,50.00,2024-12-10,微信,",      # line 5: K3 is H2's
             "T5,H2,K3,50.00,2024-12-10,支付宝,",
             "T6,H2,K3,50.00,2024-12-10,支票,"]      # line 7: no such way
    before = counts(estate)
    r = upload(m, estate, "payments", "import", "\r\n".join(lines).encode())
    check(r.status == 422, "a file with bad rows: %r", r)
    bad = re.findall(r'data-line="(\d+)"', r.body)
    check(bad == ["3", "5", "7"], "the bad rows listed: %r", bad)
    t = text_of(r.body)
    check("第 3 行：没有账单编号为 K9 的期初账单" in t, "line 3: %s", t[:900])
    check("第 5 行：账单 K3 是房屋 H2 的账单，不是房屋 H1 的" in t, "line 5: %s", t[:900])
    check("第 7 行：方式“支票”应为" in t, "line 7: %s", t[:900])
    check("有 3 行有误" in t and "整个文件都没有导入" in t, "the summary: %s", t[:300])
    check(counts(estate) == before, "a refused file wrote %r", counts(estate))
    check(sql1("SELECT COUNT(*) FROM import_batches WHERE estate_id = %s AND"
               " kind = 'payments'" % estate) == "0", "a refused file left its batch")
    # A date not yet come, one before 1990, a bad amount, the same key twice.
    lines = [PAYMENTS_HEADER,
             "U1,H1,K1,50.00,2099-01-01,现金,",
             "U2,H1,K1,50.00,1989-12-31,现金,",
             "U3,H1,K1,-5,2024-12-10,现金,",
             "U4,H1,K1,10,2024-12-10,现金,",
             "U4,H1,K1,10,2024-12-11,现金,"]
    r = upload(m, estate, "payments", "check", "\r\n".join(lines).encode("gbk"))
    check(r.status == 422, "bad dates: %r", r)
    t = text_of(r.body)
    check(re.findall(r'data-line="(\d+)"', r.body) == ["2", "3", "4", "6"]
          and "缴费日期“2099-01-01”晚于今天" in t and "缴费日期“1989-12-31”应为 1990 年以后" in t
          and "金额“-5”" in t and "缴费编号与第 5 行重复" in t, "the reasons: %s", t[:900])


@test
def a_bill_paid_beyond_its_amount_is_refused_with_the_figures():
    m, estate = estate_with_bills()
    imported(m, estate, "payments", PAID.encode())      # K2: 100.00 of 178.00 paid
    before = counts(estate)
    r = upload(m, estate, "payments", "import", (
        "%s\r\nV1,H1,K2,100.00,2025-03-01,现金,\r\n" % PAYMENTS_HEADER).encode())
    check(r.status == 422, "an over-payment: %r", r)
    t = text_of(r.body)
    check("缴费超过账单金额：账单 K2：账单金额 178.00 元，已缴（含减免）100.00 元，"
          "本文件合计 100.00 元，多出 22.00 元" in t, "the reason: %s", t[:900])
    # Two rows of one bill that together pay too much: both are named.
    r = upload(m, estate, "payments", "import", (
        "%s\r\nV2,H1,K2,50.00,2025-03-01,现金,\r\nV3,H1,K2,50.00,2025-03-02,现金,\r\n"
        % PAYMENTS_HEADER).encode())
    check(r.status == 422 and re.findall(r'data-line="(\d+)"', r.body) == ["2", "3"],
          "two rows over a bill: %r", re.findall(r'data-line="(\d+)"', r.body))
    check("多出 22.00 元" in text_of(r.body), "the excess: %s", text_of(r.body)[:900])
    check(counts(estate) == before, "a refused file wrote %r", counts(estate))
    # What is left, exactly, is accepted; the bill is then paid.
    t = imported(m, estate, "payments", (
        "%s\r\nV4,H1,K2,78,2025-03-01,银联,\r\n" % PAYMENTS_HEADER).encode())
    check("新增 1 行" in t, "the rest of K2: %s", t[:300])
    check(sql1("SELECT status FROM bills WHERE id = %s" % bill_of(estate, "K2")) == "paid",
          "K2 is not paid")
    # A key imported before with another row is a bad row.
    r = upload(m, estate, "payments", "check", (
        "%s\r\nS2,H1,K2,90,2025/1/12,现金,孙丽\r\n" % PAYMENTS_HEADER).encode())
    check(r.status == 422 and "缴费编号 S2 已导入过，但这一行与当时导入的不同"
          in text_of(r.body), "a changed row: %s", text_of(r.body)[:900])


@test
def a_gbk_payments_file_imports_as_the_utf8_one():
    m, estate = estate_with_bills()
    data = PAID.encode("gbk")
    check(data != PAID.encode(), "the GBK file is the UTF-8 one")
    t = imported(m, estate, "payments", data)
    check("新增 4 行" in t, "the GBK import says: %s", t[:300])
    check(sql1("SELECT encoding FROM import_batches WHERE estate_id = %s AND"
               " kind = 'payments'" % estate) == "gb18030", "the encoding")
    check(sql("SELECT payer_name FROM payments WHERE estate_id = %s ORDER BY id"
              % estate) == [["孙丽"], ["孙丽"], [""], ["某某商行"]], "the payers")


@test
def the_four_templates_import_in_order_as_they_are():
    m = staff("jingli")
    estate = new_estate()
    sql("INSERT INTO fee_items (estate_id, code, name, basis) VALUES (%s, 'WYF', '物业费',"
        " 'area'), (%s, 'ZJ', '租金', 'fixed')" % (estate, estate))
    # owners' phones are unique across estates: the template's are taken by
    # test_import's own template test, so skip the owners file here
    for kind, header in (("premises", PREMISES_HEADER), ("arrears", ARREARS_HEADER),
                         ("payments", PAYMENTS_HEADER)):
        r = m.get("/staff/import/template.csv?estate=%s&kind=%s" % (estate, kind))
        check(r.status == 200 and r.body.startswith("\ufeff" + header + "\r\n"),
              "template %s: %r", kind, r.body[:80])
        t = imported(m, estate, kind, r.body.encode())
        check("新增 3 行" in t, "the %s template imported: %s", kind, t[:300])
    page = m.get("/staff/import?estate=%s" % estate)
    t = text_of(page.body)
    check("4. 历史缴费" in t and "期初欠费文件" in t, "the page's help: %s", t[:1500])


@test
def a_counter_payment_after_an_import_takes_the_next_receipt_number_and_the_books_add_up():
    m, estate = estate_with_bills()
    imported(m, estate, "payments", PAID.encode())       # receipts 1 to 4
    h1 = premises_of_key(estate, "H1")
    page = m.get("/staff/households/%s/pay" % h1)
    check(page.status == 200, "the pay page: %r", page)
    tok = re.search(r'name="form_token" value="([0-9a-f]+)"', page.body)
    check(tok, "no form token on the pay page")
    payer = sql1("SELECT owner_id FROM premises_owners WHERE premises_id = %s" % h1)
    fields = [("csrf", page.csrf()), ("form_token", tok.group(1)), ("amount", "78.00"),
              ("channel", "cash"), ("payer", payer)]
    r = m.request("POST", "/staff/households/%s/pay" % h1,
                  body=urllib.parse.urlencode(fields).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 303 and "/staff/receipts/" in (r.header("Location") or ""),
          "the counter payment: %r", r)
    code = sql1("SELECT code FROM estates WHERE id = %s" % estate)
    check(sql1("SELECT MAX(number) FROM receipts WHERE estate_id = %s" % estate)
          == "%s-%s-%06d" % (code, sql1("SELECT YEAR(NOW())"), 5),
          "the counter payment's receipt is not number 5")
    check(sql1("SELECT status FROM bills WHERE id = %s" % bill_of(estate, "K2")) == "paid",
          "K2 is not paid by the 78.00 left")
    # The counter payment's e-receipt is queued as ever; the imported ones not.
    check(sql1("SELECT COUNT(*) FROM outbox WHERE topic = 'receipt.issued' AND"
               " estate_id = %s" % estate) == "1", "the e-receipts queued")
    p = subprocess.run([os.path.join(ROOT, "scripts", "check-ledger.sh"), DB_VAR, DB],
                       capture_output=True, text=True)
    check(p.returncode == 0 and p.stdout.count("ok - ledger") == 9,
          "the ledger check:\n%s", p.stdout)
