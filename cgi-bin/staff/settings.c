/*
 * settings.c - an estate's arrears thresholds and KPI targets, and the
 * service centre's phone and opening hours that every owner page shows.
 *
 *   GET  /staff/settings   the forms (templates/staff/settings.tpl) for
 *                          the manager; the same figures, read-only, for
 *                          the team lead, who is judged by them
 *   POST /staff/settings   saves one form (manager only, by the route
 *                          table): part=contact the phone and hours, else
 *                          the thresholds and targets; 303 back, or 400
 *                          with messages and nothing saved
 *
 * part=messages: the owners' messages (issue 11, sql/028): quiet hours
 * (a whole hour each end; the same hour at both means none), the
 * reminder schedule (days before the due date, every how many days after
 * it, at most how many a bill) and the owner's daily limit of bills and
 * reminders by one channel. A new user's trial found them stored with
 * no page to set them.
 *
 * part=pay: satisfaction tied to pay (issue 12, DOMAIN.md "Collector
 * performance", sql/037): the baseline score (基准满意度, default 85),
 * and the step: every how many points over it (default 5) performance
 * pay rises by how many percent (default 3.00, kept in basis points).
 * The monthly page that applies them is performance.c.
 *
 * part=custody: vacant-unit custody (issue 13, sql/045): how many months
 * in arrears suspend a household's custody tasks (default 3).
 *
 * part=latefee: late fees (滞纳金, issue 13, sql/043, core/latefee.h):
 * off by default; the daily rate as 万分之 N (one decimal at most, kept
 * in parts per 100,000: 万分之五 = 50), the grace days, the cap in % of
 * the principal (never above 100 %: kept in basis points), and whether a
 * payment pays the principal bills before the late-fee bills (default)
 * or every open bill oldest first. The worker (worker/latefee.c) bills
 * them; the page says that local rules differ, that many estates never
 * charge them, and that none is charged while a deferral lasts.
 *
 * Thresholds (defaults 12 months and 5,000 yuan / 6 / 1): red is more
 * than the red months and more than the red amount; yellow from the
 * yellow months; green from the green months. Targets default to 97 %
 * collection, 80 % historical-arrears recovery, satisfaction 95.
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "http.h"
#include "latefee.h"
#include "money.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

SQL_DEF(SQL_SETTINGS_GET,
    "SELECT tier_red_months, tier_red_fen, tier_yellow_months,"
    " tier_green_months, target_collection_bp, target_recovery_bp,"
    " target_satisfaction, phone, opening_hours, satisfaction_baseline,"
    " pay_step_points, pay_step_bp FROM estates WHERE id = ?");

SQL_DEF(SQL_SETTINGS_PAY_SET,
    "UPDATE estates SET satisfaction_baseline = ?, pay_step_points = ?,"
    " pay_step_bp = ? WHERE id = ?");

SQL_DEF(SQL_SETTINGS_MSG_GET,
    "SELECT HOUR(quiet_from), HOUR(quiet_to), remind_before_days,"
    " remind_every_days, remind_max, msg_owner_day_max"
    " FROM estates WHERE id = ?");

SQL_DEF(SQL_SETTINGS_MSG_SET,
    "UPDATE estates SET quiet_from = MAKETIME(?, 0, 0),"
    " quiet_to = MAKETIME(?, 0, 0), remind_before_days = ?,"
    " remind_every_days = ?, remind_max = ?, msg_owner_day_max = ?"
    " WHERE id = ?");

SQL_DEF(SQL_SETTINGS_CONTACT_SET,
    "UPDATE estates SET phone = ?, opening_hours = ? WHERE id = ?");

SQL_DEF(SQL_SETTINGS_SET,
    "UPDATE estates SET tier_red_months = ?, tier_red_fen = ?,"
    " tier_yellow_months = ?, tier_green_months = ?,"
    " target_collection_bp = ?, target_recovery_bp = ?,"
    " target_satisfaction = ? WHERE id = ?");

enum { F_ESTATE, F_RED_MONTHS, F_RED_AMOUNT, F_YELLOW_MONTHS,
    F_GREEN_MONTHS, F_T_COLLECTION, F_T_RECOVERY, F_T_SATISFACTION, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "red_months", "红色：逾期超过（月）", V_INT, V_REQUIRED, 1, 120, NULL },
	{ "red_amount", "红色：欠费超过（元）", V_MONEY, V_REQUIRED, 0,
	    100000000, NULL },
	{ "yellow_months", "黄色：逾期达到（月）", V_INT, V_REQUIRED, 1, 120, NULL },
	{ "green_months", "绿色：逾期达到（月）", V_INT, V_REQUIRED, 1, 120, NULL },
	{ "target_collection", "收费率目标（%）", V_DECIMAL2, V_REQUIRED, 0,
	    10000, NULL },
	{ "target_recovery", "历史欠费化解率目标（%）", V_DECIMAL2, V_REQUIRED,
	    0, 10000, NULL },
	{ "target_satisfaction", "满意度目标（分）", V_INT, V_REQUIRED, 0, 100,
	    NULL },
};

/* The service centre's contact, shown on every owner page (issue 8). */
enum { C_PHONE, C_HOURS, C__MAX };

