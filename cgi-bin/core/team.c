/*
 * team.c - team development (team.h): the plan's stages (pure), the
 * year's figures of an estate's team, and the append-only writes.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "ctx.h"
#include "db.h"
#include "team.h"

const struct team_stage team_stages[TEAM_STAGES] = {
	{ 1, 10, "第一阶段", "熟悉小区户型、业主信息和收费系统" },
	{ 11, 20, "第二阶段", "跟随师傅上门收费，学习沟通技巧" },
	{ 21, 30, "第三阶段", "独立完成 5 户收费并复盘" },
};

const char *const team_state_labels[TEAM_STATE__MAX] = {
	"已完成", "已完成（晚于期限）", "未开始", "进行中", "已逾期"
};

/* The estate's active collectors: every year shows them. */
SQL_DEF(SQL_TEAM_COLLECTORS,
    "SELECT st.id, st.name, st.role FROM staff st"
    " JOIN staff_estates se ON se.staff_id = st.id"
    " WHERE se.estate_id = ? AND st.role = 'collector' AND st.active = 1"
    " ORDER BY st.name, st.id");

SQL_DEF(SQL_TEAM_STAFF,
    "SELECT st.id, st.name, st.role FROM staff st"
    " JOIN staff_estates se ON se.staff_id = st.id"
    " WHERE se.estate_id = ? AND st.active = 1 AND st.all_estates = 0"
    " AND st.role <> 'admin'"
    " ORDER BY FIELD(st.role, 'collector', 'team_lead', 'manager',"
    " 'customer_service', 'engineering'), st.name, st.id");

/* Each member's sessions and hours of the year. Params: estate, from,
 * to (a year's bounds). */
SQL_DEF(SQL_TEAM_HOURS,
    "SELECT st.id, st.name, st.role, COUNT(*), SUM(ts.hours_x100)"
    " FROM training_sessions ts"
    " JOIN training_attendees ta ON ta.session_id = ts.id"
    " JOIN staff st ON st.id = ta.staff_id"
    " WHERE ts.estate_id = ? AND ts.held_on >= ? AND ts.held_on < ?"
    " GROUP BY st.id, st.name, st.role ORDER BY st.name, st.id");

/* The year's scores, in the order first to latest per member and
 * subject. Params: estate, from, to. */
SQL_DEF(SQL_TEAM_SCORES,
    "SELECT q.staff_id, st.name, st.role, q.subject, q.score,"
    " DATE_FORMAT(q.taken_on, '%Y-%m-%d')"
    " FROM quiz_scores q JOIN staff st ON st.id = q.staff_id"
    " WHERE q.estate_id = ? AND q.taken_on >= ? AND q.taken_on < ?"
    " ORDER BY st.name, q.staff_id, q.subject, q.taken_on, q.id");

/* Params: estate, pair x2 (0: all). */
SQL_DEF(SQL_TEAM_PAIRS,
    "SELECT mp.id, mp.newcomer_id, n.name, mp.mentor_id, m.name,"
    " DATE_FORMAT(mp.start_on, '%Y-%m-%d'), c.name,"
    " DATE_FORMAT(mp.created_at, '%Y-%m-%d %H:%i')"
    " FROM mentor_pairs mp JOIN staff n ON n.id = mp.newcomer_id"
    " JOIN staff m ON m.id = mp.mentor_id JOIN staff c ON c.id = mp.created_by"
    " WHERE mp.estate_id = ? AND (? = 0 OR mp.id = ?)"
    " ORDER BY mp.start_on DESC, mp.id DESC");

/* Params: estate, pair x2 (0: all). */
SQL_DEF(SQL_TEAM_TICKS,
    "SELECT t.pair_id, t.stage, DATE_FORMAT(t.done_on, '%Y-%m-%d'), t.note,"
    " s.name, DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i')"
    " FROM plan_ticks t JOIN staff s ON s.id = t.ticked_by"
    " WHERE t.estate_id = ? AND (? = 0 OR t.pair_id = ?)");

/* Params: who, estate, from, to. */
SQL_DEF(SQL_TEAM_SESSIONS,
    "SELECT ts.id, ts.topic, DATE_FORMAT(ts.held_on, '%Y-%m-%d'),"
    " ts.hours_x100, ts.note,"
    " COALESCE((SELECT GROUP_CONCAT(s.name ORDER BY s.name, s.id"
    "  SEPARATOR '、') FROM training_attendees a JOIN staff s"
    "  ON s.id = a.staff_id WHERE a.session_id = ts.id), ''),"
    " (SELECT COUNT(*) FROM training_attendees a2"
    "  WHERE a2.session_id = ts.id),"
    " EXISTS (SELECT 1 FROM training_attendees a3"
    "  WHERE a3.session_id = ts.id AND a3.staff_id = ?)"
    " FROM training_sessions ts"
    " WHERE ts.estate_id = ? AND ts.held_on >= ? AND ts.held_on < ?"
    " ORDER BY ts.held_on DESC, ts.id DESC");

