/*
 * import.c - an estate from CSV files (import.h).
 *
 * What import_stage's generic columns hold, per file:
 *
 *   premises  k 房屋编号  a 楼栋  b 单元  c 房号  d occupancy code
 *             x1 楼层  x2 area x 100
 *   owners    k 业主编号  a 姓名  b 手机号  c 房屋编号 (a premises' key)
 *             x1 出生年份 (NULL)  x2 channels (1 SMS, 2 WeChat, 4 app)
 *             x3 1 owner, 0 co-owner (共有人)
 *   arrears   k 账单编号  a 房屋编号  b 收费项目 (an item's code or name)
 *             c 账期 (YYYY-MM-01)  d 到期日 (YYYY-MM-DD)  x1 月数
 *             x2 金额 in fen
 *   payments  k 缴费编号  a 房屋编号  b 账单编号 (an arrears row's key)
 *             c 缴费日期 (YYYY-MM-DD)  d channel code  e 缴费人  x1 金额
 *             in fen  vc the receipt's verification code; while copied,
 *             x2 the payment's id and x3 its place among the new ones
 *
 * An opening bill is a bill like a billing run's (unpaid, its amount never
 * changed; run_id NULL), one per premises, item and period (bills_once):
 * a period already billed is a bad row. Households holding prepaid money
 * have it applied to their new bills in the same transaction
 * (books_prepaid: a prepaid balance never sits beside an open bill).
 *
 * An owner owning two homes is two rows of the owners file with the same
 * 业主编号 (and the same name, phone, year and channels): one row per
 * link, as a property company's owner sheet has one row per room. A home
 * has one owner (产权关系 业主) and any co-owners: a second 业主 of a home,
 * in the file or beside the one it has, is a bad row.
 *
 * Every check and copy statement takes the estate and the batch as its
 * two parameters, through a one-row derived table q (est, bat), so each
 * is "ii".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "audit.h"
#include "books.h"
#include "cal.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "import.h"
#include "ledger.h"
#include "log.h"
#include "money.h"
#include "occupancy.h"
#include "width.h"

const char *const import_kind_codes[IMPORT__MAX] = {
	"premises", "owners", "arrears", "payments"
};
const char *const import_kind_words[IMPORT__MAX] = {
	"房屋", "业主及房屋关系", "期初欠费", "历史缴费"
};

static const char *const premises_cols[] = {
	"房屋编号", "楼栋", "单元", "房号", "楼层", "建筑面积", "类型"
};
static const char *const owners_cols[] = {
	"业主编号", "姓名", "手机号", "出生年份", "接收渠道", "房屋编号",
	"产权关系"
};

static const char *const arrears_cols[] = {
	"账单编号", "房屋编号", "收费项目", "账期", "月数", "金额", "到期日"
};

static const char *const payments_cols[] = {
	"缴费编号", "房屋编号", "账单编号", "金额", "缴费日期", "方式", "缴费人"
};

static const char *const *const kind_cols[IMPORT__MAX] = {
	premises_cols, owners_cols, arrears_cols, payments_cols
};

static const char *const premises_ex1[] = {
	"P0001", "1栋", "1", "101", "1", "89.50", "常住"
};
static const char *const premises_ex2[] = {
	"P0002", "1栋", "1", "102", "1", "120.00", "空置"
};
static const char *const premises_ex3[] = {
	"S0001", "商业街", "", "A01", "1", "65.00", "商铺"
};
static const char *const *const premises_ex[] = {
	premises_ex1, premises_ex2, premises_ex3, NULL
};
static const char *const owners_ex1[] = {
	"O0001", "张伟", "13900000001", "1968", "短信、微信", "P0001", "业主"
};
static const char *const owners_ex2[] = {
	"O0001", "张伟", "13900000001", "1968", "短信、微信", "S0001", "业主"
};
static const char *const owners_ex3[] = {
	"O0002", "李娜", "13900000002", "", "短信", "P0001", "共有人"
};
static const char *const *const owners_ex[] = {
	owners_ex1, owners_ex2, owners_ex3, NULL
};

static const char *const arrears_ex1[] = {
	"B0001", "P0001", "物业费", "2024-11", "1", "178.00", "2024-12-15"
};
static const char *const arrears_ex2[] = {
	"B0002", "P0001", "物业费", "2024-12", "1", "178.00", "2025-01-15"
};
static const char *const arrears_ex3[] = {
	"B0003", "S0001", "租金", "2024-10", "3", "9000.00", "2024-12-31"
};
static const char *const *const arrears_ex[] = {
	arrears_ex1, arrears_ex2, arrears_ex3, NULL
};
/* The arrears examples' bills paid: B0001 whole, B0002 in part. */
static const char *const payments_ex1[] = {
	"R0001", "P0001", "B0001", "178.00", "2024-12-10", "微信", "张伟"
};
static const char *const payments_ex2[] = {
	"R0002", "P0001", "B0002", "100.00", "2025-01-12", "现金", "张伟"
};
static const char *const payments_ex3[] = {
	"R0003", "S0001", "B0003", "4500.00", "2025-01-05", "POS", ""
};
static const char *const *const payments_ex[] = {
	payments_ex1, payments_ex2, payments_ex3, NULL
};

static const char *const *const *const kind_ex[IMPORT__MAX] = {
	premises_ex, owners_ex, arrears_ex, payments_ex
};

int
import_kind_parse(const char *s)
{
	int	 i;

	for (i = 0; i < IMPORT__MAX; i++)
		if (strcmp(s, import_kind_codes[i]) == 0)
			return i;
	return -1;
}

const char *const *
import_columns(enum import_kind k, size_t *n)
{
	*n = 7;
	return kind_cols[k];
}

const char *const *const *
import_examples(enum import_kind k)
{
	return kind_ex[k];
}

/* ---- the statements ---- */

#define Q	"(SELECT CAST(? AS SIGNED) AS est, CAST(? AS SIGNED) AS bat) q" \
	" JOIN import_stage s ON s.batch_id = q.bat"

/* A row's fields as imported: what a later import compares. */
#define PREMISES_HASH	"CONVERT(SHA2(CONCAT_WS('|', s.a, s.b, s.c, s.d, s.x1," \
	" s.x2), 256) USING ascii)"
#define BILL_HASH	"CONVERT(SHA2(CONCAT_WS('|', s.a, s.b, s.c, s.d, s.x1," \
	" s.x2), 256) USING ascii)"
#define OWNER_HASH	"CONVERT(SHA2(CONCAT_WS('|', s.a, s.b, IFNULL(s.x1, ''), s.x2)," \
	" 256) USING ascii)"

SQL_DEF(SQL_IMP_BATCH,
    "INSERT INTO import_batches (estate_id, kind, file_name, encoding,"
    " staff_id, at) VALUES (?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_IMP_BATCH_DONE,
    "UPDATE import_batches SET rows_total = ?, rows_new = ?, rows_same = ?"
    " WHERE id = ?");

SQL_DEF(SQL_IMP_BATCH_GET,
    "SELECT kind, rows_total, rows_new, rows_same FROM import_batches"
    " WHERE id = ? AND estate_id = ?");

SQL_DEF(SQL_IMP_UNSTAGE,
    "DELETE FROM import_stage WHERE batch_id = ?");

/* The multi-row INSERTs: 100, 10 and 1 row(s) at a time. */
#define STAGE_INTO	"INSERT INTO import_stage (batch_id, line, k, a, b, c, d," \
	" e, x1, x2, x3, vc) VALUES "
#define STAGE_ROW	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define STAGE_FMT	"iissssssIIIs"
#define STAGE_NPAR	12
#define STAGE_10	STAGE_ROW "," STAGE_ROW "," STAGE_ROW "," STAGE_ROW "," \
	STAGE_ROW "," STAGE_ROW "," STAGE_ROW "," STAGE_ROW "," STAGE_ROW "," \
	STAGE_ROW
#define STAGE_100	STAGE_10 "," STAGE_10 "," STAGE_10 "," STAGE_10 "," \
	STAGE_10 "," STAGE_10 "," STAGE_10 "," STAGE_10 "," STAGE_10 "," \
	STAGE_10

SQL_DEF(SQL_IMP_STAGE_100, STAGE_INTO STAGE_100);
SQL_DEF(SQL_IMP_STAGE_10, STAGE_INTO STAGE_10);
SQL_DEF(SQL_IMP_STAGE_1, STAGE_INTO STAGE_ROW);

