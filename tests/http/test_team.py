"""test_team.py - team development (团队建设, issue 13; DOMAIN.md "Team
development"): the team page's training hours, quiz scores (first and
latest per subject) and newcomers' plans recounted here from the raw rows
(training_sessions, training_attendees, quiz_scores, mentor_pairs,
plan_ticks) and compared with what the page and its CSV show; the 2025
figures are the report's (32 课时 each, law 78 -> 91); the completion rate
by month is 绩效's for the same month (perf.c, not counted twice);
recording a session, a score, a plan and a tick changes the figures, once
however often a form is sent, each with its audit row in Chinese; a form
with mistakes comes back with the message by its field, 400, nothing
recorded; the tables refuse UPDATE and DELETE; a collector sees only
their own records and another's record or plan is 404; the newcomer may
not tick their own plan (403)."""

import csv
import datetime
import io
import os
import re
import subprocess

from lib import check, sql, sql1, staff, test, text_of

CST = datetime.timezone(datetime.timedelta(hours=8))
# The plan's stages (DOMAIN.md): days 1-10, 11-20, 21-30.
STAGES = [(1, 10), (11, 20), (21, 30)]


def today():
    return datetime.datetime.now(CST).date()


def staff_id(login):
    return int(sql1("SELECT id FROM staff WHERE username = '%s'" % login))


def hours_text(x100):
    """Hours as people write them: 200 "2", 250 "2.5", 225 "2.25"."""
    whole, frac = divmod(int(x100), 100)
    if frac == 0:
        return str(whole)
    return ("%d.%02d" % (whole, frac)).rstrip("0")


def counts():
    return sql1("SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM training_sessions),"
                " (SELECT COUNT(*) FROM training_attendees),"
                " (SELECT COUNT(*) FROM quiz_scores), (SELECT COUNT(*) FROM mentor_pairs),"
                " (SELECT COUNT(*) FROM plan_ticks))")


def team(c, year, estate=1):
    page = c.get("/staff/team?estate=%d&year=%d" % (estate, year))
    check(page.status == 200, "team page %d: %r", year, page)
    return page


def shown_hours(page):
    """{staff id: (sessions, hours)} of the page's 培训课时 table."""
    rows = re.findall(r'<tr data-staff="(\d+)">.*?class="sessions">(\d+)<.*?'
                      r'class="hours">([0-9.]+)<', page.body, re.S)
    return {int(i): (int(n), h) for i, n, h in rows}


def shown_scores(page):
    """{(staff id, subject): (first, latest, count)}."""
    rows = re.findall(r'<tr data-staff="(\d+)" data-subject="([^"]+)">.*?class="first">(\d+)<'
                      r'.*?class="latest">(\d+)<.*?class="count">(\d+)<', page.body, re.S)
    return {(int(i), s): (int(f), int(l), int(n)) for i, s, f, l, n in rows}


def expected_hours(year):
    rows = sql("SELECT a.staff_id, COUNT(*), SUM(s.hours_x100) FROM training_sessions s"
               " JOIN training_attendees a ON a.session_id = s.id WHERE s.estate_id = 1"
               " AND YEAR(s.held_on) = %d GROUP BY a.staff_id" % year)
    return {int(i): (int(n), hours_text(h)) for i, n, h in rows}


def expected_scores(year):
    """First and latest by the day taken, then by id (as recorded)."""
    out = {}
    for sid, subj, score, _, _ in sql(
            "SELECT staff_id, subject, score, taken_on, id FROM quiz_scores"
            " WHERE estate_id = 1 AND YEAR(taken_on) = %d ORDER BY staff_id, subject,"
            " taken_on, id" % year):
        key = (int(sid), subj)
        f, _, n = out.get(key, (int(score), None, 0))
        out[key] = (f, int(score), n + 1)
    return out


def form(c, path):
    page = c.get(path)
    check(page.status == 200, "%s: %r", path, page)
    return page


def errors(r):
    return re.findall(r'<p class="err">([^<]+)</p>', r.body)


def post_session(c, topic, attendees, hours="1.5", day=None, token=None):
    page = form(c, "/staff/team/sessions/new?estate=1")
    fields = [("csrf", page.csrf()), ("form_token", token or page.token("/sessions")),
              ("estate", "1"), ("topic", topic), ("held_on", (day or today()).isoformat()),
              ("hours", hours)] + [("attendee", str(a)) for a in attendees]
    return c.post("/staff/team/sessions", fields)