SQL_DEF(SQL_TEAM_SESSION_INSERT,
    "INSERT INTO training_sessions (estate_id, topic, held_on, hours_x100,"
    " note, logged_by, created_at) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

SQL_DEF(SQL_TEAM_ATTENDEE_INSERT,
    "INSERT INTO training_attendees (session_id, staff_id, estate_id)"
    " VALUES (?, ?, ?)");

SQL_DEF(SQL_TEAM_SCORE_INSERT,
    "INSERT INTO quiz_scores (estate_id, staff_id, subject, score, taken_on,"
    " logged_by, created_at) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

SQL_DEF(SQL_TEAM_PAIR_INSERT,
    "INSERT INTO mentor_pairs (estate_id, newcomer_id, mentor_id, start_on,"
    " created_by, created_at) VALUES (?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

SQL_DEF(SQL_TEAM_TICK_INSERT,
    "INSERT INTO plan_ticks (estate_id, pair_id, stage, done_on, note,"
    " ticked_by, created_at) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, NOW(6)))");

struct date
team_stage_begins(struct date start, int stage)
{
	return cal_add_days(start, team_stages[stage].first_day - 1);
}

struct date
team_stage_due(struct date start, int stage)
{
	return cal_add_days(start, team_stages[stage].last_day - 1);
}

enum team_state
team_stage_state(struct date start, int stage, const struct date *done,
    struct date today)
{
	struct date	 due = team_stage_due(start, stage);

	if (done != NULL)
		return cal_cmp(*done, due) > 0 ? TEAM_DONE_LATE : TEAM_DONE;
	if (cal_cmp(today, due) > 0)
		return TEAM_OVERDUE;
	if (cal_cmp(today, team_stage_begins(start, stage)) < 0)
		return TEAM_NOT_YET;
	return TEAM_ON;
}

char *
team_hours_fmt(char *buf, int64_t x100)
{
	int64_t	 frac = x100 % 100;

	if (x100 < 0)
		x100 = 0, frac = 0;
	if (frac == 0)
		snprintf(buf, TEAM_FMT_MAX, "%lld", (long long)(x100 / 100));
	else if (frac % 10 == 0)
		snprintf(buf, TEAM_FMT_MAX, "%lld.%lld", (long long)(x100 / 100),
		    (long long)(frac / 10));
	else
		snprintf(buf, TEAM_FMT_MAX, "%lld.%02lld",
		    (long long)(x100 / 100), (long long)frac);
	return buf;
}

int
team_staff(struct ctx *ctx, int64_t estate, struct team_person **out,
    size_t *n)
{
	struct db_res		*res;
	struct team_person	*x;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((res = db_query(ctx, &SQL_TEAM_STAFF, "i", estate)) == NULL)
		return -1;
	for (;;) {
		*out = arena_grow(ctx->a, *out, *n, &cap, sizeof(**out), 8);
		x = &(*out)[*n];
		if ((rc = db_row(res, "iss", &x->id, &x->name, &x->role)) != 1)
			break;
		(*n)++;
	}
	return rc < 0 ? -1 : 0;
}

const struct team_person *
team_person_find(const struct team_person *p, size_t n, int64_t id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i].id == id)
			return &p[i];
	return NULL;
}

/* The transaction's time, or NULL outside one (then NOW(6)). */
static const char *
tx_now(struct ctx *ctx)
{
	return ctx->now[0] != '\0' ? ctx->now : NULL;
}

/* A year's bounds as dates: [from, to). */
static void
year_bounds(int y, char *from, char *to)
{
	cal_fmt(from, (struct date){ y, 1, 1 });
	cal_fmt(to, (struct date){ y + 1, 1, 1 });
}

static struct team_member *
member_of(struct ctx *ctx, struct team_member **m, size_t *n, size_t *cap,
    int64_t id, const char *name, const char *role)
{
	struct team_member	*x;
	size_t			 i;

	for (i = 0; i < *n; i++)
		if ((*m)[i].id == id)
			return &(*m)[i];
	*m = arena_grow(ctx->a, *m, *n, cap, sizeof(**m), 8);
	x = &(*m)[(*n)++];
	memset(x, 0, sizeof(*x));
	x->id = id;
	x->name = name;
	x->role = role;
	return x;
}

int
team_members(struct ctx *ctx, int64_t estate, int y,
    struct team_member **out, size_t *n)
{
	struct db_res		*res;
	struct team_member	*x;
	const char		*name, *role;
	char			 from[11], to[11];
	int64_t			 id, sessions, hours;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	year_bounds(y, from, to);
	if ((res = db_query(ctx, &SQL_TEAM_COLLECTORS, "i", estate)) == NULL)
		return -1;
	while ((rc = db_row(res, "iss", &id, &name, &role)) == 1)
		member_of(ctx, out, n, &cap, id, name, role);
	if (rc < 0)
		return -1;
	res = db_query(ctx, &SQL_TEAM_HOURS, "iss", estate, from, to);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "issii", &id, &name, &role, &sessions,
	    &hours)) == 1) {
		x = member_of(ctx, out, n, &cap, id, name, role);
		x->sessions = sessions;
		x->hours_x100 = hours;
	}
	return rc < 0 ? -1 : 0;
}

