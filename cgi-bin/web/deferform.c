/*
 * deferform.c - a deferral application's bills and lengths, for the
 * owner's form and the back office's alike (deferform.h).
 */
#include <string.h>

#include "cal.h"
#include "deferral.h"
#include "deferform.h"
#include "http.h"
#include "labels.h"
#include "arena.h"
#include "page.h"
#include "rqphoto.h"
#include "tmpl.h"
#include "valid.h"

const char *const deferform_months[] = { "1", "2", "3", "6", NULL };
const int deferform_months_n[] = { 1, 2, 3, 6 };

int
deferform_fill(struct req *r, struct tmpl *d, int64_t premises_id,
    const struct fval *months, const int64_t *checked, int nchecked)
{
	struct deferral_bill	*b;
	struct tmpl		*row;
	int			 i, j, n, on;

	if ((n = deferral_open_bills(r->ctx, premises_id, cal_today(),
	    &b)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		row = tmpl_row(d, "BILL");
		tmpl_set_int(row, "BILL_ID", b[i].id);
		tmpl_set(row, "PERIOD", label_period(r->a, b[i].period,
		    (int)b[i].months));
		tmpl_set(row, "ITEM", b[i].item);
		tmpl_set(row, "DUE", label_date(r->a, b[i].due));
		page_money(row, "OWED", b[i].owed);
		if (b[i].past_due)
			tmpl_show(row, "LATE");
		/* first time: the past-due bills ticked */
		on = months == NULL ? b[i].past_due : 0;
		for (j = 0; j < nchecked && !on; j++)
			on = checked[j] == b[i].id;
		if (on)
			tmpl_show(row, "CHECKED");
	}
	if (n == 0)
		tmpl_show(d, "NO_BILLS");
	for (i = 0; deferform_months[i] != NULL; i++) {
		row = tmpl_row(d, "MONTHS_OPT");
		tmpl_set(row, "KEY", deferform_months[i]);
		if (months != NULL ? months->set && months->err == NULL &&
		    months->i == i : strcmp(deferform_months[i], "3") == 0)
			tmpl_show(row, "CHECKED");
	}
	return 0;
}

static const struct field bill_field = {
	"bill", "账单", V_INT, V_REQUIRED, 1, INT64_MAX / 2, NULL
};

int
deferform_bills(struct req *r, int64_t premises_id, int64_t **ids,
    int *nids, const char *not_ours, const char **err)
{
	struct deferral_bill	*open;
	struct fval		 bv;
	size_t			 i;
	int			 nopen;

	*err = NULL;
	*nids = 0;
	*ids = arena_alloc(r->a, (r->form.n + 1) * sizeof(**ids));
	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "bill") != 0)
			continue;
		if (valid_one(r, &bill_field, r->form.v[i].val, &bv) != NULL) {
			*err = "所选账单有误，请重新选择";
			continue;
		}
		(*ids)[(*nids)++] = bv.i;
	}
	if ((nopen = deferral_open_bills(r->ctx, premises_id, cal_today(),
	    &open)) < 0)
		return -1;
	if (*err == NULL && *nids == 0)
		*err = "请至少勾选一笔要缓交的账单";
	else if (*err == NULL && !deferral_bills_ok(open, nopen, *ids, *nids))
		*err = not_ours;
	return 0;
}

int
deferform_photo(struct req *r, struct photo *photos, size_t *np,
    const char **err)
{
	int	 rc;

	*np = 0;
	if ((rc = rqphoto_take(r, "photo", photos, np, err)) != 0) {
		if (rc < 0)
			page_fail(r);
		return rc < 0 ? -1 : 1;
	}
	if (*np > 1) {
		rqphoto_drop(photos, *np);
		*np = 0;
		*err = "证明材料只能上传一张照片";
		return 1;
	}
	return 0;
}
