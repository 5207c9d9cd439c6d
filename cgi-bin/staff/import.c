/*
 * import.c - 导入小区资料: an estate's premises, then its owners and their
 * links, then its opening arrears, then its historical payments, from CSV
 * files (issue 13; core/import.h does the work), for the manager and the
 * admin.
 *
 *   GET  /staff/import?estate=N[&batch=B]  the files, their templates, an
 *                                          upload form each, the imports
 *                                          done; batch: what one did
 *   GET  /staff/import/template.csv?kind=K the file to fill in: header and
 *                                          example rows (UTF-8 with a BOM);
 *                                          no kind: the premises file's
 *   POST /staff/import                     a file (multipart, up to
 *                                          IMPORT_BODY_MAX): mode=check
 *                                          checks it and writes nothing
 *                                          (303 to the page with what an
 *                                          import would do, its figures
 *                                          sealed: check_seal); mode=import
 *                                          imports it in
 *                                          one transaction (303 to the
 *                                          batch); a file with any bad row
 *                                          is 422 with its bad rows listed
 *                                          by line and reason (the first
 *                                          MAX_SHOWN), and nothing
 *                                          written; a file in no encoding
 *                                          read here is 400
 *
 * The import form records once (once.h): sent twice, the second answers
 * with the first's batch. Rows imported before are left alone (their
 * external key, import.h), so a file imported again changes nothing and
 * the page says so. Renders templates/staff/import.tpl.
 */
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "import.h"
#include "once.h"
#include "page.h"
#include "pages.h"
#include "tmpl.h"
#include "valid.h"

#define MAX_SHOWN	500	/* bad rows listed on the page */

SQL_DEF(SQL_IMPORT_HISTORY,
    "SELECT b.id, b.kind, b.file_name, b.encoding, b.rows_total, b.rows_new,"
    " b.rows_same, s.name, DATE_FORMAT(b.at, '%Y-%m-%d %H:%i')"
    " FROM import_batches b JOIN staff s ON s.id = b.staff_id"
    " WHERE b.estate_id = ? ORDER BY b.id DESC LIMIT 20");

static const char *const kind_choices[] = {
	"premises", "owners", "arrears", "payments", NULL
};
static const char *const mode_choices[] = { "check", "import", NULL };

enum { F_ESTATE, F_KIND, F_MODE, F_BATCH, F_CHECKED, F_ROWS, F_NEW, F_SAME,
    F_SEAL, F__MAX };

static const struct field fields[F__MAX] = {
	{ "estate", "小区", V_INT, 0, 1, INT64_MAX / 2, NULL },
	{ "kind", "文件", V_CHOICE, 0, 0, 0, kind_choices },
	{ "mode", "操作", V_CHOICE, 0, 0, 0, mode_choices },
	{ "batch", "导入批次", V_INT, 0, 1, INT64_MAX / 2, NULL },
	/* after a check that found no bad row (303 here): its counts */
	{ "checked", "已检查", V_CHOICE, 0, 0, 0, kind_choices },
	{ "rows", "行数", V_INT, 0, 0, IMPORT_MAX_ROWS, NULL },
	{ "new", "新增", V_INT, 0, 0, IMPORT_MAX_ROWS, NULL },
	{ "same", "已导入", V_INT, 0, 0, IMPORT_MAX_ROWS, NULL },
	{ "seal", "校验", V_DIGITS, 0, 20, 20, NULL },	/* check_seal's */
};

static const struct field token_field[] = { ONCE_FIELD };

/* What the page shows after a check or an import. */
struct outcome {
	int			 kind;	/* -1: none */
	const struct import_res	*res;
	int			 checked;	/* 1: a dry run */
	const char		*alert;
};