int
team_scores(struct ctx *ctx, int64_t estate, int y, struct team_score **out,
    size_t *n)
{
	struct db_res		*res;
	struct team_score	*x = NULL;
	const char		*name, *role, *subject, *on;
	char			 from[11], to[11];
	int64_t			 id, score;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	year_bounds(y, from, to);
	res = db_query(ctx, &SQL_TEAM_SCORES, "iss", estate, from, to);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "isssis", &id, &name, &role, &subject,
	    &score, &on)) == 1) {
		(void)role;
		if (x == NULL || x->staff_id != id ||
		    strcmp(x->subject, subject) != 0) {
			*out = arena_grow(ctx->a, *out, *n, &cap,
			    sizeof(**out), 8);
			x = &(*out)[(*n)++];
			memset(x, 0, sizeof(*x));
			x->staff_id = id;
			x->name = name;
			x->subject = subject;
			x->first = score;
			x->first_on = on;
		}
		x->n++;
		x->latest = score;
		x->latest_on = on;
	}
	return rc < 0 ? -1 : 0;
}

int
team_pairs(struct ctx *ctx, int64_t estate, int64_t pair,
    struct team_pair **out, size_t *n)
{
	struct db_res		*res;
	struct team_pair	*x;
	struct team_tick	*t;
	const char		*start, *on, *note, *by, *at;
	int64_t			 pid, stage;
	size_t			 cap = 0, i;
	int			 rc;

	*out = NULL;
	*n = 0;
	res = db_query(ctx, &SQL_TEAM_PAIRS, "iii", estate, pair, pair);
	if (res == NULL)
		return -1;
	for (;;) {
		*out = arena_grow(ctx->a, *out, *n, &cap, sizeof(**out), 4);
		x = &(*out)[*n];
		memset(x, 0, sizeof(*x));
		if ((rc = db_row(res, "iisissss", &x->id, &x->newcomer_id,
		    &x->newcomer, &x->mentor_id, &x->mentor, &start, &x->by,
		    &x->at)) != 1)
			break;
		x->start_on = start;
		if (cal_parse(start, &x->start) != 0)
			return -1;
		(*n)++;
	}
	if (rc < 0)
		return -1;
	res = db_query(ctx, &SQL_TEAM_TICKS, "iii", estate, pair, pair);
	if (res == NULL)
		return -1;
	while ((rc = db_row(res, "iissss", &pid, &stage, &on, &note, &by,
	    &at)) == 1) {
		if (stage < 1 || stage > TEAM_STAGES)
			continue;
		for (i = 0; i < *n; i++) {
			if ((*out)[i].id != pid)
				continue;
			t = &(*out)[i].ticks[stage - 1];
			t->set = 1;
			t->done_on = on;
			t->note = note;
			t->by = by;
			t->at = at;
			if (cal_parse(on, &t->done) != 0)
				return -1;
		}
	}
	return rc < 0 ? -1 : 0;
}

int
team_sessions(struct ctx *ctx, int64_t estate, int y, int64_t who,
    struct team_session **out, size_t *n)
{
	struct db_res		*res;
	struct team_session	*x;
	char			 from[11], to[11];
	int64_t			 attended;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	year_bounds(y, from, to);
	res = db_query(ctx, &SQL_TEAM_SESSIONS, "iiss", who, estate, from, to);
	if (res == NULL)
		return -1;
	for (;;) {
		*out = arena_grow(ctx->a, *out, *n, &cap, sizeof(**out), 8);
		x = &(*out)[*n];
		memset(x, 0, sizeof(*x));
		if ((rc = db_row(res, "ississii", &x->id, &x->topic, &x->held_on,
		    &x->hours_x100, &x->note, &x->attendees, &x->n,
		    &attended)) != 1)
			break;
		x->attended = attended != 0;
		(*n)++;
	}
	return rc < 0 ? -1 : 0;
}