/*
 * Each check gives the bad rows' lines and one detail for the message.
 * A row against the file's earlier rows is a row against the first row
 * of its group (FIRST_VALUE(line) OVER the group ORDER BY line: one sort
 * of the batch; MIN() OVER a whole group is quadratic in MariaDB), never
 * a join of each row with every earlier row of its group: a developer's
 * 8,000 unsold homes under one 业主编号, or a file of 20,000 rows with one
 * key, made such joins quadratic and ran past the 10 s limit.
 */

SQL_DEF(SQL_IMP_DUP_KEY,
    "SELECT w.line, CAST(w.fl AS CHAR) FROM (SELECT s.line, FIRST_VALUE(s.line)"
    " OVER (PARTITION BY s.k ORDER BY s.line) AS fl FROM " Q ") w"
    " WHERE w.line > w.fl");

SQL_DEF(SQL_IMP_P_DUP_ROOM,
    "SELECT w.line, CAST(w.fl AS CHAR) FROM (SELECT s.line, FIRST_VALUE(s.line)"
    " OVER (PARTITION BY s.a, s.b, s.c ORDER BY s.line) AS fl FROM " Q ") w"
    " WHERE w.line > w.fl");

SQL_DEF(SQL_IMP_P_CHANGED,
    "SELECT s.line, s.k FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'premises'"
    "  AND ik.ext_key = s.k"
    " WHERE ik.row_hash <> " PREMISES_HASH);

SQL_DEF(SQL_IMP_P_TAKEN,
    "SELECT s.line, CONCAT(s.a, ' ', s.b, ' ', s.c) FROM " Q
    " JOIN buildings bd ON bd.estate_id = q.est AND bd.name = s.a"
    " JOIN premises p ON p.building_id = bd.id AND p.unit = s.b"
    "  AND p.room = s.c"
    " LEFT JOIN import_keys ik ON ik.estate_id = q.est"
    "  AND ik.kind = 'premises' AND ik.ext_key = s.k"
    " WHERE ik.entity_id IS NULL OR ik.entity_id <> p.id");

SQL_DEF(SQL_IMP_O_DUP_LINK,
    "SELECT w.line, CAST(w.fl AS CHAR) FROM (SELECT s.line, FIRST_VALUE(s.line)"
    " OVER (PARTITION BY s.k, s.c ORDER BY s.line) AS fl FROM " Q ") w"
    " WHERE w.line > w.fl");

/* Against the first row of the key (t). */
SQL_DEF(SQL_IMP_O_DIFFERS,
    "SELECT w.line, CAST(w.fl AS CHAR) FROM (SELECT s.batch_id, s.line, s.a,"
    " s.b, s.x1, s.x2, FIRST_VALUE(s.line)"
    " OVER (PARTITION BY s.k ORDER BY s.line) AS fl FROM " Q ") w"
    " JOIN import_stage t ON t.batch_id = w.batch_id AND t.line = w.fl"
    " WHERE w.line > w.fl AND (t.a <> w.a OR t.b <> w.b"
    "  OR NOT (t.x1 <=> w.x1) OR t.x2 <> w.x2)");

/* Against the first row of the phone (t). */
SQL_DEF(SQL_IMP_O_DUP_PHONE,
    "SELECT w.line, CAST(w.fl AS CHAR) FROM (SELECT s.batch_id, s.line, s.k,"
    " FIRST_VALUE(s.line) OVER (PARTITION BY s.b ORDER BY s.line) AS fl"
    " FROM " Q ") w"
    " JOIN import_stage t ON t.batch_id = w.batch_id AND t.line = w.fl"
    " WHERE t.k <> w.k");

/* A second owner (产权关系 业主) of a home: against the home's first (t). */
SQL_DEF(SQL_IMP_O_TWO_PRIMARY,
    "SELECT w.line, CAST(w.fl AS CHAR) FROM (SELECT s.batch_id, s.line, s.k,"
    " s.x3, FIRST_VALUE(s.line) OVER (PARTITION BY s.c, s.x3 ORDER BY s.line)"
    " AS fl FROM " Q ") w"
    " JOIN import_stage t ON t.batch_id = w.batch_id AND t.line = w.fl"
    " WHERE w.x3 = 1 AND t.k <> w.k");

/* A home that has its owner already (not this row's owner). */
SQL_DEF(SQL_IMP_O_PRIMARY_TAKEN,
    "SELECT s.line, MIN(o.name) FROM " Q
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.c"
    " JOIN premises_owners po ON po.premises_id = pk.entity_id"
    "  AND po.is_primary = 1"
    " JOIN owners o ON o.id = po.owner_id"
    " LEFT JOIN import_keys ok ON ok.estate_id = q.est AND ok.kind = 'owners'"
    "  AND ok.ext_key = s.k"
    " WHERE s.x3 = 1 AND (ok.entity_id IS NULL OR ok.entity_id <> o.id)"
    " GROUP BY s.line");

SQL_DEF(SQL_IMP_O_NO_PREMISES,
    "SELECT s.line, s.c FROM " Q
    " LEFT JOIN import_keys pk ON pk.estate_id = q.est"
    "  AND pk.kind = 'premises' AND pk.ext_key = s.c"
    " WHERE pk.entity_id IS NULL");

SQL_DEF(SQL_IMP_O_CHANGED,
    "SELECT s.line, s.k FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'owners'"
    "  AND ik.ext_key = s.k"
    " WHERE ik.row_hash <> " OWNER_HASH);

SQL_DEF(SQL_IMP_O_PHONE_TAKEN,
    "SELECT s.line, s.b FROM " Q
    " JOIN owners o ON o.phone = s.b"
    " LEFT JOIN import_keys ik ON ik.estate_id = q.est"
    "  AND ik.kind = 'owners' AND ik.ext_key = s.k"
    " WHERE ik.entity_id IS NULL OR ik.entity_id <> o.id");

/* The fee item a row names (by code or name), or NULL. */
#define ROW_ITEM	"(SELECT MIN(fi.id) FROM fee_items fi WHERE fi.estate_id = q.est" \
	" AND (fi.code = s.b OR fi.name = s.b))"

SQL_DEF(SQL_IMP_A_NO_PREMISES,
    "SELECT s.line, s.a FROM " Q
    " LEFT JOIN import_keys pk ON pk.estate_id = q.est"
    "  AND pk.kind = 'premises' AND pk.ext_key = s.a"
    " WHERE pk.entity_id IS NULL");

SQL_DEF(SQL_IMP_A_NO_ITEM,
    "SELECT s.line, s.b FROM " Q
    " WHERE " ROW_ITEM " IS NULL");

/* By the fee item the rows name (WYF and 物业费 are one): the item joined
 * by code or name, as ROW_ITEM finds it (a ROW_ITEM in a derived table
 * of a derived table: MariaDB lost q.est). */
SQL_DEF(SQL_IMP_A_DUP_BILL,
    "SELECT w.line, CAST(MIN(w.fl) AS CHAR) FROM (SELECT s.line,"
    " FIRST_VALUE(s.line) OVER (PARTITION BY s.a, fi.id, s.c ORDER BY s.line)"
    " AS fl FROM " Q
    " JOIN fee_items fi ON fi.estate_id = q.est"
    "  AND (fi.code = s.b OR fi.name = s.b)) w"
    " WHERE w.line > w.fl"
    " GROUP BY w.line");

SQL_DEF(SQL_IMP_A_BILLED,
    "SELECT s.line, CONCAT(s.b, ' ', LEFT(s.c, 7)) FROM " Q
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.a"
    " JOIN bills b ON b.premises_id = pk.entity_id AND b.period_start = s.c"
    "  AND b.fee_item_id = " ROW_ITEM
    " LEFT JOIN import_keys ik ON ik.estate_id = q.est"
    "  AND ik.kind = 'arrears' AND ik.ext_key = s.k"
    " WHERE ik.entity_id IS NULL OR ik.entity_id <> b.id");

SQL_DEF(SQL_IMP_A_CHANGED,
    "SELECT s.line, s.k FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'arrears'"
    "  AND ik.ext_key = s.k"
    " WHERE ik.row_hash <> " BILL_HASH);

SQL_DEF(SQL_IMP_A_SAME,
    "SELECT COUNT(*) FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'arrears'"
    "  AND ik.ext_key = s.k");

#define BILL_UNKNOWN	" NOT EXISTS (SELECT 1 FROM import_keys ik WHERE" \
	" ik.estate_id = q.est AND ik.kind = 'arrears' AND ik.ext_key = s.k)"