static const struct field contact_fields[C__MAX] = {
	{ "phone", "服务中心电话", V_TEXT, V_REQUIRED, 1, 32, NULL },
	{ "opening_hours", "服务时间", V_TEXT, V_REQUIRED, 1, 100, NULL },
};

/* The owners' messages: whole hours, China time. */
static const char *const hours[] = {
	"00:00", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00",
	"08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00",
	"16:00", "17:00", "18:00", "19:00", "20:00", "21:00", "22:00", "23:00",
	NULL
};

enum { M_QUIET_FROM, M_QUIET_TO, M_BEFORE, M_EVERY, M_MAX, M_DAY_MAX,
    M__MAX };

static const struct field msg_fields[M__MAX] = {
	{ "quiet_from", "免打扰开始", V_CHOICE, V_REQUIRED, 0, 0, hours },
	{ "quiet_to", "免打扰结束", V_CHOICE, V_REQUIRED, 0, 0, hours },
	{ "remind_before_days", "到期前几天提醒", V_INT, V_REQUIRED, 0, 30,
	    NULL },
	{ "remind_every_days", "逾期后每隔几天提醒", V_INT, V_REQUIRED, 0, 60,
	    NULL },
	{ "remind_max", "每笔账单最多提醒几次", V_INT, V_REQUIRED, 1, 20, NULL },
	{ "msg_owner_day_max", "每位业主每天最多收几条（每种方式）", V_INT,
	    V_REQUIRED, 1, 100, NULL },
};

/* Satisfaction tied to pay: a score of 0-100; a step of 1-100 points;
 * a step's raise 0.00-100.00 % (x100: basis points). */
enum { P_BASELINE, P_STEP_POINTS, P_STEP_PCT, P__MAX };

static const struct field pay_fields[P__MAX] = {
	{ "satisfaction_baseline", "基准满意度（分）", V_INT, V_REQUIRED, 0,
	    100, NULL },
	{ "pay_step_points", "每高出几分算一档", V_INT, V_REQUIRED, 1, 100,
	    NULL },
	{ "pay_step_pct", "每档绩效工资上调（%）", V_DECIMAL2, V_REQUIRED, 0,
	    10000, NULL },
};

/* 空置房托管 (issue 13, sql/045): an agreement's tasks are suspended
 * once the household's arrears reach this many months (1-24). */
SQL_DEF(SQL_SETTINGS_CUSTODY_GET,
    "SELECT custody_suspend_months FROM estates WHERE id = ?");
SQL_DEF(SQL_SETTINGS_CUSTODY_SET,
    "UPDATE estates SET custody_suspend_months = ? WHERE id = ?");
static const struct field custody_fields[] = {
	{ "custody_suspend_months", "欠费满几个月暂停托管服务", V_INT,
	    V_REQUIRED, 1, 24, NULL },
};

/* 滞纳金 (issue 13, sql/043): see the head of the file. */
SQL_DEF(SQL_SETTINGS_LATEFEE_GET,
    "SELECT late_fee_on, late_fee_rate, late_fee_grace_days,"
    " late_fee_cap_bp, late_fee_principal_first FROM estates WHERE id = ?");
SQL_DEF(SQL_SETTINGS_LATEFEE_SET,
    "UPDATE estates SET late_fee_on = ?, late_fee_rate = ?,"
    " late_fee_grace_days = ?, late_fee_cap_bp = ?,"
    " late_fee_principal_first = ? WHERE id = ?");