int
team_completion(struct ctx *ctx, int64_t estate, int y, struct perf **out,
    size_t *n)
{
	struct date	 today = cal_today();
	int		 m, last = y < today.y ? 12 : today.m;

	*n = 0;
	*out = arena_zalloc(ctx->a, 12 * sizeof(**out));
	if (y > today.y)
		return 0;
	for (m = 1; m <= last; m++) {
		/* the month's rows as perf.c counts them for 绩效: the
		 * households assigned at the month's end */
		if (perf_month(ctx, estate, (struct date){ y, m, 1 },
		    &(*out)[*n]) != 1)
			return -1;
		(*n)++;
	}
	return 0;
}

int
team_session_add(struct ctx *ctx, const struct team_session_in *in,
    int64_t *id)
{
	char	 h[TEAM_FMT_MAX];
	size_t	 i;

	if (db_exec(ctx, &SQL_TEAM_SESSION_INSERT, "issisis", in->estate_id,
	    in->topic, in->held_on, in->hours_x100, in->note, ctx->actor.id,
	    tx_now(ctx)) < 0)
		return -1;
	*id = db_insert_id(ctx);
	for (i = 0; i < in->n; i++)
		if (db_exec(ctx, &SQL_TEAM_ATTENDEE_INSERT, "iii", *id,
		    in->staff[i], in->estate_id) < 0)
			return -1;
	return audit(ctx, in->estate_id, "team.session", "training_session",
	    *id, DB_NULL, arena_printf(ctx->a, "%s，%s，%s 课时，%zu 人参加",
	    in->topic, in->held_on, team_hours_fmt(h, in->hours_x100), in->n));
}

int
team_score_add(struct ctx *ctx, int64_t estate, int64_t staff,
    const char *name, const char *subject, int64_t score,
    const char *taken_on, int64_t *id)
{
	if (db_exec(ctx, &SQL_TEAM_SCORE_INSERT, "iisisis", estate, staff,
	    subject, score, taken_on, ctx->actor.id, tx_now(ctx)) < 0)
		return -1;
	*id = db_insert_id(ctx);
	return audit(ctx, estate, "team.score", "quiz_score", *id, DB_NULL,
	    arena_printf(ctx->a, "%s %s %lld 分（%s）", name, subject,
	    (long long)score, taken_on));
}

int
team_pair_add(struct ctx *ctx, int64_t estate, int64_t newcomer,
    const char *newcomer_name, int64_t mentor, const char *mentor_name,
    const char *start_on, int64_t *id)
{
	int64_t	 rc;

	rc = db_exec_unique(ctx, &SQL_TEAM_PAIR_INSERT, "iiisis", estate,
	    newcomer, mentor, start_on, ctx->actor.id, tx_now(ctx));
	if (rc == DB_DUPLICATE)
		return TEAM_TAKEN;
	if (rc < 0)
		return -1;
	*id = db_insert_id(ctx);
	return audit(ctx, estate, "team.pair", "mentor_pair", *id, DB_NULL,
	    arena_printf(ctx->a, "新人 %s，师傅 %s，%s 开始", newcomer_name,
	    mentor_name, start_on));
}

int
team_tick_add(struct ctx *ctx, int64_t estate, int64_t pair,
    const char *newcomer_name, int stage, const char *done_on,
    const char *note, int64_t *id)
{
	int64_t	 rc;

	if (stage < 1 || stage > TEAM_STAGES)
		return -1;
	rc = db_exec_unique(ctx, &SQL_TEAM_TICK_INSERT, "iiissis", estate,
	    pair, (int64_t)stage, done_on, note, ctx->actor.id, tx_now(ctx));
	if (rc == DB_DUPLICATE)
		return TEAM_TAKEN;
	if (rc < 0)
		return -1;
	*id = db_insert_id(ctx);
	return audit(ctx, estate, "team.tick", "mentor_pair", pair, DB_NULL,
	    arena_printf(ctx->a, "%s %s（第 %d-%d 天）完成于 %s", newcomer_name,
	    team_stages[stage - 1].name, team_stages[stage - 1].first_day,
	    team_stages[stage - 1].last_day, done_on));
}