SQL_DEF(SQL_IMP_A_INSERT,
    "INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start,"
    " period_months, amount_fen, due_date)"
    " SELECT q.est, pk.entity_id, " ROW_ITEM ", s.c, s.x1, s.x2, s.d FROM " Q
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.a"
    " WHERE" BILL_UNKNOWN
    " ORDER BY s.line");

SQL_DEF(SQL_IMP_A_KEYS,
    "INSERT INTO import_keys (estate_id, kind, ext_key, entity_id, row_hash,"
    " batch_id)"
    " SELECT q.est, 'arrears', s.k, b.id, " BILL_HASH ", q.bat FROM " Q
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.a"
    " JOIN bills b ON b.premises_id = pk.entity_id AND b.period_start = s.c"
    "  AND b.fee_item_id = " ROW_ITEM
    " WHERE" BILL_UNKNOWN);

/* What the new bills come to; the premises of them holding prepaid money. */
SQL_DEF(SQL_IMP_A_TOTAL,
    "SELECT COALESCE(SUM(b.amount_fen), 0) FROM import_keys ik"
    " JOIN bills b ON b.id = ik.entity_id"
    " WHERE ik.estate_id = ? AND ik.kind = 'arrears' AND ik.batch_id = ?");

SQL_DEF(SQL_IMP_A_PREPAID,
    "SELECT DISTINCT b.premises_id FROM import_keys ik"
    " JOIN bills b ON b.id = ik.entity_id"
    " JOIN prepaid_open po ON po.estate_id = ik.estate_id"
    "  AND po.premises_id = b.premises_id"
    " WHERE ik.estate_id = ? AND ik.kind = 'arrears' AND ik.batch_id = ?");

/* The rows imported before (left as they are). */
SQL_DEF(SQL_IMP_P_SAME,
    "SELECT COUNT(*) FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'premises'"
    "  AND ik.ext_key = s.k");

SQL_DEF(SQL_IMP_O_SAME,
    "SELECT COUNT(*) FROM " Q
    " JOIN import_keys ok ON ok.estate_id = q.est AND ok.kind = 'owners'"
    "  AND ok.ext_key = s.k"
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.c"
    " JOIN premises_owners po FORCE INDEX (PRIMARY)"
    "  ON po.premises_id = pk.entity_id AND po.owner_id = ok.entity_id");

/* The copies. */
SQL_DEF(SQL_IMP_P_BUILDINGS,
    "INSERT INTO buildings (estate_id, name, sort)"
    " SELECT q.est, s.a, MIN(s.line) FROM " Q
    " WHERE NOT EXISTS (SELECT 1 FROM buildings bd WHERE bd.estate_id = q.est"
    "  AND bd.name = s.a)"
    " GROUP BY q.est, s.a");

SQL_DEF(SQL_IMP_P_INSERT,
    "INSERT INTO premises (estate_id, building_id, unit, room, floor,"
    " area_x100, occupancy)"
    " SELECT q.est, bd.id, s.b, s.c, s.x1, s.x2, s.d FROM " Q
    " JOIN buildings bd ON bd.estate_id = q.est AND bd.name = s.a"
    " WHERE NOT EXISTS (SELECT 1 FROM import_keys ik WHERE"
    "  ik.estate_id = q.est AND ik.kind = 'premises' AND ik.ext_key = s.k)"
    " ORDER BY s.line");

SQL_DEF(SQL_IMP_P_KEYS,
    "INSERT INTO import_keys (estate_id, kind, ext_key, entity_id, row_hash,"
    " batch_id)"
    " SELECT q.est, 'premises', s.k, p.id, " PREMISES_HASH ", q.bat FROM " Q
    " JOIN buildings bd ON bd.estate_id = q.est AND bd.name = s.a"
    " JOIN premises p ON p.building_id = bd.id AND p.unit = s.b"
    "  AND p.room = s.c"
    " WHERE NOT EXISTS (SELECT 1 FROM import_keys ik WHERE"
    "  ik.estate_id = q.est AND ik.kind = 'premises' AND ik.ext_key = s.k)");

/* An owner from the first of its rows. */
#define FIRST_OF_KEY	" NOT EXISTS (SELECT 1 FROM import_stage t" \
	" FORCE INDEX (import_stage_k) WHERE" \
	" t.batch_id = s.batch_id AND t.k = s.k AND t.line < s.line)"
#define OWNER_UNKNOWN	" NOT EXISTS (SELECT 1 FROM import_keys ik WHERE" \
	" ik.estate_id = q.est AND ik.kind = 'owners' AND ik.ext_key = s.k)"

SQL_DEF(SQL_IMP_O_INSERT,
    "INSERT INTO owners (estate_id, name, phone, birth_year, notify_sms,"
    " notify_wechat, notify_app)"
    " SELECT q.est, s.a, s.b, s.x1, s.x2 & 1, (s.x2 >> 1) & 1,"
    " (s.x2 >> 2) & 1 FROM " Q
    " WHERE" FIRST_OF_KEY " AND" OWNER_UNKNOWN
    " ORDER BY s.line");

SQL_DEF(SQL_IMP_O_KEYS,
    "INSERT INTO import_keys (estate_id, kind, ext_key, entity_id, row_hash,"
    " batch_id)"
    " SELECT q.est, 'owners', s.k, o.id, " OWNER_HASH ", q.bat FROM " Q
    " JOIN owners o ON o.phone = s.b"
    " WHERE" FIRST_OF_KEY " AND" OWNER_UNKNOWN);

SQL_DEF(SQL_IMP_O_LINKS,
    "INSERT INTO premises_owners (premises_id, owner_id, estate_id,"
    " is_primary)"
    " SELECT pk.entity_id, ok.entity_id, q.est, s.x3 FROM " Q
    " JOIN import_keys ok ON ok.estate_id = q.est AND ok.kind = 'owners'"
    "  AND ok.ext_key = s.k"
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.c"
    " WHERE NOT EXISTS (SELECT 1 FROM premises_owners po FORCE INDEX (PRIMARY)"
    "  WHERE po.premises_id = pk.entity_id AND po.owner_id = ok.entity_id)");

/*
 * Historical payments (the payments file). A row pays one opening bill
 * (an arrears row's 账单编号) of its premises: one payments row (paid_at
 * the day at noon, China time; no collector; the note names the old
 * number), one allocations row, and a receipt of ours numbered in the
 * counter of the import's year. The payment rows are written by one
 * INSERT ... SELECT in the order of the lines, which takes consecutive
 * ids (InnoDB's AUTO-INC lock holds for the statement: lock modes 0 and
 * 1, MariaDB's default); SQL_IMP_R_NUMBER gives each staged row its
 * payment's id and receipt number from that, and SQL_IMP_R_VERIFY checks
 * every row against the payment it names before anything points at it.
 */
#define PAY_HASH	"CONVERT(SHA2(CONCAT_WS('|', s.a, s.b, s.c, s.d, s.x1," \
	" s.e), 256) USING ascii)"
#define PAY_NOTE	"CONCAT('导入历史缴费，原缴费编号 ', s.k)"
#define PAY_UNKNOWN	" NOT EXISTS (SELECT 1 FROM import_keys ik WHERE" \
	" ik.estate_id = q.est AND ik.kind = 'payments' AND ik.ext_key = s.k)"
#define PAY_BILL	" JOIN import_keys bk ON bk.estate_id = q.est" \
	" AND bk.kind = 'arrears' AND bk.ext_key = s.b" \
	" JOIN bills b ON b.id = bk.entity_id"

/* The file's bills, locked before they are checked: a payment at the
 * counter meanwhile waits, so what is allocated stays as checked. */
SQL_DEF(SQL_IMP_R_LOCK,
    "SELECT b.id FROM " Q PAY_BILL
    " ORDER BY b.id FOR UPDATE");

SQL_DEF(SQL_IMP_R_NO_BILL,
    "SELECT s.line, s.b FROM " Q
    " LEFT JOIN import_keys bk ON bk.estate_id = q.est AND bk.kind = 'arrears'"
    "  AND bk.ext_key = s.b"
    " WHERE bk.entity_id IS NULL");

SQL_DEF(SQL_IMP_R_OTHER_HOME,
    "SELECT s.line, CONCAT(s.b, ' 是房屋 ', COALESCE(MIN(ok.ext_key), '（未导入）'),"
    " ' 的账单，不是房屋 ', s.a, ' 的') FROM " Q PAY_BILL
    " JOIN import_keys pk ON pk.estate_id = q.est AND pk.kind = 'premises'"
    "  AND pk.ext_key = s.a"
    " LEFT JOIN import_keys ok ON ok.kind = 'premises'"
    "  AND ok.entity_id = b.premises_id AND ok.estate_id = q.est"
    " WHERE pk.entity_id <> b.premises_id"
    " GROUP BY s.line, s.a, s.b");