static const char *const latefee_onoff[] = { "off", "on", NULL };
static const char *const latefee_orders[] = { "principal", "oldest", NULL };
enum { L_ON, L_RATE, L_GRACE, L_CAP, L_ORDER, L__MAX };
static const struct field latefee_fields[L__MAX] = {
	{ "late_fee_on", "是否收取滞纳金", V_CHOICE, V_REQUIRED, 0, 0,
	    latefee_onoff },
	{ "late_fee_rate", "每日费率（万分之几）", V_DECIMAL2, V_REQUIRED, 0,
	    10000, NULL },
	{ "late_fee_grace_days", "宽限天数", V_INT, V_REQUIRED, 0, 365, NULL },
	{ "late_fee_cap", "上限（占本金的 %）", V_DECIMAL2, V_REQUIRED, 0,
	    1000000, NULL },
	{ "late_fee_order", "缴费时先缴", V_CHOICE, V_REQUIRED, 0, 0,
	    latefee_orders },
};

/* Which form a POST saves. */
static const char *const parts[] = { "tiers", "contact", "messages", "pay",
	"custody", "latefee", NULL };
static const struct field part_field =
	{ "part", "表单", V_CHOICE, 0, 0, 0, parts };

/*
 * A phone number owners can dial: digits with the separators people
 * write (spaces, -, parentheses, a leading +), 7 to 15 digits: 0571-
 * 88886666, 400-800-1234, (0571) 8888 6666. NULL, or why not.
 */
static const char *
phone_problem(const char *s)
{
	int	 digits = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr(" -()", *s) == NULL && !(*s == '+' &&
		    digits == 0))
			return "电话只能填写数字、空格、横线和括号，"
			    "例如 0571-88886666";
	}
	if (digits < 7 || digits > 15)
		return "电话应为 7 至 15 位数字，例如 0571-88886666";
	return NULL;
}

/* The owners' messages' settings of estate into d, as stored: each hour
 * choice marked (or the hours a refused form picked: pick[0], pick[1],
 * -1 for the stored one), the words of the read-only view. 0 or -1. */
static int
msg_settings(struct req *r, struct tmpl *d, int64_t estate,
    const int64_t pick[2])
{
	struct tmpl	*row;
	int64_t		 from, to, before, every, max, day;
	int		 h, side;

	if (db_one(r->ctx, &SQL_SETTINGS_MSG_GET, "i", "iiiiii", estate, &from,
	    &to, &before, &every, &max, &day) != 1)
		return -1;
	for (side = 0; side < 2; side++)
		for (h = 0; hours[h] != NULL; h++) {
			row = tmpl_row(d, side == 0 ? "QUIET_FROM_OPT" :
			    "QUIET_TO_OPT");
			tmpl_set(row, "HOUR", hours[h]);
			if (h == (pick[side] >= 0 ? pick[side] :
			    side == 0 ? from : to))
				tmpl_show(row, "HOUR_SELECTED");
		}
	tmpl_set(d, "QUIET_WORDS", from == to ? "不设免打扰" :
	    arena_printf(r->a, "%s 至次日 %s", hours[from], hours[to]));
	if (from < to)
		tmpl_set(d, "QUIET_WORDS", arena_printf(r->a, "%s 至 %s",
		    hours[from], hours[to]));
	tmpl_set_int(d, "REMIND_BEFORE_DAYS_VAL", before);
	tmpl_set_int(d, "REMIND_EVERY_DAYS_VAL", every);
	tmpl_set_int(d, "REMIND_MAX_VAL", max);
	tmpl_set_int(d, "MSG_OWNER_DAY_MAX_VAL", day);
	return 0;
}

/*
 * The settings page of an estate: the stored values, then over them the
 * values of the form that came back with messages (f, n, v; v NULL on
 * GET).
 */
/*
 * The late-fee settings as stored, for both views of the page; the two
 * choices a refused form picked (pick[0] on, pick[1] oldest first: -1
 * when none) stay picked (a browser test found 收取 back at 不收取, and
 * the corrected form then saved late fees off).
 */
static int
latefee_settings(struct req *r, struct tmpl *d, int64_t estate,
    const int64_t pick[2])
{
	int64_t	 on, rate, grace, cap, pfirst;
	char	 amt[MONEY_FMT_MAX];

	if (db_one(r->ctx, &SQL_SETTINGS_LATEFEE_GET, "i", "iiiii", estate, &on,
	    &rate, &grace, &cap, &pfirst) != 1)
		return -1;
	if (pick[0] >= 0)
		on = pick[0];
	if (pick[1] >= 0)
		pfirst = pick[1] == 0;
	tmpl_show(d, on ? "LATE_FEE_IS_ON" : "LATE_FEE_IS_OFF");
	tmpl_show(d, pfirst ? "LATE_FEE_PRINCIPAL_FIRST" :
	    "LATE_FEE_OLDEST_FIRST");
	/* parts per 100,000 are tenths of 万分之一 */
	tmpl_set(d, "LATE_FEE_RATE_VAL", rate % 10 == 0 ?
	    arena_printf(r->a, "%lld", (long long)(rate / 10)) :
	    arena_printf(r->a, "%lld.%lld", (long long)(rate / 10),
	    (long long)(rate % 10)));
	tmpl_set_int(d, "LATE_FEE_GRACE_DAYS_VAL", grace);
	tmpl_set(d, "LATE_FEE_CAP_VAL", money_fmt_plain(amt, cap));
	return 0;
}

