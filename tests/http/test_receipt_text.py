"""test_receipt_text.py - the receipt PDF's text (issue 7, kind 10): long
text from the data wraps within its box, whole and in order, and nothing
overprints; an owner's e-receipt is never marked 副本, only staff reprints
are, numbered by staff prints alone."""

import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from lib import check, owner, sql, sql1, staff, test
from test_money import (download, household_with_open_bills, pay, pdf_text,
                        receipt_id)

XHTML = "{http://www.w3.org/1999/xhtml}"

# The watermark of a void receipt: drawn across the page on purpose.
WATERMARK = ("作", "废", "作废")


def pdf_lines(raw):
    """The PDF's text lines as (text without spaces, x0, y0, x1, y1), in
    pdftotext's reading order."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(raw)
        f.flush()
        out = subprocess.run(["pdftotext", "-bbox-layout", f.name, "-"],
                             capture_output=True, text=True, check=True).stdout
    lines = []
    for ln in ET.fromstring(out).iter(XHTML + "line"):
        words = [w for w in ln.iter(XHTML + "word") if w.text not in WATERMARK]
        if not words:
            continue
        lines.append(("".join(w.text for w in words),
                      min(float(w.get("xMin")) for w in words),
                      min(float(w.get("yMin")) for w in words),
                      max(float(w.get("xMax")) for w in words),
                      max(float(w.get("yMax")) for w in words)))
    return lines


def overlaps(lines):
    """Pairs of text lines whose boxes overlap (by more than half a point
    each way): text drawn over other text."""
    bad = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if (min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and
                    min(a[4], b[4]) - max(a[2], b[2]) > 0.5):
                bad.append((a[0][:20], b[0][:20]))
    return bad


def lines_with(lines, text):
    """The fewest consecutive lines that together hold text (spaces
    ignored), or None."""
    best = None
    for i in range(len(lines)):
        got = ""
        for j in range(i, min(len(lines), i + 20)):
            got += lines[j][0]
            if text in got:
                if best is None or j + 1 - i < len(best):
                    best = lines[i:j + 1]
                break
    return best


# 50 different characters, so the order shows too.
NAME50 = "".join(chr(0x4E2D + 97 * i) for i in range(50))
# 200 different characters for the void reason (作 and 废 not among them:
# they are the watermark's).
REASON200 = "".join(chr(0x4E00 + 31 * i) for i in range(200))


@test
def a_fifty_character_payer_wraps_whole_above_the_table():
    check(len(NAME50) == 50, "name has %d characters", len(NAME50))
    c = staff("shoufei1")
    pid = household_with_open_bills(1)
    r = pay(c, pid, "20.00", payer="", extra={"payer_name": NAME50})
    check(r.status == 303, "the pay form refused a 50-character name: %r", r)
    rid = receipt_id(r)
    lines = pdf_lines(download(c, "/staff/receipts/%d.pdf" % rid))
    payer = lines_with(lines, "缴款人：" + NAME50)
    check(payer, "the whole name is not on the receipt, in order: %r",
          [ln[0] for ln in lines])
    check(len(payer) >= 2, "a 50-character name on one line: %r", payer)
    header = [ln for ln in lines if ln[0].startswith("收费项目")]
    check(header, "no table header")
    check(max(ln[4] for ln in payer) <= header[0][2] + 0.5,
          "the name (down to y=%.1f) runs into the table (y=%.1f)",
          max(ln[4] for ln in payer), header[0][2])
    check(not overlaps(lines), "text over text: %r", overlaps(lines))


@test
def a_two_hundred_character_void_reason_is_on_the_receipt_whole():
    check(len(REASON200) == 200, "reason has %d characters", len(REASON200))
    c = staff("shoufei1")
    pid = household_with_open_bills(1)
    rid = receipt_id(pay(c, pid, "20.00"))
    lead = staff("zuzhang")
    page = lead.get("/staff/receipts/%d" % rid)
    r = lead.post("/staff/receipts/%d/void" % rid, {"csrf": page.csrf(), "form_token": page.token(),
                                                     "reason": REASON200})
    check(r.status == 303, "the void form refused 200 characters: %r", r)
    raw = download(lead, "/staff/receipts/%d.pdf" % rid)
    flat = re.sub(r"\s", "", pdf_text(raw))
    got = max(n for n in range(201) if REASON200[:n] in flat)
    check(got == 200, "only the first %d of the reason's 200 characters", got)
    lines = pdf_lines(raw)
    check(not set(WATERMARK) & set(REASON200), "watermark in the reason")
    check(lines_with(lines, "作废：" + REASON200), "the reason's lines are not together")
    check(not overlaps(lines), "text over text: %r", overlaps(lines))


def is_copy(raw):
    m = re.search(r"副本（第\s*(\d+)\s*次打印）", pdf_text(raw))
    return int(m.group(1)) if m else None


@test
def only_staff_reprints_are_copies_numbered_by_staff_prints():
    pid = household_with_open_bills(1)
    phone = sql1("SELECT o.phone FROM premises_owners po JOIN owners o ON o.id ="
                 " po.owner_id WHERE po.premises_id = %s ORDER BY po.is_primary DESC,"
                 " o.id LIMIT 1" % pid)
    c = staff("shoufei1")
    rid = receipt_id(pay(c, pid, "20.00", payer=None))
    o = owner(phone)
    mine = "/receipts/%d.pdf" % rid
    paper = "/staff/receipts/%d.pdf" % rid
    check(is_copy(download(o, mine)) is None, "the owner's first download is a copy")
    check(is_copy(download(o, mine)) is None, "the owner's second download is a copy")
    check(is_copy(download(c, paper)) is None, "the first staff print is a copy")
    check(is_copy(download(o, mine)) is None, "an owner download after a print is a copy")
    n = is_copy(download(c, paper))
    check(n == 2, "the second staff print says %r, not 副本（第2次打印）", n)
    check(is_copy(download(o, mine)) is None, "an owner download after a reprint is a copy")
    n = is_copy(download(staff("zuzhang"), paper))
    check(n == 3, "the third staff print says %r", n)
    kinds = dict(sql("SELECT by_kind, COUNT(*) FROM receipt_prints WHERE receipt_id = %d"
                     " GROUP BY by_kind" % rid))
    check(kinds == {"owner": "4", "staff": "3"}, "prints recorded %r", kinds)