SQL_DEF(SQL_IMP_R_CHANGED,
    "SELECT s.line, s.k FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'payments'"
    "  AND ik.ext_key = s.k"
    " WHERE ik.row_hash <> " PAY_HASH);

/*
 * A bill paid beyond its amount: what the file's new rows pay each bill
 * (f, one row per bill), with what is allocated to it and waived
 * already; each new row of such a bill is bad, with the figures (the
 * amounts as yuan: fen DIV 100, '.', two digits; never negative here).
 * The derived table f carries the estate and the batch, so the check
 * takes its two parameters once, like the others.
 */
SQL_DEF(SQL_IMP_R_OVER,
    "SELECT x.line, CONCAT(x.bk, '：账单金额 ', x.amt DIV 100, '.',"
    " LPAD(x.amt MOD 100, 2, '0'), ' 元，已缴（含减免）', x.settled DIV 100,"
    " '.', LPAD(x.settled MOD 100, 2, '0'), ' 元，本文件合计 ',"
    " x.in_file DIV 100, '.', LPAD(x.in_file MOD 100, 2, '0'), ' 元，多出 ',"
    " (x.in_file + x.settled - x.amt) DIV 100, '.',"
    " LPAD((x.in_file + x.settled - x.amt) MOD 100, 2, '0'), ' 元')"
    " FROM (SELECT s.line, f.bk, b.amount_fen AS amt, f.in_file,"
    "  " LEDGER_ALLOCATED_SQL " + " LEDGER_WAIVED_SQL " AS settled"
    "  FROM (SELECT q.est, q.bat, t.b AS bk, SUM(t.x1) AS in_file"
    "   FROM (SELECT CAST(? AS SIGNED) AS est, CAST(? AS SIGNED) AS bat) q"
    "   JOIN import_stage t ON t.batch_id = q.bat"
    "   WHERE NOT EXISTS (SELECT 1 FROM import_keys tk WHERE"
    "   tk.estate_id = q.est AND tk.kind = 'payments' AND tk.ext_key = t.k)"
    "   GROUP BY q.est, q.bat, t.b) f"
    "  JOIN import_keys bk ON bk.estate_id = f.est AND bk.kind = 'arrears'"
    "   AND bk.ext_key = f.bk"
    "  JOIN bills b ON b.id = bk.entity_id"
    "  JOIN import_stage s FORCE INDEX (import_stage_b) ON s.batch_id = f.bat"
    "   AND s.b = f.bk"
    "  WHERE NOT EXISTS (SELECT 1 FROM import_keys ik WHERE"
    "  ik.estate_id = bk.estate_id AND ik.kind = 'payments'"
    "  AND ik.ext_key = s.k)) x"
    " WHERE x.in_file + x.settled > x.amt");

SQL_DEF(SQL_IMP_R_SAME,
    "SELECT COUNT(*) FROM " Q
    " JOIN import_keys ik ON ik.estate_id = q.est AND ik.kind = 'payments'"
    "  AND ik.ext_key = s.k");

/* The copies: params estate, batch, the transaction's time. */
#define QT	"(SELECT CAST(? AS SIGNED) AS est, CAST(? AS SIGNED) AS bat," \
	" CAST(? AS DATETIME) AS at) q JOIN import_stage s ON s.batch_id = q.bat"

SQL_DEF(SQL_IMP_R_INSERT,
    "INSERT INTO payments (estate_id, premises_id, payer_owner_id, payer_name,"
    " amount_fen, channel, channel_sub, collector_id, paid_at, note,"
    " created_at)"
    " SELECT q.est, b.premises_id, NULL, s.e, s.x1, s.d, '', NULL,"
    " CONCAT(s.c, ' 12:00:00'), " PAY_NOTE ", q.at FROM " QT PAY_BILL
    " WHERE" PAY_UNKNOWN
    " ORDER BY s.line");

/* Params: batch, estate, the first payment's id, batch. x3: the row's
 * place among the file's new payments (1, 2, ...). */
SQL_DEF(SQL_IMP_R_NUMBER,
    "UPDATE import_stage s JOIN (SELECT s.line,"
    "  ROW_NUMBER() OVER (ORDER BY s.line) AS rn"
    "  FROM (SELECT CAST(? AS SIGNED) AS bat, CAST(? AS SIGNED) AS est) q"
    "  JOIN import_stage s ON s.batch_id = q.bat WHERE" PAY_UNKNOWN ") r"
    " ON r.line = s.line"
    " SET s.x2 = CAST(? AS SIGNED) + (r.rn - 1) * @@auto_increment_increment,"
    " s.x3 = r.rn"
    " WHERE s.batch_id = ?");

/* How many numbered rows name a payment that is theirs. */
SQL_DEF(SQL_IMP_R_VERIFY,
    "SELECT COUNT(*) FROM import_stage s JOIN payments p ON p.id = s.x2"
    " AND p.estate_id = ? AND p.amount_fen = s.x1 AND p.note = " PAY_NOTE
    " WHERE s.batch_id = ? AND s.x2 IS NOT NULL");

SQL_DEF(SQL_IMP_R_ALLOCATE,
    "INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen,"
    " source, created_at)"
    " SELECT q.est, s.x2, b.id, s.x1, 'payment', q.at FROM " QT PAY_BILL
    " WHERE s.x2 IS NOT NULL ORDER BY s.line");

/* The counter advanced by the file's number of payments, at once. */
SQL_DEF(SQL_IMP_R_COUNTER,
    "INSERT INTO receipt_counters (estate_id, year, last_seq) VALUES (?, ?, ?)"
    " ON DUPLICATE KEY UPDATE last_seq = last_seq + VALUES(last_seq)");

SQL_DEF(SQL_IMP_R_SEQ,
    "SELECT r.last_seq, e.code FROM receipt_counters r"
    " JOIN estates e ON e.id = r.estate_id"
    " WHERE r.estate_id = ? AND r.year = ?");

/* Params: estate, batch, time, year, the number before the file's,
 * estate code; numbers as books_receipt writes them (%06lld). */
SQL_DEF(SQL_IMP_R_RECEIPTS,
    "INSERT INTO receipts (estate_id, year, seq, number, payment_id,"
    " verify_code, issued_at, issued_by)"
    " SELECT q.est, x.year, x.base + s.x3, CONCAT(x.code, '-', x.year, '-',"
    " LPAD(x.base + s.x3, GREATEST(6, LENGTH(x.base + s.x3)), '0')), s.x2,"
    " s.vc, q.at, NULL FROM " QT
    " JOIN (SELECT CAST(? AS SIGNED) AS year, CAST(? AS SIGNED) AS base,"
    " CAST(? AS CHAR) AS code) x"
    " WHERE s.x2 IS NOT NULL ORDER BY s.line");

SQL_DEF(SQL_IMP_R_KEYS,
    "INSERT INTO import_keys (estate_id, kind, ext_key, entity_id, row_hash,"
    " batch_id)"
    " SELECT q.est, 'payments', s.k, s.x2, " PAY_HASH ", q.bat FROM " Q
    " WHERE s.x2 IS NOT NULL");

/* The file's bills take the status their allocations give them
 * (ledger.h's expression, as ledger_restatus sets one bill's). */
SQL_DEF(SQL_IMP_R_RESTATUS,
    "UPDATE bills b JOIN (SELECT DISTINCT bk.entity_id AS id FROM " Q
    " JOIN import_keys bk ON bk.estate_id = q.est AND bk.kind = 'arrears'"
    "  AND bk.ext_key = s.b"
    " WHERE s.x2 IS NOT NULL) f ON f.id = b.id"
    " SET b.status = " LEDGER_STATUS_SQL);

SQL_DEF(SQL_IMP_R_TOTAL,
    "SELECT COUNT(*), COALESCE(SUM(s.x1), 0) FROM import_stage s"
    " WHERE s.batch_id = ? AND s.x2 IS NOT NULL");

/* ---- one row, read in C ---- */

/* One parsed row, as staged. */
struct srow {
	int		 line;
	const char	*k, *a, *b, *c, *d, *e;
	int64_t		 x1, x2, x3;	/* DB_NULL: none */
	const char	*vc;
};

/* The field without spaces (ASCII and the full-width one) around it. */
static const char *
trim(struct arena *a, const char *s)
{
	size_t	 n;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return arena_strndup(a, s, n);
}