static void
show(struct req *r, const struct fval *v, const struct outcome *o,
    int status)
{
	struct tmpl		*d, *row, *sec;
	struct db_res		*res;
	struct estate		 e;
	const char		*kind, *file, *enc, *who, *at;
	const char *const	*cols;
	int64_t			 id, total, fresh, same;
	size_t			 ncols, i, k;
	int			 rc;

	d = page_new(r, "staff/import.tpl", "导入小区资料");
	if ((rc = scope_estate(r, v[F_ESTATE].set && !v[F_ESTATE].err ?
	    v[F_ESTATE].i : 0, &e, d)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	tmpl_set_int(d, "ESTATE_ID", e.id);
	for (k = 0; k < IMPORT__MAX; k++) {
		struct buf b;

		sec = tmpl_row(d, "FILE");
		tmpl_set_int(sec, "STEP", (int64_t)k + 1);
		tmpl_set(sec, "KIND", import_kind_codes[k]);
		tmpl_set(sec, "WORD", import_kind_words[k]);
		tmpl_set_int(sec, "ESTATE_ID", e.id);
		tmpl_set(sec, "TOKEN", once_token(r->ctx));
		tmpl_set(sec, "HINT", k == IMPORT_PAYMENTS ?
		    "每笔缴费一行，一行只缴一张账单（一次缴了几张账单就写几行）。"
		    "迁移原系统时，先把账单（未缴、部分缴和已缴的）都按上面的期初欠费"
		    "文件导入，紧接着导入这些缴费：账单编号填期初欠费文件中的账单编号，"
		    "房屋编号须是这张账单的房屋。金额单位为元，同一账单的缴费合计不能"
		    "超过账单金额；缴费日期如 2024-12-10，不能晚于今天；方式填 现金、"
		    "POS（或 刷卡）、微信、支付宝 或 银联；缴费人可以不填。每笔缴费"
		    "入账并开出本系统的电子收据（按导入当年连续编号），但不给业主发收据"
		    "通知；同一缴费编号再次导入不会重复入账。" :
		    k == IMPORT_ARREARS ?
		    "每张期初账单一行（要同时导入历史缴费时，已缴和部分缴的账单也"
		    "写上），按账单导入，不会重复建立。房屋编号填房屋文件"
		    "中的编号；收费项目填“收费标准”中已有项目的代码或名称（如 WYF 或 "
		    "物业费），请先设好收费项目；账期填年月（如 2024-12），按季的账单填"
		    "季度第一个月、月数填 3；金额单位为元；到期日如 2025-01-15。同一房屋、"
		    "项目、账期已有账单的行不能导入。" : k == IMPORT_PREMISES ?
		    "每套房屋一行。房屋编号是您给每套房屋的编号（如原系统的编号），"
		    "同一编号再次导入不会重复建立；类型填 常住、空置 或 商铺；"
		    "商铺的单元留空；建筑面积单位为平方米，最多两位小数。" :
		    "每位业主的每套房屋一行（一位业主有两套房就写两行，业主编号、"
		    "姓名、手机号相同）。房屋编号填房屋文件中的编号，请先导入房屋；"
		    "接收渠道填 短信、微信、App（可多选，用顿号隔开，不填为短信）；"
		    "产权关系填 业主 或 共有人；出生年份不知道可以不填。");
		cols = import_columns((enum import_kind)k, &ncols);
		buf_init(&b, r->a, 64);
		for (i = 0; i < ncols; i++)
			buf_printf(&b, "%s%s", i ? "," : "", cols[i]);
		tmpl_set(sec, "COLUMNS", buf_str(&b));
		if (o == NULL || o->kind != (int)k)
			continue;
		tmpl_show(sec, "OUTCOME");
		if (o->alert != NULL) {
			tmpl_show(sec, "HAS_ALERT");
			tmpl_set(sec, "ALERT", o->alert);
		}
		if (o->res->file_err != NULL)
			tmpl_set(sec, "FILE_ERR", o->res->file_err);
		for (i = 0; i < o->res->nerrs && i < MAX_SHOWN; i++) {
			row = tmpl_row(sec, "ROW_ERROR");
			tmpl_set_int(row, "LINE", o->res->errs[i].line);
			tmpl_set(row, "WHY", o->res->errs[i].why);
		}
		if (o->res->nerrs > MAX_SHOWN) {
			tmpl_show(sec, "MORE_ERRORS");
			tmpl_set_int(sec, "MORE", (int64_t)(o->res->nerrs -
			    MAX_SHOWN));
		}
	}
	res = db_query(r->ctx, &SQL_IMPORT_HISTORY, "i", e.id);
	if (res == NULL)
		return;
	while ((rc = db_row(res, "isssiiiss", &id, &kind, &file, &enc, &total,
	    &fresh, &same, &who, &at)) == 1) {
		int kk = import_kind_parse(kind);

		row = tmpl_row(d, "BATCH");
		tmpl_set(row, "AT", at);
		tmpl_set(row, "WORD", kk >= 0 ? import_kind_words[kk] : kind);
		tmpl_set(row, "FILE", file);
		tmpl_set(row, "ENC", strcmp(enc, "gb18030") == 0 ? "GBK" : "UTF-8");
		tmpl_set_int(row, "TOTAL", total);
		tmpl_set_int(row, "NEW", fresh);
		tmpl_set_int(row, "SAME", same);
		tmpl_set(row, "WHO", who);
		if (v[F_BATCH].set && !v[F_BATCH].err && v[F_BATCH].i == id)
			tmpl_show(row, "CURRENT");
	}
	if (rc < 0)
		return;
	if (o != NULL && o->kind < 0 && o->alert != NULL) {
		tmpl_show(d, "HAS_ALERT");
		tmpl_set(d, "ALERT", o->alert);
	}
	page_render(r, status);
}

/*
 * A check's figures as the page's address carries them (?checked=K&rows=
 * N&new=F&same=S), sealed: a keyed hash (the session's CSRF token the
 * key) of the estate and the figures, as 20 digits. An address whose
 * figures this server did not give this session - typed, or a link from
 * someone else - shows none. NULL without a session.
 */
static const char *
check_seal(struct req *r, int64_t estate, int64_t kind, int64_t rows,
    int64_t fresh, int64_t same)
{
	unsigned char	 h[8];
	const char	*key = r->sess.csrf, *msg;
	size_t		 klen;
	uint64_t	 v = 0;
	int		 i;

	if (key == NULL || (klen = strlen(key)) < crypto_generichash_KEYBYTES_MIN)
		return NULL;
	if (klen > crypto_generichash_KEYBYTES_MAX)
		klen = crypto_generichash_KEYBYTES_MAX;
	msg = arena_printf(r->a, "import.check|%lld|%lld|%lld|%lld|%lld",
	    (long long)estate, (long long)kind, (long long)rows,
	    (long long)fresh, (long long)same);
	if (crypto_generichash(h, sizeof(h), (const unsigned char *)msg,
	    strlen(msg), (const unsigned char *)key, klen) != 0)
		return NULL;
	for (i = 0; i < 8; i++)
		v = v << 8 | h[i];
	return arena_printf(r->a, "%020llu", (unsigned long long)v);
}

/* What a finished import says: what it added, or that it changed nothing. */
static const char *
done_words(struct req *r, enum import_kind k, const struct import_res *res)
{
	if (res->fresh == 0)
		return arena_printf(r->a, "%s文件的 %zu 行此前都已导入过，这次没有"
		    "任何改动。", import_kind_words[k], res->rows);
	return arena_printf(r->a, "已导入%s文件：共 %zu 行，新增 %zu 行%s。",
	    import_kind_words[k], res->rows, res->fresh, res->same ?
	    arena_printf(r->a, "，%zu 行此前已导入（未改动）", res->same) : "");
}

void
page_import(struct req *r)
{
	struct fval		 v[F__MAX];
	struct import_res	 res;
	struct outcome		 o;
	enum import_kind	 k;
	int			 rc;

	valid_fields(r, fields, F__MAX, v);
	if (v[F_ESTATE].err || v[F_BATCH].err) {
		page_error(r, 404, NULL);
		return;
	}
	/* ?checked=K&rows=N&new=F&same=S&seal=H after a check: what it
	 * found (figures not sealed for this session: the plain page). */
	if (v[F_CHECKED].set && !v[F_CHECKED].err && !v[F_ROWS].err &&
	    !v[F_NEW].err && !v[F_SAME].err) {
		const char *seal = check_seal(r, v[F_ESTATE].i, v[F_CHECKED].i,
		    v[F_ROWS].i, v[F_NEW].i, v[F_SAME].i);

		if (seal == NULL || v[F_SEAL].err || strlen(v[F_SEAL].s) != 20 ||
		    sodium_memcmp(seal, v[F_SEAL].s, 20) != 0) {
			show(r, v, NULL, 200);
			return;
		}
		memset(&res, 0, sizeof(res));
		o.kind = (int)v[F_CHECKED].i;
		o.res = &res;
		o.checked = 1;
		o.alert = arena_printf(r->a, "检查通过（没有写入任何数据）：共 %lld "
		    "行，导入后新增 %lld 行%s。请再选择这个文件，点“导入”。",
		    (long long)v[F_ROWS].i, (long long)v[F_NEW].i, v[F_SAME].i ?
		    arena_printf(r->a, "，%lld 行此前已导入（不会改动）",
		    (long long)v[F_SAME].i) : "");
		show(r, v, &o, 200);
		return;
	}
	/* ?batch=B after an import: what it did. */
	if (v[F_BATCH].set && v[F_ESTATE].set) {
		if (!scope_sees(r, v[F_ESTATE].i)) {
			page_error(r, 404, NULL);
			return;
		}
		rc = import_batch(r->ctx, v[F_ESTATE].i, v[F_BATCH].i, &k, &res);
		if (rc < 0)
			return;
		if (rc == 1) {
			o.kind = (int)k;
			o.res = &res;
			o.checked = 0;
			o.alert = done_words(r, k, &res);
			show(r, v, &o, 200);
			return;
		}
	}
	show(r, v, NULL, 200);
}

void
page_import_template(struct req *r)
{
	struct fval			 v[F__MAX];
	const char *const		*cols;
	const char *const *const	*ex;
	enum import_kind		 k;
	size_t				 n, i, j;

	valid_fields(r, fields, F__MAX, v);
	if (v[F_KIND].err) {
		page_error(r, 404, NULL);
		return;
	}
	/* without ?kind=, the first file's */
	k = v[F_KIND].set ? (enum import_kind)v[F_KIND].i : IMPORT_PREMISES;
	cols = import_columns(k, &n);
	csv_begin(&r->body);
	for (i = 0; i < n; i++)
		csv_field(&r->body, cols[i]);
	csv_end_row(&r->body);
	for (ex = import_examples(k); *ex != NULL; ex++) {
		for (j = 0; j < n; j++)
			csv_field(&r->body, (*ex)[j]);
		csv_end_row(&r->body);
	}
	http_body_file(r, RESP_CSV, arena_printf(r->a, "import-%s-template.csv",
	    import_kind_codes[k]), 1);
}

void
page_import_post(struct req *r)
{
	struct fval		 v[F__MAX], tv;
	struct import_job	 job;
	struct outcome		 o;
	struct estate		 e;
	struct csv_row		*rows;
	const struct kv		*file;
	const char		*err;
	int64_t			 made;
	int			 n, rc;

	valid_fields(r, fields, F__MAX, v);
	if (!v[F_KIND].set || v[F_KIND].err || !v[F_MODE].set ||
	    v[F_MODE].err || !v[F_ESTATE].set || v[F_ESTATE].err) {
		page_error(r, 400, "请从“导入小区资料”页面上传文件。");
		return;
	}
	if ((rc = scope_estate(r, v[F_ESTATE].i, &e, NULL)) != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		return;
	}
	memset(&job, 0, sizeof(job));
	job.estate = e.id;
	job.kind = (enum import_kind)v[F_KIND].i;
	job.dry = v[F_MODE].i == 0;
	o.kind = (int)job.kind;
	o.res = &job.res;
	o.checked = job.dry;
	o.alert = "文件没有导入，请看下面的提示。";
	if (valid_one(r, token_field, http_form(r, "form_token"), &tv)) {
		job.res.file_err = tv.err;
		show(r, v, &o, 400);
		return;
	}
	file = http_file(r, "file");
	if (file == NULL || file->len == 0) {
		job.res.file_err = "请选择要上传的 CSV 文件。";
		show(r, v, &o, 400);
		return;
	}
	job.file_name = file->filename;
	if (job.file_name != NULL && strlen(job.file_name) > 150)
		job.file_name = arena_strndup(r->a, job.file_name, 150);
	if ((n = csv_read(r->a, file->val, file->len, 7, &rows, &job.enc,
	    &err)) < 0) {
		job.res.file_err = err;
		show(r, v, &o, n == CSV_READ_ENC ? 400 : 422);
		return;
	}
	job.rows = rows;
	job.n = (size_t)n;
	if (job.dry) {
		if (import_check(r->ctx, &job) < 0)
			return;
		/* No bad row: 303 to the page saying so (post/redirect/get:
		 * Back and reload never send the file again). */
		if (job.res.file_err == NULL && job.res.nerrs == 0) {
			const char *seal = check_seal(r, e.id, job.kind,
			    (int64_t)job.res.rows, (int64_t)job.res.fresh,
			    (int64_t)job.res.same);

			http_redirect(r, arena_printf(r->a, "/staff/import?estate="
			    "%lld&checked=%s&rows=%zu&new=%zu&same=%zu&seal=%s"
			    "#import-%s", (long long)e.id,
			    import_kind_codes[job.kind], job.res.rows,
			    job.res.fresh, job.res.same, seal ? seal : "",
			    import_kind_codes[job.kind]));
			return;
		}
	} else {
		rc = once_tx(r->ctx, tv.s, "import.file", e.id, e.id, import_tx,
		    &job, &made);
		if (rc < 0)
			return;
		if (rc == ONCE_FIRST || (rc == ONCE_SEEN && made > 0)) {
			http_redirect(r, arena_printf(r->a,
			    "/staff/import?estate=%lld&batch=%lld",
			    (long long)e.id, (long long)made));
			return;
		}
		if (rc == ONCE_SEEN) {
			o.alert = ONCE_USED_MSG;
			show(r, v, &o, 409);
			return;
		}
		if (rc == IMPORT_RACED) {
			o.alert = job.kind == IMPORT_PAYMENTS ?
			    "导入期间有人同时收费或导入，整个文件都没有导入，"
			    "请刷新后重新检查。" :
			    "导入期间有人录入了相同的房屋或业主，整个文件都没有"
			    "导入，请刷新后重新检查。";
			show(r, v, &o, 409);
			return;
		}
	}
	if (job.res.file_err != NULL) {
		show(r, v, &o, 422);
		return;
	}
	o.alert = arena_printf(r->a, "文件中有 %zu 行有误%s，整个文件都没有导入。"
	    "请改正后重新上传。", job.res.nerrs, job.res.nerrs > MAX_SHOWN ?
	    arena_printf(r->a, "（下面列出前 %d 行）", MAX_SHOWN) : "");
	show(r, v, &o, 422);
}