static void
show(struct req *r, int64_t wanted, const struct field *f, size_t n,
    struct fval *v, int status)
{
	struct tmpl	*d;
	struct estate	 e;
	const char	*phone, *hours_open;
	int64_t		 rm, rf, ym, gm, tc, tr, ts, base, points, bp, custody;
	int64_t		 pick[2] = { -1, -1 }, lpick[2] = { -1, -1 };
	char		 amt[MONEY_FMT_MAX];
	int		 rc;

	d = page_new(r, "staff/settings.tpl", "预警与目标设置");
	if ((rc = scope_estate(r, wanted, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ESTATE_ID", e.id);
	if (db_one(r->ctx, &SQL_SETTINGS_GET, "i", "iiiiiiissiii", e.id, &rm,
	    &rf, &ym, &gm, &tc, &tr, &ts, &phone, &hours_open, &base, &points,
	    &bp) != 1)
		return;
	tmpl_set_int(d, "RED_MONTHS_VAL", rm);
	tmpl_set(d, "RED_AMOUNT_VAL", money_fmt_plain(amt, rf));
	tmpl_set_int(d, "YELLOW_MONTHS_VAL", ym);
	tmpl_set_int(d, "GREEN_MONTHS_VAL", gm);
	/* Basis points print like fen: 9700 is 97.00. */
	tmpl_set(d, "TARGET_COLLECTION_VAL", money_fmt_plain(amt, tc));
	tmpl_set(d, "TARGET_RECOVERY_VAL", money_fmt_plain(amt, tr));
	tmpl_set_int(d, "TARGET_SATISFACTION_VAL", ts);
	tmpl_set(d, "PHONE_VAL", phone);
	tmpl_set(d, "OPENING_HOURS_VAL", hours_open);
	tmpl_set_int(d, "SATISFACTION_BASELINE_VAL", base);
	tmpl_set_int(d, "PAY_STEP_POINTS_VAL", points);
	tmpl_set(d, "PAY_STEP_PCT_VAL", money_fmt_plain(amt, bp));
	/* A refused messages form keeps the quiet hours it picked (a
	 * browser test found them back at the stored ones). */
	if (f == msg_fields && v != NULL) {
		pick[0] = v[M_QUIET_FROM].set && !v[M_QUIET_FROM].err ?
		    v[M_QUIET_FROM].i : -1;
		pick[1] = v[M_QUIET_TO].set && !v[M_QUIET_TO].err ?
		    v[M_QUIET_TO].i : -1;
	}
	if (msg_settings(r, d, e.id, pick) < 0)
		return;
	if (db_one(r->ctx, &SQL_SETTINGS_CUSTODY_GET, "i", "i", e.id,
	    &custody) != 1)
		return;
	tmpl_set_int(d, "CUSTODY_SUSPEND_MONTHS_VAL", custody);
	if (f == latefee_fields && v != NULL) {
		lpick[0] = v[L_ON].set && !v[L_ON].err ? v[L_ON].i : -1;
		lpick[1] = v[L_ORDER].set && !v[L_ORDER].err ? v[L_ORDER].i : -1;
	}
	if (latefee_settings(r, d, e.id, lpick) < 0)
		return;
	if (v != NULL)
		valid_to_tmpl(d, f, n, v);
	if (http_query(r, "ok") != NULL)
		tmpl_show(d, "SAVED");
	tmpl_show(d, http_may(r, METHOD_POST, "/settings") ? "CAN_EDIT" :
	    "READ_ONLY");
	page_render(r, status);
}

void
page_settings(struct req *r)
{
	struct fval	 e;

	valid_one(r, &fields[F_ESTATE], http_query(r, "estate"), &e);
	show(r, e.set && !e.err ? e.i : 0, NULL, 0, NULL, 200);
}

/* POST part=contact: the service centre's phone and opening hours. */
static void
contact_post(struct req *r, const struct estate *e)
{
	struct audit_row	 row;
	struct fval	 v[C__MAX];
	int		 errs;

	errs = valid_fields(r, contact_fields, C__MAX, v);
	if (!v[C_PHONE].err &&
	    (v[C_PHONE].err = phone_problem(v[C_PHONE].s)) != NULL)
		errs++;
	if (errs) {
		show(r, e->id, contact_fields, C__MAX, v, 400);
		return;
	}
	row = (struct audit_row){ e->id, "settings.set", "estate", e->id,
	    DB_NULL, arena_printf(r->a, "service centre phone %s; hours %s",
	    v[C_PHONE].s, v[C_HOURS].s) };
	if (audit_exec(r->ctx, &row, &SQL_SETTINGS_CONTACT_SET, "ssi",
	    v[C_PHONE].s, v[C_HOURS].s, e->id) < 0)
		return;
	http_redirect(r, arena_printf(r->a, "/staff/settings?estate=%lld&ok=1",
	    (long long)e->id));
}

/* POST part=pay: the satisfaction baseline and the pay step. */
static void
pay_post(struct req *r, const struct estate *e)
{
	struct audit_row	 row;
	struct fval		 v[P__MAX];

	if (valid_fields(r, pay_fields, P__MAX, v) > 0) {
		show(r, e->id, pay_fields, P__MAX, v, 400);
		return;
	}
	row = (struct audit_row){ e->id, "settings.set", "estate", e->id,
	    DB_NULL, arena_printf(r->a, "pay: satisfaction baseline %lld;"
	    " +%s%% per %lld points over it", (long long)v[P_BASELINE].i,
	    v[P_STEP_PCT].s, (long long)v[P_STEP_POINTS].i) };
	if (audit_exec(r->ctx, &row, &SQL_SETTINGS_PAY_SET, "iiii",
	    v[P_BASELINE].i, v[P_STEP_POINTS].i, v[P_STEP_PCT].i, e->id) < 0)
		return;
	http_redirect(r, arena_printf(r->a,
	    "/staff/settings?estate=%lld&ok=1#pay", (long long)e->id));
}

/* POST part=messages: quiet hours, the reminder schedule, the daily
 * limit. */
static void
msg_post(struct req *r, const struct estate *e)
{
	struct audit_row	 row;
	struct fval		 v[M__MAX];

	if (valid_fields(r, msg_fields, M__MAX, v) > 0) {
		show(r, e->id, msg_fields, M__MAX, v, 400);
		return;
	}
	row = (struct audit_row){ e->id, "settings.set", "estate", e->id,
	    DB_NULL, arena_printf(r->a, "messages: quiet %s-%s; remind %lld "
	    "days before, every %lld days after, at most %lld; %lld a day",
	    hours[v[M_QUIET_FROM].i], hours[v[M_QUIET_TO].i],
	    (long long)v[M_BEFORE].i, (long long)v[M_EVERY].i,
	    (long long)v[M_MAX].i, (long long)v[M_DAY_MAX].i) };
	if (audit_exec(r->ctx, &row, &SQL_SETTINGS_MSG_SET, "iiiiiii",
	    v[M_QUIET_FROM].i, v[M_QUIET_TO].i, v[M_BEFORE].i, v[M_EVERY].i,
	    v[M_MAX].i, v[M_DAY_MAX].i, e->id) < 0)
		return;
	http_redirect(r, arena_printf(r->a, "/staff/settings?estate=%lld&ok=1",
	    (long long)e->id));
}

/* POST part=custody: when custody agreements are suspended. */
static void
custody_post(struct req *r, const struct estate *e)
{
	struct audit_row	 row;
	struct fval		 v[1];

	if (valid_fields(r, custody_fields, 1, v) > 0) {
		show(r, e->id, custody_fields, 1, v, 400);
		return;
	}
	row = (struct audit_row){ e->id, "settings.set", "estate", e->id,
	    DB_NULL, arena_printf(r->a, "custody: suspended from %lld months"
	    " in arrears", (long long)v[0].i) };
	if (audit_exec(r->ctx, &row, &SQL_SETTINGS_CUSTODY_SET, "ii", v[0].i,
	    e->id) < 0)
		return;
	http_redirect(r, arena_printf(r->a,
	    "/staff/settings?estate=%lld&ok=1#custody", (long long)e->id));
}

/* POST part=latefee: 滞纳金. */
static void
latefee_post(struct req *r, const struct estate *e)
{
	struct audit_row	 row;
	struct fval		 v[L__MAX];
	int			 errs;

	errs = valid_fields(r, latefee_fields, L__MAX, v);
	/* 万分之 N x100: one decimal at most, so N x10 is a whole number */
	if (!v[L_RATE].err && v[L_RATE].i % 10 != 0) {
		v[L_RATE].err = "每日费率最多保留一位小数，如 5 或 2.5";
		errs++;
	}
	if (!v[L_CAP].err && v[L_CAP].i > LATEFEE_CAP_BP_MAX) {
		v[L_CAP].err = "上限不能超过本金的 100%";
		errs++;
	}
	if (errs > 0) {
		show(r, e->id, latefee_fields, L__MAX, v, 400);
		return;
	}
	row = (struct audit_row){ e->id, "settings.set", "estate", e->id,
	    DB_NULL, arena_printf(r->a, "latefee: %s, %lld/100000 a day,"
	    " grace %lld days, cap %lld bp, %s first",
	    v[L_ON].i ? "on" : "off", (long long)(v[L_RATE].i / 10),
	    (long long)v[L_GRACE].i, (long long)v[L_CAP].i,
	    v[L_ORDER].i ? "oldest" : "principal") };
	if (audit_exec(r->ctx, &row, &SQL_SETTINGS_LATEFEE_SET, "iiiiii",
	    v[L_ON].i, v[L_RATE].i / 10, v[L_GRACE].i, v[L_CAP].i,
	    (int64_t)(v[L_ORDER].i == 0), e->id) < 0)
		return;
	http_redirect(r, arena_printf(r->a,
	    "/staff/settings?estate=%lld&ok=1#latefee", (long long)e->id));
}

void
page_settings_post(struct req *r)
{
	struct audit_row	 row;
	struct fval	 v[F__MAX], part;
	struct estate	 e;
	int		 errs;

	errs = valid_fields(r, fields, F__MAX, v);
	if (scope_posted_estate(r, &e) != 1)
		return;
	if (valid_one(r, &part_field, http_param(r, "part"), &part) != NULL) {
		page_error(r, 400, part.err);
		return;
	}
	if (part.set && part.i == 1) {
		contact_post(r, &e);
		return;
	}
	if (part.set && part.i == 2) {
		msg_post(r, &e);
		return;
	}
	if (part.set && part.i == 3) {
		pay_post(r, &e);
		return;
	}
	if (part.set && part.i == 4) {
		custody_post(r, &e);
		return;
	}
	if (part.set && part.i == 5) {
		latefee_post(r, &e);
		return;
	}
	/* Every check whose fields are readable, all reported at once. */
	if (!v[F_GREEN_MONTHS].err && !v[F_YELLOW_MONTHS].err &&
	    v[F_GREEN_MONTHS].i > v[F_YELLOW_MONTHS].i) {
		v[F_GREEN_MONTHS].err = "绿色的月数不能大于黄色的月数";
		errs++;
	}
	if (!v[F_YELLOW_MONTHS].err && !v[F_RED_MONTHS].err &&
	    v[F_YELLOW_MONTHS].i > v[F_RED_MONTHS].i) {
		v[F_YELLOW_MONTHS].err = "黄色的月数不能大于红色的月数";
		errs++;
	}
	if (errs) {
		show(r, e.id, fields, F__MAX, v, 400);
		return;
	}
	row = (struct audit_row){ e.id, "settings.set", "estate", e.id,
	    DB_NULL, arena_printf(r->a, "tiers %lld/%s/%lld/%lld;"
	    " targets %s%%/%s%%/%lld", (long long)v[F_RED_MONTHS].i,
	    v[F_RED_AMOUNT].s, (long long)v[F_YELLOW_MONTHS].i,
	    (long long)v[F_GREEN_MONTHS].i, v[F_T_COLLECTION].s,
	    v[F_T_RECOVERY].s, (long long)v[F_T_SATISFACTION].i) };
	if (audit_exec(r->ctx, &row, &SQL_SETTINGS_SET, "iiiiiiii",
	    v[F_RED_MONTHS].i, v[F_RED_AMOUNT].i, v[F_YELLOW_MONTHS].i,
	    v[F_GREEN_MONTHS].i, v[F_T_COLLECTION].i, v[F_T_RECOVERY].i,
	    v[F_T_SATISFACTION].i, e.id) < 0)
		return;
	http_redirect(r, arena_printf(r->a, "/staff/settings?estate=%lld&ok=1",
	    (long long)e.id));
}