/* Characters (code points) of UTF-8 text. */
static size_t
chars(const char *s)
{
	size_t	 n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Why a text field is refused (required, at most max characters), or
 * NULL. */
static const char *
text_problem(struct arena *a, const char *name, const char *s, int required,
    size_t max)
{
	if (required && *s == '\0')
		return arena_printf(a, "%s不能为空", name);
	if (!utf8_text_ok(s, strlen(s)))
		return arena_printf(a, "%s含有不能识别的字符", name);
	if (s[strcspn(s, "\t\r\n")] != '\0')
		return arena_printf(a, "%s中有换行或制表符（请删去，一格只填一行字）",
		    name);
	if (chars(s) > max)
		return arena_printf(a, "%s最多 %zu 个字", name, max);
	return NULL;
}

/* A whole number of digits in [lo, hi]; 0 or -1. */
static int
whole(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	int64_t	 v = 0;
	int	 neg = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '\0' || strlen(s) > 9)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Adds a reason to the list of a line's reasons. */
static const char *
also(struct arena *a, const char *have, const char *why)
{
	return have == NULL ? why : arena_printf(a, "%s；%s", have, why);
}

static const char *
read_premises(struct arena *a, const struct csv_row *r, struct srow *o)
{
	const char	*why = NULL, *p;
	int64_t		 v;

	o->k = trim(a, r->f[0]);
	o->a = trim(a, r->f[1]);
	o->b = trim(a, r->f[2]);
	o->c = trim(a, r->f[3]);
	o->x3 = DB_NULL;
	if ((p = text_problem(a, "房屋编号", o->k, 1, 64)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "楼栋", o->a, 1, 32)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "单元", o->b, 0, 16)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "房号", o->c, 1, 16)) != NULL)
		why = also(a, why, p);
	p = trim(a, r->f[4]);
	if (*p == '\0')
		o->x1 = 1;
	else if (whole(p, -10, 300, &o->x1) < 0)
		why = also(a, why, arena_printf(a, "楼层“%s”应为整数（-10 到 300）",
		    p));
	p = trim(a, r->f[5]);
	if (*p == '\0')
		why = also(a, why, "建筑面积不能为空");
	else if (money_parse(p, &v) != MONEY_OK || v <= 0 ||
	    v > INT64_C(10000000))
		why = also(a, why, arena_printf(a, "建筑面积“%s”应为大于 0 的数，"
		    "最多两位小数（单位：平方米，如 89.50）", p));
	else
		o->x2 = v;
	p = trim(a, r->f[6]);
	if (strcmp(p, "常住") == 0 || strcmp(p, "常住户") == 0)
		o->d = occupancy_codes[OCC_OCCUPIED];
	else if (strcmp(p, "空置") == 0 || strcmp(p, "空置户") == 0)
		o->d = occupancy_codes[OCC_VACANT];
	else if (strcmp(p, "商铺") == 0)
		o->d = occupancy_codes[OCC_SHOP];
	else
		why = also(a, why, arena_printf(a, "类型“%s”应为 常住、空置 或 商铺",
		    p));
	return why;
}

/* The channels' words (短信、微信、App, any separator) as a mask. */
static int
channels(const char *s, int64_t *mask)
{
	const char	*p = s;
	int64_t		 m = 0;

	while (*p) {
		if (strncmp(p, "短信", 6) == 0) {
			m |= 1;
			p += 6;
		} else if (strncmp(p, "微信", 6) == 0) {
			m |= 2;
			p += 6;
		} else if (strncasecmp(p, "app", 3) == 0) {
			m |= 4;
			p += 3;
		} else if (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0 ||
		    strncmp(p, "；", 3) == 0) {
			p += 3;
		} else if (strchr(" ,;/+|", *p) != NULL) {
			p++;
		} else
			return -1;
	}
	*mask = m ? m : 1;	/* none said: SMS, as a new owner has */
	return 0;
}

static const char *
read_owner(struct arena *a, const struct csv_row *r, struct srow *o)
{
	const char	*why = NULL, *p;
	struct date	 t = cal_today();
	size_t		 i;

	o->k = trim(a, r->f[0]);
	o->a = trim(a, r->f[1]);
	o->b = trim(a, r->f[2]);
	o->c = trim(a, r->f[5]);
	o->d = "";
	if ((p = text_problem(a, "业主编号", o->k, 1, 64)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "姓名", o->a, 1, 50)) != NULL)
		why = also(a, why, p);
	for (i = 0; o->b[i] >= '0' && o->b[i] <= '9'; i++)
		;
	if (i != 11 || o->b[i] != '\0' || o->b[0] != '1')
		why = also(a, why, arena_printf(a, "手机号“%s”应为 1 开头的 11 位数字",
		    o->b));
	p = trim(a, r->f[3]);
	o->x1 = DB_NULL;
	if (*p != '\0' && whole(p, 1900, t.y - 16, &o->x1) < 0)
		why = also(a, why, arena_printf(a, "出生年份“%s”应为 1900 到 %d "
		    "之间的四位年份（业主应年满 16 岁），不知道可以不填", p,
		    t.y - 16));
	p = trim(a, r->f[4]);
	if (channels(p, &o->x2) < 0)
		why = also(a, why, arena_printf(a, "接收渠道“%s”只能是 短信、微信、"
		    "App（可填多个，用顿号隔开）", p));
	if ((p = text_problem(a, "房屋编号", o->c, 1, 64)) != NULL)
		why = also(a, why, p);
	p = trim(a, r->f[6]);
	if (*p == '\0' || strcmp(p, "业主") == 0 || strcmp(p, "产权人") == 0)
		o->x3 = 1;
	else if (strcmp(p, "共有人") == 0)
		o->x3 = 0;
	else
		why = also(a, why, arena_printf(a, "产权关系“%s”应为 业主 或 共有人",
		    p));
	return why;
}

/*
 * A date as Excel may have rewritten it: 2024-12-15, 2024/12/15,
 * 2024.12.15 or 2024年12月15日; with month_only, 2024-12 (2024/12,
 * 2024年12月, or the 1st of the month written whole). Sets *d; 0 or -1.
 */
static int
read_date(const char *s, int month_only, struct date *d)
{
	char	 iso[32];
	int	 y = 0, m = 0, day = 0, n;
	const char *p = s;

	for (n = 0; n < 4 && *p >= '0' && *p <= '9'; n++, p++)
		y = y * 10 + (*p - '0');
	if (n != 4)
		return -1;
	if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else if (strncmp(p, "年", 3) == 0)
		p += 3;
	else
		return -1;
	for (n = 0; n < 2 && *p >= '0' && *p <= '9'; n++, p++)
		m = m * 10 + (*p - '0');
	if (n == 0)
		return -1;
	if (strncmp(p, "月", 3) == 0)
		p += 3;
	else if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else if (*p != '\0')
		return -1;
	for (n = 0; n < 2 && *p >= '0' && *p <= '9'; n++, p++)
		day = day * 10 + (*p - '0');
	if (strncmp(p, "日", 3) == 0)
		p += 3;
	if (*p != '\0' || (n == 0 && !month_only) ||
	    (month_only && n > 0 && day != 1))
		return -1;
	if (n == 0)
		day = 1;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, day);
	if (cal_parse(iso, d) != 0 || y < 1990 || y > 2100)
		return -1;
	return 0;
}

/* An opening bill above this (fen) is a typing slip. */
#define IMPORT_MAX_BILL	INT64_C(100000000)

