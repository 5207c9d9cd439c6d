"""test_csv_upload.py - meter readings uploaded as real spreadsheets save
them (issue 7, kind 12): UTF-8 with or without a BOM, GBK from Chinese
Excel, rows of only commas, empty columns on the right and lines ending
in CR alone are all read the same; a file in neither encoding is refused on the meters page, by
the file field, and nothing is saved."""

import datetime
import random
import re

from lib import check, sql, sql1, staff, test, text_of

HEADER = "楼栋,单元,房号,项目,上期读数,本期读数"


def this_month():
    t = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    return "%04d-%02d" % (t.year, t.month)


USED = set()


def free_flats(n, period):
    """n flats of 3栋 in estate 1 with no water reading for period yet (and
    not taken by an earlier test here)."""
    rows = sql("SELECT p.id, bd.name, p.unit, p.room FROM premises p JOIN buildings bd"
               " ON bd.id = p.building_id WHERE p.estate_id = 1 AND bd.name = '3栋'"
               " AND p.occupancy <> 'shop' AND NOT EXISTS (SELECT 1 FROM meter_readings m"
               " JOIN fee_items fi ON fi.id = m.fee_item_id WHERE m.premises_id = p.id"
               " AND fi.code = 'SF' AND m.period_start = '%s-01') ORDER BY p.id" % period)
    out = [r for r in rows if r[0] not in USED][:n]
    check(len(out) == n, "not %d free flats in 3栋", n)
    USED.update(r[0] for r in out)
    return out


def upload(c, period, data):
    """Posts the meters upload form with data (bytes) as the file."""
    page = c.get("/staff/meters?estate=1&period=%s" % period)
    check(page.status == 200, "meters page: %r", page)
    boundary = b"----propfee-csv"
    body = b""
    for k, v in (("csrf", page.csrf()), ("form_token", page.token("/meters/upload")),
                 ("estate", "1"), ("period", period)):
        body += (b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                 % (boundary, k.encode(), v.encode()))
    body += (b"--%s\r\nContent-Disposition: form-data; name=\"file\";"
             b" filename=\"readings.csv\"\r\nContent-Type: text/csv\r\n\r\n" % boundary)
    body += data + b"\r\n--%s--\r\n" % boundary
    return c.request("POST", "/staff/meters/upload", body=body, headers={
        "Content-Type": "multipart/form-data; boundary=" + boundary.decode()})


def readings(flats, period):
    """The stored water readings of flats for period, as "prev-curr"."""
    return sql("SELECT m.premises_id, m.prev_x100, m.curr_x100, m.source FROM"
               " meter_readings m JOIN fee_items fi ON fi.id = m.fee_item_id WHERE"
               " fi.code = 'SF' AND m.period_start = '%s-01' AND m.premises_id IN (%s)"
               " ORDER BY m.premises_id" % (period, ",".join(f[0] for f in flats)))


def spreadsheet(flats, pad_rows=False, pad_cols=0):
    """The CSV text of three water readings as a spreadsheet saves it:
    with rows of only commas, or empty columns on the right, if asked."""
    pad = "," * pad_cols
    lines = [HEADER + pad]
    for i, (_, building, unit, room) in enumerate(flats):
        lines.append("%s,%s,%s,水费,%d.5,%d.25%s" % (building, unit, room, 100 + i,
                                                   110 + i, pad))
        if pad_rows:
            lines.append(",,,,,")
    if pad_rows:
        lines += [",,,,,,,,", ""]
    return "\r\n".join(lines) + "\r\n"


def accepted_once(name, encode, pad_rows=False, pad_cols=0):
    c = staff("shoufei1")
    period = this_month()
    flats = free_flats(3, period)
    data = encode(spreadsheet(flats, pad_rows, pad_cols))
    r = upload(c, period, data)
    check(r.status == 303, "%s: %r", name, text_of(r.body)[:600])
    check("saved=3" in (r.header("Location") or ""), "%s: %s", name, r.header("Location"))
    got = readings(flats, period)
    want = [[f[0], str(10050 + 100 * i), str(11025 + 100 * i), "csv"]
            for i, f in enumerate(flats)]
    check(got == want, "%s: stored %r, not %r", name, got, want)
    # the same file again is refused as a whole: saved once
    r = upload(c, period, data)
    check(r.status == 422 and "已有该项读数" in r.body, "%s again: %r", name, r)
    check(readings(flats, period) == want, "%s: saved twice", name)


@test
def a_utf8_meter_csv_is_saved_once():
    accepted_once("UTF-8", lambda s: s.encode("utf-8"))


@test
def a_utf8_meter_csv_with_a_bom_is_saved_once():
    accepted_once("UTF-8 with BOM", lambda s: s.encode("utf-8-sig"))


@test
def a_meter_csv_with_lines_ending_in_cr_alone_is_saved_once():
    # as old Mac spreadsheets save it
    accepted_once("CR line ends", lambda s: s.replace("\r\n", "\r").encode("utf-8"))


@test
def a_gbk_meter_csv_from_chinese_excel_is_saved_once():
    accepted_once("GBK", lambda s: s.encode("gbk"))


@test
def rows_of_only_commas_are_ignored():
    accepted_once("comma rows", lambda s: s.encode("utf-8"), pad_rows=True)


@test
def empty_columns_on_the_right_are_ignored():
    accepted_once("trailing columns", lambda s: s.encode("utf-8"), pad_cols=2)


@test
def a_gbk_file_padded_by_excel_every_way_is_saved_once():
    accepted_once("GBK, padded", lambda s: s.encode("gbk"), pad_rows=True,
                  pad_cols=2)


@test
def a_file_in_no_encoding_is_refused_by_the_file_field():
    data = random.Random(7).randbytes(600) + b"\x80\xff\x00"
    for codec in ("utf-8", "gb18030"):
        try:
            data.decode(codec)
            raise AssertionError("the bytes are valid %s" % codec)
        except UnicodeDecodeError:
            pass
    c = staff("shoufei1")
    period = this_month()
    before = sql1("SELECT COUNT(*) FROM meter_readings")
    r = upload(c, period, data)
    check(r.status == 400, "%r", r)
    m = re.search(r'<input id="file" name="file" type="file"[^>]*>\s*'
                  r'<p class="err">([^<]+)</p>', r.body)
    check(m and "编码" in m.group(1), "no message by the file field: %r",
          text_of(r.body)[:600])
    check('action="/staff/meters/upload"' in r.body, "the upload form is gone")
    check(sql1("SELECT COUNT(*) FROM meter_readings") == before, "something was saved")
