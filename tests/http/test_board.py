"""test_board.py - the arrears board, case files, settings and the KPI
board (issue 4). Every KPI the board shows, its tiers too, is recomputed
here in Python from the raw rows as they stood at the end of the range
(DOMAIN.md, KPIs; issue 7), independently of the program's SQL, after
partial payments, a voided receipt and a prepaid balance have been added."""

import datetime
import re
import urllib.parse

from lib import Client, check, owner, sql, sql1, staff, test
from test_money import household_with_open_bills, open_bills, pay, receipt_id, today

CST = datetime.timezone(datetime.timedelta(hours=8))


def board(c, query=""):
    r = c.get("/staff/arrears" + ("?" + query if query else ""))
    check(r.status == 200, "board %s: %r", query, r)
    return r


def tier_counts(body):
    return {k: int(v) for k, v in re.findall(
        r'data-tier="(\w+)">.*?<b class="tier-count">(\d+)</b>', body)}


def total(body):
    m = re.search(r'<b class="total">(\d+)</b>', body)
    check(m, "no total")
    return int(m.group(1))


def rows(body):
    return re.findall(r'<tr data-premises="(\d+)" data-tier="(\w+)">', body)


@test
def the_board_shows_the_demo_tiers_and_filters_by_tier():
    c = staff("zuzhang")
    r = board(c)
    check(tier_counts(r.body) == {"red": 19, "yellow": 43, "green": 86},
          "tiers %r", tier_counts(r.body))
    for tier, n in (("red", 19), ("yellow", 43), ("green", 86)):
        r = board(c, "tier=%s" % tier)
        check(total(r.body) == n, "%s lists %d", tier, total(r.body))
        check({t for _, t in rows(r.body)} == {tier}, "other tiers listed")


@test
def the_board_sorts_by_amount_or_months():
    c = staff("zuzhang")
    amounts = [float(a.replace(",", "")) for a in re.findall(
        r'data-label="欠费" class="amount">¥([0-9,.]+)<', board(c, "sort=amount").body)]
    check(amounts == sorted(amounts, reverse=True) and amounts, "not by amount")
    months = [int(m) for m in re.findall(r'class="months">(\d+) 个月',
                                         board(c, "sort=months").body)]
    check(months == sorted(months, reverse=True) and months, "not by months")


@test
def the_board_filters_by_building_occupancy_and_elders():
    c = staff("zuzhang")
    bid = sql1("SELECT id FROM buildings WHERE estate_id = 1 AND name = '5栋'")
    r = board(c, "building=%s" % bid)
    for pid, _ in rows(r.body):
        check(sql1("SELECT building_id FROM premises WHERE id = %s" % pid) == bid,
              "household %s not in 5栋", pid)
    r = board(c, "occupancy=shop")
    for pid, _ in rows(r.body):
        check(sql1("SELECT occupancy FROM premises WHERE id = %s" % pid) == "shop",
              "not a shop")
    r = board(c, "elder=1")
    year = datetime.datetime.now(CST).year
    for pid, _ in rows(r.body):
        check(int(sql1("SELECT MIN(o.birth_year) FROM premises_owners po JOIN owners o"
                       " ON o.id = po.owner_id WHERE po.premises_id = %s" % pid))
              <= year - 80, "household %s has no owner over 80", pid)
    elder_pid = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                     " ON o.id = po.owner_id WHERE o.phone = '13800000002'")
    check(elder_pid in [p for p, _ in rows(board(c, "elder=1&tier=red").body)],
          "the 86-year-old red household is missing")