static const char *
read_bill(struct arena *a, const struct csv_row *r, struct srow *o)
{
	const char	*why = NULL, *p;
	struct date	 t = cal_today(), d, per = { 0, 0, 0 };
	char		 buf[11];
	int64_t		 v;

	o->k = trim(a, r->f[0]);
	o->a = trim(a, r->f[1]);
	o->b = trim(a, r->f[2]);
	o->x3 = DB_NULL;
	if ((p = text_problem(a, "账单编号", o->k, 1, 64)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "房屋编号", o->a, 1, 64)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "收费项目", o->b, 1, 50)) != NULL)
		why = also(a, why, p);
	p = trim(a, r->f[3]);
	if (read_date(p, 1, &d) < 0 || d.y * 12 + d.m > t.y * 12 + t.m)
		why = also(a, why, arena_printf(a, "账期“%s”应为不晚于本月的年月，"
		    "如 2024-12", p));
	else {
		o->c = arena_strdup(a, cal_fmt(buf, d));
		per = d;
	}
	p = trim(a, r->f[4]);
	if (*p == '\0')
		o->x1 = 1;
	else if (whole(p, 1, 12, &o->x1) < 0)
		why = also(a, why, arena_printf(a, "月数“%s”应为 1 到 12 的整数"
		    "（按月 1，按季 3）", p));
	p = trim(a, r->f[5]);
	if (money_parse(p, &v) != MONEY_OK || v <= 0)
		why = also(a, why, arena_printf(a, "金额“%s”应为大于 0 的金额，"
		    "最多两位小数（单位：元，如 1234.50）", p));
	else if (v > IMPORT_MAX_BILL)
		why = also(a, why, arena_printf(a, "金额“%s”超过一张账单的上限 "
		    "1,000,000.00 元，请核对", p));
	else
		o->x2 = v;
	p = trim(a, r->f[6]);
	if (read_date(p, 0, &d) < 0)
		why = also(a, why, arena_printf(a, "到期日“%s”应为日期，如 2025-01-15",
		    p));
	else
		o->d = arena_strdup(a, cal_fmt(buf, d));
	/* A due date far from the period is a typing slip (1990 for 2026):
	 * from a month before the period to a year after its last month. */
	if (o->d != NULL && per.y != 0 && o->x1 != 0) {
		struct date	 lo, hi;
		char		 lbuf[11];

		lo = cal_add_days(per, -31);
		hi = cal_add_days(cal_add_months(per, (int)o->x1), 366 - 1);
		if (cal_cmp(d, lo) < 0 || cal_cmp(d, hi) > 0)
			why = also(a, why, arena_printf(a, "到期日“%s”与账期 %d-%02d "
			    "相差太远（应在 %s 到 %s 之间）", p, per.y, per.m,
			    cal_fmt(lbuf, lo), cal_fmt(buf, hi)));
	}
	return why;
}

/* The payments file's 方式: its words, and the channel each records. */
static const struct {
	const char	*word;
	const char	*channel;	/* payments.channel */
} pay_ways[] = {
	{ "现金", "cash" },
	{ "POS", "pos_counter" },
	{ "刷卡", "pos_counter" },
	{ "微信", "wechat" },
	{ "支付宝", "alipay" },
	{ "银联", "unionpay" },
};

static const char *
read_payment(struct ctx *ctx, const struct csv_row *r, struct srow *o)
{
	struct arena	*a = ctx->a;
	const char	*why = NULL, *p;
	struct date	 t = cal_today(), d;
	char		 buf[11];
	int64_t		 v;
	size_t		 i;

	o->k = trim(a, r->f[0]);
	o->a = trim(a, r->f[1]);
	o->b = trim(a, r->f[2]);
	o->e = trim(a, r->f[6]);
	o->x2 = o->x3 = DB_NULL;
	if ((p = text_problem(a, "缴费编号", o->k, 1, 64)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "房屋编号", o->a, 1, 64)) != NULL)
		why = also(a, why, p);
	if ((p = text_problem(a, "账单编号", o->b, 1, 64)) != NULL)
		why = also(a, why, p);
	p = trim(a, r->f[3]);
	if (money_parse(p, &v) != MONEY_OK || v <= 0)
		why = also(a, why, arena_printf(a, "金额“%s”应为大于 0 的金额，"
		    "最多两位小数（单位：元，如 1234.50）", p));
	else
		o->x1 = v;
	p = trim(a, r->f[4]);
	if (read_date(p, 0, &d) < 0)
		why = also(a, why, arena_printf(a, "缴费日期“%s”应为 1990 年以后的"
		    "日期，如 2024-12-10", p));
	else if (d.y * 10000 + d.m * 100 + d.d > t.y * 10000 + t.m * 100 + t.d)
		why = also(a, why, arena_printf(a, "缴费日期“%s”晚于今天", p));
	else
		o->c = arena_strdup(a, cal_fmt(buf, d));
	p = trim(a, r->f[5]);
	for (i = 0; i < sizeof(pay_ways) / sizeof(pay_ways[0]); i++)
		if (strcasecmp(p, pay_ways[i].word) == 0)
			o->d = pay_ways[i].channel;
	if (o->d == NULL)
		why = also(a, why, arena_printf(a, "方式“%s”应为 现金、POS（刷卡）、"
		    "微信、支付宝 或 银联", p));
	if ((p = text_problem(a, "缴费人", o->e, 0, 50)) != NULL)
		why = also(a, why, p);
	/* 96 random bits: the receipt's public verification key (as
	 * books_receipt draws it). */
	o->vc = ctx_random_hex(ctx, 12);
	return why;
}

/* ---- the run ---- */

/* A reason of a line, the seq-th found. */
struct err1 {
	int		 line;
	size_t		 seq;
	const char	*why;
};

struct errs {
	struct err1	*e;
	size_t		 n, cap;
};

/* Adds why to line's reasons (rows come by line, checks in any order):
 * kept as found, put together by errs_list. */
static void
err_add(struct arena *a, struct errs *es, int line, const char *why)
{
	if (es->n == es->cap) {
		struct err1 *ne;

		es->cap = es->cap ? es->cap * 2 : 16;
		ne = arena_alloc(a, es->cap * sizeof(*ne));
		if (es->n)
			memcpy(ne, es->e, es->n * sizeof(*ne));
		es->e = ne;
	}
	es->e[es->n].line = line;
	es->e[es->n].seq = es->n;
	es->e[es->n].why = why;
	es->n++;
}

static int
by_line(const void *x, const void *y)
{
	const struct err1 *a = x, *b = y;

	if (a->line != b->line)
		return (a->line > b->line) - (a->line < b->line);
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The bad lines, by line, each with its reasons in the order found. */
static void
errs_list(struct arena *a, struct errs *es, struct import_res *res)
{
	size_t	 i, n = 0;

	qsort(es->e, es->n, sizeof(*es->e), by_line);
	res->errs = arena_alloc(a, es->n * sizeof(*res->errs));
	for (i = 0; i < es->n; i++) {
		if (n > 0 && res->errs[n - 1].line == es->e[i].line) {
			res->errs[n - 1].why = also(a, res->errs[n - 1].why,
			    es->e[i].why);
			continue;
		}
		res->errs[n].line = es->e[i].line;
		res->errs[n].why = es->e[i].why;
		n++;
	}
	res->nerrs = n;
}

/* Writes rows[0..n) to import_stage, 100 rows a statement. 0 or -1. */
static int
stage(struct ctx *ctx, int64_t batch, const struct srow *rows, size_t n)
{
	static const struct {
		const struct sql	*q;
		size_t			 rows;
	} sizes[] = {
		{ &SQL_IMP_STAGE_100, 100 },
		{ &SQL_IMP_STAGE_10, 10 },
		{ &SQL_IMP_STAGE_1, 1 },
	};
	struct db_arg	*args;
	char		*fmt;
	size_t		 done = 0, s, i, j;

	args = arena_alloc(ctx->a, 100 * STAGE_NPAR * sizeof(*args));
	fmt = arena_alloc(ctx->a, 100 * STAGE_NPAR + 1);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (i = 0; i < sizes[s].rows; i++)
			memcpy(fmt + i * STAGE_NPAR, STAGE_FMT, STAGE_NPAR);
		fmt[sizes[s].rows * STAGE_NPAR] = '\0';
		while (n - done >= sizes[s].rows) {
			for (i = 0; i < sizes[s].rows; i++) {
				const struct srow *r = &rows[done + i];
				struct db_arg *p = &args[i * STAGE_NPAR];

				memset(p, 0, STAGE_NPAR * sizeof(*p));
				p[0].i = batch;
				p[1].i = r->line;
				p[2].s = r->k;
				p[3].s = r->a;
				p[4].s = r->b;
				p[5].s = r->c;
				p[6].s = r->d;
				p[7].s = r->e;
				p[8].i = r->x1;
				p[9].i = r->x2;
				p[10].i = r->x3;
				p[11].s = r->vc;
				for (j = 2; j < STAGE_NPAR; j++)
					if (j != 8 && j != 9 && j != 10 &&
					    p[j].s == NULL)
						p[j].s = "";
			}
			if (db_exec_array(ctx, sizes[s].q, fmt, args) < 0)
				return -1;
			done += sizes[s].rows;
		}
	}
	return 0;
}

/* A check: its statement and its message (%s: the detail it gives). */
struct import_check {
	const struct sql	*check_q;
	const char		*msg;
};