def post_score(c, who, subject, score, day=None, token=None):
    page = form(c, "/staff/team/scores/new?estate=1")
    return c.post("/staff/team/scores", {
        "csrf": page.csrf(), "form_token": token or page.token("/scores"), "estate": "1",
        "staff": str(who), "subject": subject, "score": str(score),
        "taken_on": (day or today()).isoformat()})


@test
def the_team_page_recounts_hours_and_scores_from_the_rows():
    lead = staff("zuzhang")
    for year in (2025, today().year):
        page = team(lead, year)
        want = expected_hours(year)
        got = shown_hours(page)
        for sid, (n, h) in want.items():
            check(got.get(sid) == (n, h), "%d: staff %d shows %r, the rows say %r",
                  year, sid, got.get(sid), (n, h))
        # every active collector has a row, 0 when they attended nothing
        for sid in [int(x) for (x,) in sql(
                "SELECT s.id FROM staff s JOIN staff_estates e ON e.staff_id = s.id"
                " WHERE e.estate_id = 1 AND s.role = 'collector' AND s.active = 1")]:
            check(sid in got, "%d: collector %d has no row", year, sid)
            if sid not in want:
                check(got[sid] == (0, "0"), "%d: %d shows %r", year, sid, got[sid])
        check(shown_scores(page) == expected_scores(year), "%d scores: page %r, rows %r",
              year, shown_scores(page), expected_scores(year))


@test
def the_2025_figures_are_the_reports_32_hours_and_law_78_to_91():
    page = team(staff("zuzhang"), 2025)
    got = shown_hours(page)
    for login in ("shoufei1", "shoufei2"):
        check(got[staff_id(login)][1] == "32", "%s trained %r hours in 2025", login,
              got[staff_id(login)])
    m = re.search(r'data-subject="法律法规">法律法规 团队平均分：首次 <b class="first-mean">'
                  r'([0-9.]+)</b> → 最近 <b class="latest-mean">([0-9.]+)</b>', page.body)
    check(m and m.groups() == ("78.0", "91.0"), "law in 2025: %r", m and m.groups())


@test
def the_completion_rate_by_month_is_the_performance_pages():
    lead = staff("zuzhang")
    y = today().year
    page = team(lead, y)
    cells = {}
    for m, row in re.findall(r'<tr data-month="([0-9-]+)">(.*?)</tr>', page.body, re.S):
        for sid, v in re.findall(r'<td data-staff="(\d+)" class="rate">([^<]+)<', row):
            cells[(m, int(sid))] = v
    check(cells, "no completion table")
    months = sorted({m for m, _ in cells})
    check(len(months) == today().month, "months shown: %r", months)
    for ym in (months[:-1] or months)[-2:]:
        perf = lead.get("/staff/performance?estate=1&month=%s" % ym)
        check(perf.status == 200, "%r", perf)
        for sid, rate in re.findall(r'<tr data-staff="(\d+)">.*?class="completion">([^<]+)<',
                                    perf.body, re.S):
            if (ym, int(sid)) in cells:
                check(cells[(ym, int(sid))] == rate, "%s staff %s: team %s, 绩效 %s", ym, sid,
                      cells[(ym, int(sid))], rate)


@test
def a_session_recorded_adds_its_hours_to_each_attendee_once():
    lead = staff("zuzhang")
    s1, s2, s3 = staff_id("shoufei1"), staff_id("shoufei2"), staff_id("shoufei3")
    before = shown_hours(team(lead, today().year))
    page = form(lead, "/staff/team/sessions/new?estate=1")
    token = page.token("/sessions")
    n0 = counts()
    for _ in range(2):      # sent twice: one session
        r = post_session(lead, "test_team 收费系统异常处理", [s1, s3], "1.5", token=token)
        check(r.status == 303 and "/staff/team?estate=1" in r.header("Location"), "%r", r)
    check(int(counts().split("/")[0]) == int(n0.split("/")[0]) + 1, "two sessions: %s -> %s",
          n0, counts())
    after = shown_hours(team(lead, today().year))

    def plus(x, add):
        return hours_text(round(float(x) * 100) + add)
    for sid, moved in ((s1, True), (s3, True), (s2, False)):
        n, h = before.get(sid, (0, "0"))
        want = (n + 1, plus(h, 150)) if moved else (n, h)
        check(after[sid] == want, "staff %d: %r -> %r, want %r", sid, (n, h), after[sid], want)
    sid = sql1("SELECT MAX(id) FROM training_sessions WHERE topic = 'test_team 收费系统异常处理'")
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'team.session' AND entity ="
               " 'training_session' AND entity_id = %s" % sid) == "1", "no audit row")
    log = lead.get("/staff/audit?estate=1&action=team.session")
    row = re.search(r'<tr data-action="team.session">(.*?)</tr>', log.body, re.S)
    check(row and "登记培训" in row.group(1) and "培训记录" in row.group(1) and
          "test_team 收费系统异常处理" in row.group(1), "the audit page: %r",
          row and text_of(row.group(1)))