@test
def a_team_lead_assigns_and_a_collector_sees_their_own_list_first():
    lead = staff("zuzhang")
    r = board(lead, "tier=red")
    picked = [p for p, _ in rows(r.body)][:3]
    shoufei2 = sql1("SELECT id FROM staff WHERE username = 'shoufei2'")
    body = urllib.parse.urlencode([("csrf", r.csrf()), ("estate", "1"), ("to", shoufei2)] +
                                  [("premises", p) for p in picked]).encode()
    res = lead.request("POST", "/staff/arrears/assign", body=body,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(res.status == 303, "%r", res)
    for p in picked:
        check(sql1("SELECT collector_id FROM assignments WHERE premises_id = %s" % p)
              == shoufei2, "household %s not assigned", p)
    coll = staff("shoufei2")
    # The demo gives each collector their buildings: the own list is those
    # and the three just given.
    mine = board(coll)
    theirs = set(p for (p,) in sql("SELECT premises_id FROM assignments"
                                   " WHERE collector_id = %s" % shoufei2))
    check(rows(mine.body) and all(p in theirs for p, _ in rows(mine.body)),
          "collector's own list %r", rows(mine.body))
    check(set(picked) <= set(p for p, _ in rows(board(coll, "tier=red").body)),
          "the households given are not in the own list")
    check("我的名单" in mine.body, "no own-list tab")
    everyone = board(coll, "all=1")
    check(total(everyone.body) == 148, "everyone's list has %d", total(everyone.body))
    # a collector may not assign
    res = coll.request("POST", "/staff/arrears/assign", body=body.replace(
        r.csrf().encode(), everyone.csrf().encode()),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(res.status == 403, "collector assigned: %r", res)
    # a household of another estate cannot be assigned
    other = sql1("SELECT id FROM premises WHERE estate_id = 2 LIMIT 1")
    body2 = urllib.parse.urlencode([("csrf", r.csrf()), ("estate", "1"), ("to", shoufei2),
                                    ("premises", other)]).encode()
    res = lead.request("POST", "/staff/arrears/assign", body=body2,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(res.status == 404, "other estate's household assigned: %r", res)
    # back to the filtered board it came from; never off the board
    for back, where in (("/staff/arrears?estate=1&tier=red&all=1",
                         "/staff/arrears?estate=1&tier=red&all=1"),
                        ("//evil.example/staff/arrears", "/staff/arrears?estate=1&all=1"),
                        ("/staff/receipts", "/staff/arrears?estate=1&all=1")):
        body3 = urllib.parse.urlencode([("csrf", r.csrf()), ("estate", "1"),
                                        ("to", shoufei2), ("premises", picked[0]),
                                        ("back", back)]).encode()
        res = lead.request("POST", "/staff/arrears/assign", body=body3,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        # with what was done, for the board to say
        check(res.status == 303 and res.header("Location") ==
              where + "&assigned=1&to=%s" % shoufei2,
              "back=%s went to %r", back, res.header("Location"))


@test
def the_board_exports_any_filtered_list_as_csv():
    c = staff("zuzhang")
    r = c.get("/staff/arrears.csv?estate=1&tier=yellow&all=1")
    check(r.status == 200 and r.header("Content-Type").startswith("text/csv"), "%r", r)
    lines = r.body.lstrip("\ufeff").strip().split("\r\n")
    check(lines[0].startswith("小区,房屋"), "header %r", lines[0])
    check(len(lines) == 44, "%d rows for 43 yellow households", len(lines) - 1)
    check(all(",黄色," in l for l in lines[1:]), "a non-yellow row")


@test
def red_households_without_a_case_file_are_flagged_until_one_is_opened():
    c = staff("zuzhang")
    r = board(c)
    nocase = int(re.search(r'class="red-nocase">(\d+)<', r.body).group(1))
    stale = int(re.search(r'class="red-stale">(\d+)<', r.body).group(1))
    # a door-to-door visit is a contact (earlier tests visit the demo's
    # 86-year-old owner today)
    red = [p for p, _ in rows(board(c, "tier=red").body)]
    visited = set(p for (p,) in sql(
        "SELECT DISTINCT premises_id FROM door_visits WHERE visited_on >="
        " CURDATE() - INTERVAL 30 DAY AND premises_id IN (%s)" % ",".join(red)))
    check(nocase == 19 and stale == 19 - len(visited), "flags %d / %d", nocase, stale)
    # a red household not visited (the demo owner's: other tests pay that)
    elder = sql1("SELECT po.premises_id FROM premises_owners po JOIN owners o"
                 " ON o.id = po.owner_id WHERE o.phone = '13800000002'")
    pid = [p for p in red if p != elder and p not in visited][0]
    page = c.get("/staff/households/%s/case" % pid)
    check(page.status == 200 and "还没有进行中的档案" in page.body, "%r", page)
    r2 = c.post("/staff/households/%s/case" % pid, {"csrf": page.csrf(),
                "form_token": page.token("/case"),
                "category": "service_complaint", "cause": "", "plan": "x"})
    check(r2.status == 400 and "请填写查明的原因" in r2.body, "%r", r2)
    r2 = c.post("/staff/households/%s/case" % pid, {
        "csrf": page.csrf(), "form_token": page.token("/case"),
        "category": "service_complaint",
        "cause": "2023年电梯故障未及时维修，业主拒交物业费",
        "plan": "调取维修记录，请工程主管现场说明整改方案，赠送3个月公共区域保洁"})
    check(r2.status == 303, "%r", r2)
    r = board(c)
    check(int(re.search(r'class="red-nocase">(\d+)<', r.body).group(1)) == 18,
          "still counted as without a case file")
    page = c.get("/staff/households/%s/case" % pid)
    cid = re.search(r'data-case="(\d+)"', page.body).group(1)
    r2 = c.post("/staff/cases/%s/contacts" % cid, {"csrf": page.csrf(), "kind": "visit",
                                                   "form_token": page.token("/contacts"),
                                                   "day": today(), "outcome": "业主同意面谈"})
    check(r2.status == 303, "%r", r2)
    r = board(c)
    check(int(re.search(r'class="red-stale">(\d+)<', r.body).group(1)) ==
          18 - len(visited), "a fresh contact still counted as stale")
    # a promise whose date passed unpaid is flagged broken; a future one waits
    r2 = c.post("/staff/cases/%s/promises" % cid, {"csrf": page.csrf(),
                                                   "form_token": page.token("/promises"),
                                                   "amount": "3000", "due": "2020-01-01"})
    check(r2.status == 400 and "不能早于今天" in r2.body, "a past promise accepted: %r", r2)
    r2 = c.post("/staff/cases/%s/promises" % cid, {"csrf": page.csrf(),
                                                   "form_token": page.token("/promises"),
                                                   "amount": "100", "due": today()})
    check(r2.status == 303, "%r", r2)
    sql("INSERT INTO case_promises (estate_id, case_id, premises_id, amount_fen, due_date,"
        " made_at, staff_id) VALUES (1, %s, %s, 900000, CURDATE() - INTERVAL 3 DAY,"
        " NOW() - INTERVAL 10 DAY, 3)" % (cid, pid))
    page = c.get("/staff/households/%s/case" % pid)
    check('data-promise="broken"' in page.body, "broken promise not flagged")
    check('data-promise="pending"' in page.body, "pending promise not shown")
    # the payments that followed
    coll = staff("shoufei1")
    # less than the oldest bill: the household stays red
    pr = pay(coll, pid, "100.00")
    check(pr.status == 303, "%r", pr)
    page = c.get("/staff/households/%s/case" % pid)
    check('data-promise="kept"' in page.body, "kept promise not shown as kept")
    number = sql1("SELECT number FROM receipts WHERE id = %d" % receipt_id(pr))
    check(number in page.body, "the payment that followed is not listed")
    r2 = c.post("/staff/cases/%s/close" % cid, {"csrf": page.csrf(),
                                                "result": "业主补缴部分欠费，承诺年底前缴清"})
    check(r2.status == 303, "%r", r2)
    page = c.get("/staff/households/%s/case" % pid)
    check("以往档案" in page.body and "业主补缴部分欠费" in page.body, "closed case not listed")
    r2 = c.post("/staff/cases/%s/contacts" % cid, {"csrf": page.csrf(), "kind": "call",
                                                   "form_token": "0" * 32,
                                                   "day": today(), "outcome": "x x"})
    check(r2.status == 409, "a closed case took a contact: %r", r2)


@test
def the_door_to_door_list_has_every_elder_in_arrears_by_building():
    c = staff("zuzhang")
    r = c.get("/staff/arrears/elders")
    check(r.status == 200, "%r", r)
    year = datetime.datetime.now(CST).year
    want = int(sql1(
        "SELECT COUNT(DISTINCT b.premises_id) FROM bills b JOIN premises_owners po"
        " ON po.premises_id = b.premises_id JOIN owners o ON o.id = po.owner_id"
        " WHERE b.estate_id = 1 AND b.status IN ('unpaid','partial')"
        " AND b.due_date < CURDATE() AND o.birth_year <= %d" % (year - 80)))
    got = int(re.search(r'class="elder-total">(\d+)<', r.body).group(1))
    check(got == want and got > 0, "lists %d of %d", got, want)
    buildings = re.findall(r"<h2>([^<]+)</h2>", r.body)
    check(len(buildings) == len(set(buildings)), "a building appears twice")


@test
def thresholds_are_per_estate_settings():
    m = staff("jingli")
    page = m.get("/staff/settings?estate=1")
    check(page.status == 200, "%r", page)
    base = {"csrf": page.csrf(), "estate": "1", "red_months": "12", "red_amount": "5000.00",
            "yellow_months": "6", "green_months": "1", "target_collection": "97.00",
            "target_recovery": "80.00", "target_satisfaction": "95"}
    bad = dict(base, green_months="7")
    r = m.post("/staff/settings", bad)
    check(r.status == 400 and "绿色的月数不能大于黄色" in r.body, "%r", r)
    r = m.post("/staff/settings", dict(base, red_amount="1e3"))
    check(r.status == 400, "bad amount accepted")
    r = m.post("/staff/settings", dict(base, red_months="24"))
    check(r.status == 303, "%r", r)
    try:
        counts = tier_counts(board(staff("zuzhang")).body)
        check(counts["red"] < 19 and counts["yellow"] > 43, "thresholds ignored: %r", counts)
    finally:
        r = m.post("/staff/settings", base)
        check(r.status == 303, "restore: %r", r)
    check(tier_counts(board(staff("zuzhang")).body) ==
          {"red": 19, "yellow": 43, "green": 86}, "not restored")
    # a page the role may not open does not exist for it (issue 12)
    check(staff("shoufei1").get("/staff/settings").status == 404, "collector edits settings")


# -- the KPI board, recomputed -----------------------------------------------

def raw(query):
    return sql(query)


def ts(s):
    return datetime.datetime.strptime(s[:19], "%Y-%m-%d %H:%M:%S")


def d(s):
    return datetime.date.fromisoformat(s[:10])


def months_between(a, b):
    """Whole months from date a to date b (DOMAIN.md: months overdue)."""
    n = (b.year - a.year) * 12 + (b.month - a.month)
    if n > 0 and b.day < a.day:
        n -= 1
    return n


def independent(estate, start, end, now=None):
    """Every KPI of the board for [start, end] as the books stood at its
    end (DOMAIN.md, KPIs), from raw rows in Python: only rows recorded
    before the midnight after `end` count, or, while the range runs on,
    those recorded by `now` (the second the board shows)."""
    if now is None:
        asof = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time())
        day = end
    else:
        asof = now + datetime.timedelta(seconds=1)      # times are kept to the second
        day = now.date()
    t0 = datetime.datetime.combine(start, datetime.time())
    occ = {pid: o for pid, o in raw("SELECT id, occupancy FROM premises WHERE estate_id = %d"
                                    % estate)}
    bills = [(bid, pid, int(amt), d(due), ts(made)) for bid, pid, amt, due, made in raw(
        "SELECT id, premises_id, amount_fen, due_date, created_at FROM bills"
        " WHERE estate_id = %d" % estate)]
    allocs = {}
    for bid, amt, at in raw("SELECT bill_id, amount_fen, created_at FROM allocations"
                            " WHERE estate_id = %d" % estate):
        allocs.setdefault(bid, []).append((int(amt), ts(at)))
    waivers = {bid: (int(a), ts(at)) for bid, a, at in
               raw("SELECT bill_id, amount_fen, created_at FROM waivers WHERE estate_id = %d"
                   % estate)}

    def got(bid, lo, hi):
        return sum(a for a, at in allocs.get(bid, []) if lo <= at < hi)

    def waived(bid, hi):
        w = waivers.get(bid)
        return w[0] if w and w[1] < hi else 0
    keys = ["all", "occupied", "vacant", "shop"]
    z = lambda: {k: 0 for k in keys}
    billed, paid, arrears, recovered = z(), z(), z(), z()
    hh = {}
    never = datetime.datetime.min
    for bid, pid, amt, due, made in bills:
        if made >= asof:
            continue            # made after the range's end: not on its board
        o = occ[pid]
        if start <= due <= min(end, day):
            # collection: the bills due in the range (by the day the board
            # stands at: a bill not yet due is not in the rate)
            ask = amt - waived(bid, asof)
            got_ = got(bid, never, asof)
            for k in ("all", o):
                billed[k] += ask
                paid[k] += got_
            h = hh.setdefault(pid, {"counted": False, "all_paid": True})
            w = waivers.get(bid)
            if not (w and w[1] < asof and w[0] >= amt):
                h["counted"] = True        # a due bill not wholly waived
            if got_ < ask:
                h["all_paid"] = False
        if due < start and made < t0:
            # recovery: past due and open at the start (so made by then)
            owed = amt - got(bid, never, t0) - waived(bid, t0)
            if owed > 0:
                back = max(0, min(owed, got(bid, t0, asof)))
                for k in ("all", o):
                    arrears[k] += owed
                    recovered[k] += back
    hh_n, hh_paid = z(), z()
    for pid, h in hh.items():
        if not h["counted"]:
            continue
        for k in ("all", occ[pid]):
            hh_n[k] += 1
            hh_paid[k] += h["all_paid"]
    voided_at = {rid: ts(at) for rid, at in raw(
        "SELECT reverses_id, created_at FROM payments WHERE estate_id = %d"
        " AND reverses_id IS NOT NULL" % estate)}
    n, amt_, on_n, on_amt = z(), z(), z(), z()
    for pid, prem, a, ch, at, made, rev in raw(
            "SELECT id, premises_id, amount_fen, channel, paid_at, created_at,"
            " COALESCE(reverses_id, '') FROM payments WHERE estate_id = %d" % estate):
        if rev or not (t0 <= ts(at) < asof) or ts(made) >= asof:
            continue
        if pid in voided_at and voided_at[pid] < asof:
            continue
        for k in ("all", occ[prem]):
            n[k] += 1
            amt_[k] += int(a)
            if ch in ("alipay", "wechat", "unionpay"):
                on_n[k] += 1
                on_amt[k] += int(a)
    # door-to-door visits are trips: a household, a collector, a day
    trips = {}
    for prem, coll, visited, over, made in raw(
            "SELECT premises_id, collector_id, visited_on, owner_over_80, created_at"
            " FROM door_visits WHERE estate_id = %d" % estate):
        if start <= d(visited) <= end and ts(made) < asof:
            key = (prem, coll, visited)
            trips[key] = trips.get(key, False) or over == "1"
    visits, v80 = z(), z()
    for (prem, _, _), over in trips.items():
        for k in ("all", occ[prem]):
            visits[k] += 1
            v80[k] += over

    def pct(a, b):
        if b <= 0:
            return "—"
        v = (a * 2000 + b) // (2 * b)
        return "%d.%d%%" % (v // 10, v % 10)

    def money(f):
        return "{:,}.{:02d}".format(f // 100, f % 100) if f >= 0 else "-" + money(-f)
    return {
        "collection_amount": [pct(paid[k], billed[k]) for k in keys],
        "collection_households": [pct(hh_paid[k], hh_n[k]) for k in keys],
        "recovery": [pct(recovered[k], arrears[k]) for k in keys],
        "online_count": [pct(on_n[k], n[k]) for k in keys],
        "online_amount": [pct(on_amt[k], amt_[k]) for k in keys],
        "collected": [money(amt_[k]) for k in keys],
        "visits": [str(visits[k]) for k in keys],
        "visits_80": [pct(v80[k], visits[k]) for k in keys],
        "_arrears": money(arrears["all"]),
        "_recovered": money(recovered["all"]),
        "_tiers": {t: (c, money(f)) for t, (c, f) in
                   tiers_at(estate, bills, allocs, waivers, day, asof).items()},
    }


def tiers_at(estate, bills, allocs, waivers, day, asof):
    """Red / yellow / green households and what they owed, as they stood
    on `day` (the range's last, or today if it runs on), from the bills,
    allocations and waivers recorded before asof."""
    red_m, red_fen, yellow_m, green_m = (int(x) for x in raw(
        "SELECT tier_red_months, tier_red_fen, tier_yellow_months, tier_green_months"
        " FROM estates WHERE id = %d" % estate)[0])
    owing = {}
    for bid, pid, amt, due, made in bills:
        if made >= asof or due >= day:
            continue
        w = waivers.get(bid)
        owed = amt - sum(a for a, at in allocs.get(bid, []) if at < asof) - \
            (w[0] if w and w[1] < asof else 0)
        if owed > 0:
            o = owing.setdefault(pid, [0, due])
            o[0] += owed
            o[1] = min(o[1], due)
    out = {"red": [0, 0], "yellow": [0, 0], "green": [0, 0]}
    for owed, oldest in owing.values():
        months = months_between(oldest, day)
        tier = "red" if months > red_m and owed > red_fen else \
            "yellow" if months >= yellow_m else "green" if months >= green_m else None
        if tier:
            out[tier][0] += 1
            out[tier][1] += owed
    return out


def shown_tiers(body):
    return {t: (int(n), o) for t, n, o in re.findall(
        r'<tr data-tier="(\w+)">.*?class="n">(\d+)<.*?class="amount">¥([-0-9,.]+)<', body)}


def shown(body):
    out = {}
    for key, v0, v1, v2, v3 in re.findall(
            r'<tr data-kpi="(\w+)">.*?class="v0">([^<]*)<.*?class="v1">([^<]*)<'
            r'.*?class="v2">([^<]*)<.*?class="v3">([^<]*)<', body):
        out[key] = [v0, v1, v2, v3]
    return out


def compare(c, start, end, estate=1):
    r = c.get("/staff/kpi?estate=%d&from=%s&to=%s" % (estate, start, end))
    check(r.status == 200, "%r", r)
    # the end of the range, or (while it runs on) the second the board
    # read the books
    m = re.search(r"数据截至 ([0-9-]+ [0-9:]+)", r.body)
    now = ts(m.group(1)) if m else None
    check(m or "数据截至 %s 日终" % end in r.body, "no as-of moment on the board")
    want = independent(estate, start, end, now)
    got = shown(r.body)
    for key in ("collection_amount", "collection_households", "recovery", "online_count",
                "online_amount", "collected", "visits", "visits_80"):
        check(got.get(key) == want[key], "%s %s..%s: board %r, recomputed %r", key,
              start, end, got.get(key), want[key])
    check("¥" + want["_arrears"] in r.body and "¥" + want["_recovered"] in r.body,
          "arrears %s / recovered %s not shown", want["_arrears"], want["_recovered"])
    check(shown_tiers(r.body) == want["_tiers"], "tiers %s..%s: board %r, recomputed %r",
          start, end, shown_tiers(r.body), want["_tiers"])
    return r


@test
def the_2025_board_tells_the_report_story():
    c = staff("zuzhang")
    r = compare(c, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    got = shown(r.body)

    def pct(s):
        return float(s.rstrip("%"))
    for key, col, want in (("collection_amount", 0, 95.4), ("collection_amount", 3, 93.1),
                           ("collection_amount", 2, 88.2), ("recovery", 0, 68.6),
                           ("online_count", 0, 78.0), ("visits_80", 0, 63.0)):
        check(abs(pct(got[key][col]) - want) <= 0.5, "%s[%d] is %s, report %s", key, col,
              got[key][col], want)
    check(got["visits"][0] == "412", "visits %s", got["visits"][0])
    collected = float(got["collected"][0].replace(",", ""))
    check(abs(collected - 12763000) / 12763000 <= 0.005, "collected %s", collected)
    arrears = float(re.search(r'arrears-start">¥([0-9,.]+)', r.body).group(1).replace(",", ""))
    recovered = float(re.search(r'recovered">¥([0-9,.]+)', r.body).group(1).replace(",", ""))
    check(abs(arrears - 850000) <= 4250 and abs(recovered - 583000) <= 2915,
          "arrears %s, recovered %s", arrears, recovered)
    # the fee-service loop (issue 12): 176 fee-linked problems solved, 92 %
    # of those owners paid after the fix, follow-ups averaging 91.6
    wh = re.search(r'class="wh-paid">(\d+)<.*?class="wh-fixed">(\d+)<', r.body, re.S)
    check(wh, "no withholding owners on the board")
    paid, fixed = int(wh.group(1)), int(wh.group(2))
    check(fixed == 176 and abs(paid * 1000 / fixed - 920) <= 5,
          "%d of %d fee-linked fixes paid after", paid, fixed)
    sat = re.search(r'<tr data-kpi="satisfaction">.*?class="v0">([^<]*)<', r.body, re.S)
    check(sat and abs(float(re.sub(r"[^0-9.]", "", sat.group(1))) - 91.6) <= 0.5,
          "satisfaction %r, report 91.6", sat and sat.group(1))


@test
def kpis_match_a_recount_after_partial_payments_a_void_and_a_prepaid_balance():
    coll = staff("shoufei1")
    lead = staff("zuzhang")
    # a part payment, an overpayment (prepaid) and a voided one, today
    pid = household_with_open_bills(2)
    owed = int(open_bills(pid)[0][1])
    check(pay(coll, pid, "%d.%02d" % ((owed // 2) // 100, (owed // 2) % 100)).status == 303,
          "part payment")
    pid2 = household_with_open_bills(1)
    total = sum(int(b[1]) for b in open_bills(pid2)) + 50000
    check(pay(coll, pid2, "%d.%02d" % (total // 100, total % 100)).status == 303, "overpayment")
    pid3 = household_with_open_bills(1)
    r = pay(coll, pid3, "88.00", channel="pos_door")
    rid = receipt_id(r)
    page = lead.get("/staff/receipts/%d" % rid)
    check(lead.post("/staff/receipts/%d/void" % rid, {"csrf": page.csrf(), "form_token": page.token(),
                                                       "reason": "重复收费"}).status == 303,
          "void")
    t = datetime.datetime.now(CST).date()
    compare(lead, datetime.date(t.year, 1, 1), t)
    compare(lead, t.replace(day=1), t)
    compare(lead, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


@test
def the_kpi_board_has_charts_tiers_channels_and_csv():
    c = staff("zuzhang")
    r = c.get("/staff/kpi?estate=1&from=2025-01-01&to=2025-12-31")
    # rate, collected, online share; and enquiries by month (issue 12)
    check(r.body.count('<svg class="chart"') == 4, "charts missing")
    check("<script" not in r.body, "a script on the page")
    # the tiers that stood at the end of 2025, not today's (their figures
    # are recounted in the_2025_board_tells_the_report_story)
    check(re.search(r'class="tier-asof">2025-12-31 日终<', r.body), "tiers not as at 2025")
    n = sum(int(x) for x in re.findall(r'<tr data-channel="\w+">.*?class="n">(\d+)<', r.body))
    check(n == int(sql1("SELECT COUNT(*) FROM payments WHERE estate_id = 1 AND"
                        " paid_at >= '2025-01-01' AND paid_at < '2026-01-01'"
                        " AND reverses_id IS NULL AND id NOT IN (SELECT reverses_id FROM"
                        " payments WHERE reverses_id IS NOT NULL)")), "channel counts")
    for table, first in (("summary", "指标"), ("channels", "缴费方式"), ("tiers", "预警等级"),
                         ("months", "月份")):
        csv = c.get("/staff/kpi.csv?estate=1&from=2025-01-01&to=2025-12-31&table=" + table)
        check(csv.status == 200 and csv.body.lstrip("\ufeff").startswith(first),
              "%s csv: %r", table, csv)
    months = c.get("/staff/kpi.csv?estate=1&from=2025-01-01&to=2025-12-31&table=months")
    check(len(months.body.strip().split("\r\n")) == 13, "12 months expected")
    check(c.get("/staff/kpi?estate=1&from=2025-05-01&to=2025-01-01").status == 400,
          "reversed range accepted")
    check(staff("shoufei1").get("/staff/kpi").status == 404, "collectors see the KPI board")


@test
def a_csv_table_that_is_none_says_so_not_that_the_date_is_wrong():
    """A breaker's trial: table=nope was answered 日期有误."""
    r = staff("zuzhang").get("/staff/kpi.csv?estate=1&from=2025-01-01&to=2025-12-31"
                             "&table=nope")
    check(r.status == 400 and "没有这张表格" in r.body and "日期有误" not in r.body,
          "an unknown table: %r", r)