static const struct import_check premises_checks[] = {
	{ &SQL_IMP_DUP_KEY, "房屋编号与第 %s 行重复" },
	{ &SQL_IMP_P_DUP_ROOM, "与第 %s 行是同一套房屋" },
	{ &SQL_IMP_P_CHANGED, "房屋编号 %s 已导入过，但这一行与当时导入的不同"
	    "（导入不会修改已有的房屋：请改回原样，或到台账中修改）" },
	{ &SQL_IMP_P_TAKEN, "本小区已有房屋 %s，但不是用这个房屋编号导入的" },
	{ NULL, NULL }
};

static const struct import_check owners_checks[] = {
	{ &SQL_IMP_O_DUP_LINK, "与第 %s 行重复（同一业主、同一房屋）" },
	{ &SQL_IMP_O_DIFFERS, "业主编号与第 %s 行相同，但姓名、手机号、出生年份"
	    "或接收渠道不同" },
	{ &SQL_IMP_O_DUP_PHONE, "手机号与第 %s 行另一个业主编号的相同" },
	{ &SQL_IMP_O_NO_PREMISES, "没有房屋编号为 %s 的房屋（请先导入房屋文件）" },
	{ &SQL_IMP_O_CHANGED, "业主编号 %s 已导入过，但姓名、手机号、出生年份或"
	    "接收渠道与当时导入的不同（导入不会修改已有的业主）" },
	{ &SQL_IMP_O_PHONE_TAKEN, "手机号 %s 已是另一位业主的登录手机号" },
	{ &SQL_IMP_O_TWO_PRIMARY, "与第 %s 行是同一套房屋的业主（一套房只能有"
	    "一位业主，其他人填 共有人）" },
	{ &SQL_IMP_O_PRIMARY_TAKEN, "这套房屋已有业主 %s（一套房只能有一位业主，"
	    "其他人填 共有人）" },
	{ NULL, NULL }
};

static const struct import_check arrears_checks[] = {
	{ &SQL_IMP_DUP_KEY, "账单编号与第 %s 行重复" },
	{ &SQL_IMP_A_NO_PREMISES, "没有房屋编号为 %s 的房屋（请先导入房屋文件）" },
	{ &SQL_IMP_A_NO_ITEM, "本小区没有“%s”这个收费项目（填收费标准中的代码或"
	    "名称，如 WYF 或 物业费）" },
	{ &SQL_IMP_A_DUP_BILL, "与第 %s 行是同一房屋、同一项目、同一账期" },
	{ &SQL_IMP_A_BILLED, "这套房屋已有 %s 的账单" },
	{ &SQL_IMP_A_CHANGED, "账单编号 %s 已导入过，但这一行与当时导入的不同"
	    "（导入不会修改已有的账单：更正请用减免或调整账单）" },
	{ NULL, NULL }
};

static const struct import_check payments_checks[] = {
	{ &SQL_IMP_DUP_KEY, "缴费编号与第 %s 行重复" },
	{ &SQL_IMP_A_NO_PREMISES, "没有房屋编号为 %s 的房屋（请先导入房屋文件）" },
	{ &SQL_IMP_R_NO_BILL, "没有账单编号为 %s 的期初账单（请先导入期初欠费"
	    "文件，这里填其中的账单编号）" },
	{ &SQL_IMP_R_OTHER_HOME, "账单 %s" },
	{ &SQL_IMP_R_CHANGED, "缴费编号 %s 已导入过，但这一行与当时导入的不同"
	    "（导入不会修改已入账的缴费：更正请在收据中作废后重新收费）" },
	{ &SQL_IMP_R_OVER, "缴费超过账单金额：账单 %s" },
	{ NULL, NULL }
};

static const struct import_check *const kind_checks[IMPORT__MAX] = {
	premises_checks, owners_checks, arrears_checks, payments_checks
};

static int
run_checks(struct ctx *ctx, const struct import_check *c, int64_t estate,
    int64_t batch, struct errs *es)
{
	struct db_res	*res;
	const char	*detail;
	int64_t		 line;
	int		 rc;

	for (; c->check_q != NULL; c++) {
		if ((res = db_query(ctx, c->check_q, "ii", estate, batch)) == NULL)
			return -1;
		while ((rc = db_row(res, "is", &line, &detail)) == 1)
			err_add(ctx->a, es, (int)line,
			    arena_printf(ctx->a, c->msg, detail));
		if (rc < 0)
			return -1;
	}
	return 0;
}

/*
 * The payments file's copy (see SQL_IMP_R_INSERT): the payments, their
 * numbers, allocations, receipts, keys, then the bills' statuses. No
 * e-receipt message is queued (receipt_announce's): these were paid long
 * ago, and a migration would send every owner years of receipts at once.
 * *fresh the payments made, *total what they come to, *more their
 * receipts' numbers for the audit row. 0, IMPORT_RACED or -1.
 */
static int
copy_payments(struct ctx *ctx, const struct import_job *j, int64_t batch,
    int64_t *fresh, int64_t *total, const char **more)
{
	const char	*now = books_now(ctx), *code;
	int64_t		 n, first, year = 0, last, ok, cnt;
	int		 i;

	*total = 0;
	if ((n = db_exec(ctx, &SQL_IMP_R_INSERT, "iis", j->estate, batch,
	    now)) < 0)
		return -1;
	*fresh = n;
	if (n == 0)
		return 0;
	first = db_insert_id(ctx);
	if (db_exec(ctx, &SQL_IMP_R_NUMBER, "iiii", batch, j->estate, first,
	    batch) < 0)
		return -1;
	if (db_one(ctx, &SQL_IMP_R_VERIFY, "ii", "i", j->estate, batch,
	    &ok) != 1)
		return -1;
	if (ok != n) {
		/* ids not consecutive (innodb_autoinc_lock_mode 2?): write
		 * nothing rather than allocate to another's payment */
		log_warnx("%s: %lld of %lld payments found by id", __func__,
		    (long long)ok, (long long)n);
		ctx->db_failed = 1;
		return -1;
	}
	if (db_exec(ctx, &SQL_IMP_R_ALLOCATE, "iis", j->estate, batch,
	    now) < 0)
		return -1;
	if ((cnt = db_exec_unique(ctx, &SQL_IMP_R_KEYS, "ii", j->estate,
	    batch)) == DB_DUPLICATE)
		return IMPORT_RACED;
	if (cnt < 0)
		return -1;
	if (db_exec(ctx, &SQL_IMP_R_RESTATUS, "ii", j->estate, batch) < 0)
		return -1;
	/* Last, as books_pay: the counter row every payment of the estate
	 * waits on, advanced by the file's n payments at once. */
	for (i = 0; i < 4; i++)
		year = year * 10 + (now[i] - '0');
	if (db_exec(ctx, &SQL_IMP_R_COUNTER, "iii", j->estate, year, n) < 0 ||
	    db_one(ctx, &SQL_IMP_R_SEQ, "ii", "is", j->estate, year, &last,
	    &code) != 1)
		return -1;
	if ((cnt = db_exec_unique(ctx, &SQL_IMP_R_RECEIPTS, "iisiis", j->estate,
	    batch, now, year, last - n, code)) == DB_DUPLICATE)
		return IMPORT_RACED;
	if (cnt < 0)
		return -1;
	if (db_one(ctx, &SQL_IMP_R_TOTAL, "i", "ii", batch, &cnt, total) != 1)
		return -1;
	*more = arena_printf(ctx->a, "; receipts %s-%lld-%06lld to %06lld,"
	    " no e-receipt messages", code, (long long)year,
	    (long long)(last - n + 1), (long long)last);
	return 0;
}