@test
def a_better_score_is_a_new_row_and_becomes_the_latest():
    lead = staff("zuzhang")
    s2 = staff_id("shoufei2")
    y = today().year
    before = shown_scores(team(lead, y)).get((s2, "法律法规"))
    n0 = sql1("SELECT COUNT(*) FROM quiz_scores")
    old = sql("SELECT id, score FROM quiz_scores ORDER BY id")
    r = post_score(lead, s2, "法律法规", 97)
    check(r.status == 303, "%r", r)
    check(int(sql1("SELECT COUNT(*) FROM quiz_scores")) == int(n0) + 1, "not one new row")
    check(sql("SELECT id, score FROM quiz_scores WHERE id <= %s ORDER BY id" % old[-1][0])
          == old, "an earlier score changed")
    after = shown_scores(team(lead, y))[(s2, "法律法规")]
    check(after[1] == 97, "latest %r", after)
    if before:
        check(after[0] == before[0] and after[2] == before[2] + 1, "%r -> %r", before, after)
    new = sql1("SELECT MAX(id) FROM quiz_scores")
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'team.score' AND entity ="
               " 'quiz_score' AND entity_id = %s AND detail LIKE '%%法律法规 97 分%%'" % new)
          == "1", "no audit row")


@test
def a_form_with_mistakes_comes_back_with_messages_and_records_nothing():
    lead = staff("zuzhang")
    n0 = counts()
    future = today() + datetime.timedelta(days=1)
    r = post_session(lead, "x", [], hours="30", day=future)
    check(r.status == 400, "session: %r", r)
    e = " ".join(errors(r))
    for words in ("培训主题", "培训日期不能晚于今天", "课时须在", "请勾选参加培训的人员"):
        check(words in e, "session: no %s in %r", words, e)
    check('value="x"' in r.body, "the topic typed is not kept")
    # someone of another estate
    r = post_session(lead, "test_team 他人", [staff_id("cuihu1")])
    check(r.status == 400 and "不是本小区的员工" in " ".join(errors(r)), "%r", errors(r))
    r = post_score(lead, staff_id("cuihu1"), "法", 101, day=future)
    check(r.status == 400, "score: %r", r)
    e = " ".join(errors(r))
    for words in ("请选择本小区的员工", "考核科目", "成绩须在 0 至 100", "考核日期不能晚于今天"):
        check(words in e, "score: no %s in %r", words, e)
    page = form(lead, "/staff/team/pairs/new?estate=1")
    s3 = staff_id("shoufei3")
    r = lead.post("/staff/team/pairs", {
        "csrf": page.csrf(), "form_token": page.token("/pairs"), "estate": "1",
        "newcomer": s3, "mentor": s3, "start_on": (today() - datetime.timedelta(days=90)
                                                   ).isoformat()})
    check(r.status == 400, "pair: %r", r)
    e = " ".join(errors(r))
    for words in ("已有带教计划", "不能是同一个人", "开始日期不能早于"):
        check(words in e, "pair: no %s in %r", words, e)
    # no CSRF token: refused, nothing recorded
    r = lead.post("/staff/team/scores", {"estate": "1", "staff": staff_id("shoufei1"),
                                         "subject": "法律法规", "score": "90",
                                         "taken_on": today().isoformat()})
    check(r.status == 403, "without CSRF: %r", r)
    check(counts() == n0, "recorded: %s -> %s", n0, counts())


def own_plan():
    """A plan of the test's own: shoufei2, new 25 days ago, mentored by
    shoufei1 (made once)."""
    s2 = staff_id("shoufei2")
    pid = sql1("SELECT id FROM mentor_pairs WHERE estate_id = 1 AND newcomer_id = %d" % s2)
    if pid:
        return int(pid)
    lead = staff("zuzhang")
    page = form(lead, "/staff/team/pairs/new?estate=1")
    r = lead.post("/staff/team/pairs", {
        "csrf": page.csrf(), "form_token": page.token("/pairs"), "estate": "1",
        "newcomer": s2, "mentor": staff_id("shoufei1"),
        "start_on": (today() - datetime.timedelta(days=24)).isoformat()})
    m = re.search(r"/staff/team/pairs/(\d+)\?ok=1$", r.header("Location") or "")
    check(r.status == 303 and m, "plan: %r", r)
    return int(m.group(1))