/* The copies of a file with no bad row; *fresh what they added. */
static int
copy(struct ctx *ctx, const struct import_job *j, int64_t batch,
    int64_t *fresh, int64_t *total, const char **more)
{
	int64_t		 n;

	if (j->kind == IMPORT_PAYMENTS)
		return copy_payments(ctx, j, batch, fresh, total, more);
	if (j->kind == IMPORT_PREMISES) {
		/* a building another import made meanwhile: raced */
		if ((n = db_exec_unique(ctx, &SQL_IMP_P_BUILDINGS, "ii", j->estate,
		    batch)) == DB_DUPLICATE)
			return IMPORT_RACED;
		if (n < 0)
			return -1;
		if ((n = db_exec_unique(ctx, &SQL_IMP_P_INSERT, "ii", j->estate,
		    batch)) == DB_DUPLICATE)
			return IMPORT_RACED;
		if (n < 0)
			return -1;
		*fresh = n;
		n = db_exec_unique(ctx, &SQL_IMP_P_KEYS, "ii", j->estate, batch);
	} else if (j->kind == IMPORT_ARREARS) {
		if ((n = db_exec_unique(ctx, &SQL_IMP_A_INSERT, "ii", j->estate,
		    batch)) == DB_DUPLICATE)
			return IMPORT_RACED;
		if (n < 0)
			return -1;
		*fresh = n;
		n = db_exec_unique(ctx, &SQL_IMP_A_KEYS, "ii", j->estate, batch);
	} else {
		if ((n = db_exec_unique(ctx, &SQL_IMP_O_INSERT, "ii", j->estate,
		    batch)) == DB_DUPLICATE)
			return IMPORT_RACED;
		if (n < 0)
			return -1;
		if ((n = db_exec_unique(ctx, &SQL_IMP_O_KEYS, "ii", j->estate,
		    batch)) == DB_DUPLICATE)
			return IMPORT_RACED;
		if (n < 0)
			return -1;
		n = db_exec_unique(ctx, &SQL_IMP_O_LINKS, "ii", j->estate, batch);
		*fresh = n;
	}
	if (n == DB_DUPLICATE)
		return IMPORT_RACED;
	return n < 0 ? -1 : 0;
}

/*
 * After opening bills are made: what they come to (*total, for the audit
 * row), and the prepaid money of their households applied to them
 * (books_prepaid). 0 or -1.
 */
static int
arrears_after(struct ctx *ctx, int64_t estate, int64_t batch, int64_t *total)
{
	int64_t		*ids;
	size_t		 n, i;

	if (db_one(ctx, &SQL_IMP_A_TOTAL, "ii", "i", estate, batch, total) < 0)
		return -1;
	if (db_ints(ctx, &SQL_IMP_A_PREPAID, &ids, &n, "ii", estate, batch) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (books_prepaid(ctx, estate, ids[i], "import.arrears", NULL) !=
		    BOOKS_OK)
			return -1;
	return 0;
}

int
import_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct import_job	*j = arg;
	struct import_res	*res = &j->res;
	struct srow		*rows;
	struct errs		 es;
	const char *const	*cols;
	const char		*why;
	int64_t			 batch, same, fresh = 0, total = DB_NULL;
	const char		*more = "";
	size_t			 ncols, i, nok = 0;
	int			 rc;

	/* Run again after a deadlock: from the start. */
	memset(res, 0, sizeof(*res));
	memset(&es, 0, sizeof(es));
	cols = import_columns(j->kind, &ncols);
	if (j->n == 0 || !csv_is_header(&j->rows[0], cols, ncols)) {
		struct buf b;

		buf_init(&b, ctx->a, 64);
		for (i = 0; i < ncols; i++)
			buf_printf(&b, "%s%s", i ? "," : "", cols[i]);
		res->file_err = arena_printf(ctx->a, "第一行应为表头：%s。"
		    "请用本页下载的模板填写。", buf_str(&b));
		return IMPORT_REFUSED;
	}
	res->rows = j->n - 1;
	if (res->rows == 0) {
		res->file_err = "文件中只有表头，没有数据行。";
		return IMPORT_REFUSED;
	}
	if (res->rows > IMPORT_MAX_ROWS) {
		res->file_err = arena_printf(ctx->a, "一个文件最多 %d 行数据，"
		    "这个文件有 %zu 行：请分成几个文件导入。", IMPORT_MAX_ROWS,
		    res->rows);
		return IMPORT_REFUSED;
	}
	if (db_exec(ctx, &SQL_IMP_BATCH, "isssis", j->estate,
	    import_kind_codes[j->kind], j->file_name ? j->file_name : "",
	    j->enc == CSV_GB18030 ? "gb18030" : "utf8", ctx->actor.id,
	    ctx->now) < 0)
		return -1;
	batch = db_insert_id(ctx);
	rows = arena_alloc(ctx->a, res->rows * sizeof(*rows));
	for (i = 1; i < j->n; i++) {
		const struct csv_row *r = &j->rows[i];
		struct srow *o = &rows[nok];

		memset(o, 0, sizeof(*o));
		o->line = r->line;
		if (r->n != ncols)
			why = arena_printf(ctx->a, "应有 %zu 列，这一行有 %zu 列",
			    ncols, r->n);
		else if (j->kind == IMPORT_PREMISES)
			why = read_premises(ctx->a, r, o);
		else if (j->kind == IMPORT_OWNERS)
			why = read_owner(ctx->a, r, o);
		else if (j->kind == IMPORT_ARREARS)
			why = read_bill(ctx->a, r, o);
		else
			why = read_payment(ctx, r, o);
		if (why != NULL) {
			err_add(ctx->a, &es, r->line, why);
			continue;
		}
		nok++;
	}
	if (stage(ctx, batch, rows, nok) < 0)
		return -1;
	if (j->kind == IMPORT_PAYMENTS) {
		int64_t	*locked;
		size_t	 nlocked;

		if (db_ints(ctx, &SQL_IMP_R_LOCK, &locked, &nlocked, "ii",
		    j->estate, batch) < 0)
			return -1;
	}
	if (run_checks(ctx, kind_checks[j->kind], j->estate, batch, &es) < 0)
		return -1;
	if (j->kind == IMPORT_PREMISES)
		rc = db_one(ctx, &SQL_IMP_P_SAME, "ii", "i", j->estate, batch, &same);
	else if (j->kind == IMPORT_OWNERS)
		rc = db_one(ctx, &SQL_IMP_O_SAME, "ii", "i", j->estate, batch, &same);
	else if (j->kind == IMPORT_ARREARS)
		rc = db_one(ctx, &SQL_IMP_A_SAME, "ii", "i", j->estate, batch, &same);
	else
		rc = db_one(ctx, &SQL_IMP_R_SAME, "ii", "i", j->estate, batch, &same);
	if (rc < 0)
		return -1;
	res->same = (size_t)same;
	res->fresh = nok - res->same;
	if (es.n > 0) {
		errs_list(ctx->a, &es, res);
		return IMPORT_REFUSED;
	}
	if (j->dry)
		return IMPORT_REFUSED;
	if ((rc = copy(ctx, j, batch, &fresh, &total, &more)) != 0)
		return rc;
	res->fresh = (size_t)fresh;
	res->batch = batch;
	if (db_exec(ctx, &SQL_IMP_UNSTAGE, "i", batch) < 0)
		return -1;
	if (db_exec(ctx, &SQL_IMP_BATCH_DONE, "iiii", (int64_t)res->rows,
	    (int64_t)res->fresh, (int64_t)res->same, batch) < 0)
		return -1;
	if (j->kind == IMPORT_ARREARS && arrears_after(ctx, j->estate, batch,
	    &total) < 0)
		return -1;
	if (audit(ctx, j->estate, "import.file", "import_batch", batch, total,
	    arena_printf(ctx->a, "%s: %zu rows, %zu new, %zu imported before"
	    " (%s, %s)%s", import_kind_codes[j->kind], res->rows, res->fresh,
	    res->same, j->file_name ? j->file_name : "",
	    j->enc == CSV_GB18030 ? "GB18030" : "UTF-8", more)) < 0)
		return -1;
	*made = batch;
	return 0;
}

struct check_arg {
	struct import_job	*j;
	int			 rc;
};

static int
check_tx(struct ctx *ctx, void *arg)
{
	struct check_arg	*c = arg;
	int64_t			 made;

	c->j->dry = 1;
	c->rc = import_tx(ctx, c->j, &made);
	/* Always rolled back: a dry run writes nothing. */
	return c->rc < 0 ? -1 : IMPORT_REFUSED;
}

int
import_check(struct ctx *ctx, struct import_job *j)
{
	struct check_arg	 c = { j, 0 };

	return db_tx(ctx, check_tx, &c) < 0 ? -1 : 0;
}

int
import_batch(struct ctx *ctx, int64_t estate, int64_t batch,
    enum import_kind *kind, struct import_res *res)
{
	const char	*k;
	int64_t		 total, fresh, same;
	int		 rc, kk;

	memset(res, 0, sizeof(*res));
	rc = db_one(ctx, &SQL_IMP_BATCH_GET, "ii", "siii", batch, estate, &k,
	    &total, &fresh, &same);
	if (rc != 1)
		return rc;
	if ((kk = import_kind_parse(k)) < 0)
		return 0;
	*kind = (enum import_kind)kk;
	res->rows = (size_t)total;
	res->fresh = (size_t)fresh;
	res->same = (size_t)same;
	res->batch = batch;
	return 1;
}