def stage_states(body):
    return re.findall(r'<li class="card stage state-([a-z-]+)" data-stage="(\d)">', body)


@test
def a_plan_shows_its_stages_and_the_overdue_ones_until_ticked():
    pid = own_plan()
    start = datetime.date.fromisoformat(sql1("SELECT start_on FROM mentor_pairs WHERE id = %d"
                                             % pid))
    ticked = {int(s): datetime.date.fromisoformat(d) for s, d in sql(
        "SELECT stage, done_on FROM plan_ticks WHERE pair_id = %d" % pid)}
    mentor = staff("shoufei1")
    page = form(mentor, "/staff/team/pairs/%d" % pid)
    want = []
    for i, (first, last) in enumerate(STAGES, 1):
        due = start + datetime.timedelta(days=last - 1)
        if i in ticked:
            want.append(("done-late" if ticked[i] > due else "done", str(i)))
        elif today() > due:
            want.append(("overdue", str(i)))
        elif today() < start + datetime.timedelta(days=first - 1):
            want.append(("not-yet", str(i)))
        else:
            want.append(("on", str(i)))
    check(stage_states(page.body) == want, "stages %r, want %r", stage_states(page.body), want)
    nxt = min(set(range(1, 4)) - set(ticked), default=None)
    if nxt is None:
        return
    overdue = sum(1 for s, _ in want if s == "overdue")
    check(("有 %d 个阶段已过期限" % overdue in page.body) == (overdue > 0), "the flag")
    # the mentor ticks the next stage, today: the form twice is one tick
    token = page.token("/ticks")
    for _ in range(2):
        r = mentor.post("/staff/team/pairs/%d/ticks" % pid, {
            "csrf": page.csrf(), "form_token": token, "stage": str(nxt),
            "done_on": today().isoformat(), "note": "test_team 复盘"})
        check(r.status == 303, "tick: %r", r)
    check(sql1("SELECT COUNT(*) FROM plan_ticks WHERE pair_id = %d AND stage = %d"
               % (pid, nxt)) == "1", "not one tick")
    after = form(mentor, "/staff/team/pairs/%d" % pid)
    states = dict((n, s) for s, n in stage_states(after.body))
    due = start + datetime.timedelta(days=STAGES[nxt - 1][1] - 1)
    check(states[str(nxt)] == ("done-late" if today() > due else "done"), "%r", states)
    li = after.body.split('data-stage="%d"' % nxt)[1].split("</li>")[0]
    check("王晓燕 于" in li and "test_team 复盘" in li, "who ticked it is not said: %r",
          text_of(li))
    check(sql1("SELECT COUNT(*) FROM audit_log WHERE action = 'team.tick' AND entity ="
               " 'mentor_pair' AND entity_id = %d" % pid) == str(len(ticked) + 1),
          "no audit row")
    # a stage ticked already: 409, nothing more
    r = mentor.post("/staff/team/pairs/%d/ticks" % pid, {
        "csrf": page.csrf(), "form_token": os.urandom(16).hex(), "stage": str(nxt),
        "done_on": today().isoformat()})
    check(r.status == 409, "again: %r", r)


@test
def a_stage_out_of_turn_or_misdated_is_refused_by_the_field():
    pid = own_plan()
    lead = staff("zuzhang")
    page = form(lead, "/staff/team/pairs/%d" % pid)
    if 'action="/staff/team/pairs/%d/ticks"' % pid not in page.body:
        return      # all ticked (a run again on the same stack)
    nxt = int(re.search(r'name="stage" value="(\d)"', page.body).group(1))
    n0 = counts()
    r = lead.post("/staff/team/pairs/%d/ticks" % pid, {
        "csrf": page.csrf(), "form_token": page.token("/ticks"), "stage": str(nxt),
        "done_on": (today() + datetime.timedelta(days=1)).isoformat()})
    check(r.status == 400 and "完成日期不能晚于今天" in " ".join(errors(r)), "%r", errors(r))
    if nxt < 3:
        r = lead.post("/staff/team/pairs/%d/ticks" % pid, {
            "csrf": page.csrf(), "form_token": page.token("/ticks"), "stage": str(nxt + 1),
            "done_on": today().isoformat()})
        check(r.status == 400 and "请先勾选" in r.body, "out of turn: %r", r)
    check(counts() == n0, "recorded: %s -> %s", n0, counts())


@test
def a_collector_sees_only_their_own_records_and_anothers_is_not_found():
    s1, s2, s3 = staff_id("shoufei1"), staff_id("shoufei2"), staff_id("shoufei3")
    demo = int(sql1("SELECT id FROM mentor_pairs WHERE newcomer_id = %d" % s3))
    c2 = staff("shoufei2")
    page = team(c2, today().year)
    check(set(shown_hours(page)) == {s2}, "shoufei2 sees %r", set(shown_hours(page)))
    check({k[0] for k in shown_scores(page)} <= {s2}, "another's score shown")
    check('data-pair="%d"' % demo not in page.body, "the demo plan shown to shoufei2")
    for path in ("/staff/team/pairs/%d" % demo, "/staff/team/members/%d" % s1,
                 "/staff/team/members/%d" % s3):
        check(c2.get(path).status == 404, "shoufei2 opens %s", path)
    check(c2.get("/staff/team/members/%d" % s2).status == 200, "their own record")
    csvr = c2.get("/staff/team.csv?estate=1&year=%d&table=hours" % today().year)
    rows = list(csv.reader(io.StringIO(csvr.body.lstrip("\ufeff"))))
    names = {r[1] for r in rows[1:]}
    check(names == {sql1("SELECT name FROM staff WHERE id = %d" % s2)}, "CSV: %r", names)
    # the newcomer reads the plan, the mentor ticks it, the newcomer may not
    c3 = staff("shoufei3")
    p = c3.get("/staff/team/pairs/%d" % demo)
    check(p.status == 200 and "/ticks" not in p.body, "the newcomer's view: %r", p)
    r = c3.post("/staff/team/pairs/%d/ticks" % demo, {"csrf": p.csrf(), "stage": "2",
                                                       "done_on": today().isoformat()})
    check(r.status == 403, "the newcomer ticks: %r", r)
    check('action="/staff/team/pairs/%d/ticks"' % demo in
          staff("shoufei1").get("/staff/team/pairs/%d" % demo).body, "the mentor has no form")
    # a collector has no forms to keep the team's records
    check(c2.get("/staff/team/sessions/new?estate=1").status == 404, "session form")


@test
def the_csv_has_the_pages_rows():
    lead = staff("zuzhang")
    page = team(lead, 2025)
    r = lead.get("/staff/team.csv?estate=1&year=2025&table=hours")
    check(r.status == 200 and "team-training-hours-2025.csv" in (
        r.header("Content-Disposition") or ""), "%r", r)
    rows = list(csv.reader(io.StringIO(r.body.lstrip("\ufeff"))))
    check(rows[0][:5] == ["年度", "姓名", "岗位", "参加培训（次）", "培训课时"], "%r", rows[0])
    names = dict(sql("SELECT id, name FROM staff"))
    want = {(names[str(i)], str(n), h) for i, (n, h) in shown_hours(page).items()}
    check({(x[1], x[3], x[4]) for x in rows[1:]} == want, "CSV %r, page %r", rows[1:], want)
    r = lead.get("/staff/team.csv?estate=1&year=2025&table=scores")
    rows = list(csv.reader(io.StringIO(r.body.lstrip("\ufeff"))))
    law = [x for x in rows[1:] if x[1] == "法律法规"]
    check(sorted((x[2], x[4]) for x in law) == [("76", "90"), ("80", "92")], "%r", law)
    for table in ("plans", "completion", "sessions"):
        r = lead.get("/staff/team.csv?estate=1&year=2025&table=%s" % table)
        check(r.status == 200 and r.body.count("\n") >= 2, "%s: %r", table, r)
    r = lead.get("/staff/team.csv?estate=1&year=2025&table=nothing")
    check(r.status == 400 and "请选择要下载的表格" in r.body, "%r", r)
    r = lead.get("/staff/team?estate=1&year=%d" % (today().year + 1))
    check(r.status == 400 and "这一年还没到" in r.body, "%r", r)


@test
def the_team_tables_are_append_only():
    for table in ("training_sessions", "training_attendees", "quiz_scores", "mentor_pairs",
                  "plan_ticks"):
        for stmt in ("UPDATE %s SET estate_id = estate_id LIMIT 1" % table,
                     "DELETE FROM %s LIMIT 1" % table):
            try:
                sql(stmt)
            except subprocess.CalledProcessError as e:
                check("never" in e.stderr, "%s: %s", stmt, e.stderr)
                continue
            check(False, "%s was allowed" % stmt)
