/*
 * verify.c - GET /r/<code>: the public page a receipt's QR code opens.
 * Anyone holding the receipt can check it: valid or void, the amount, the
 * date, and the payer and premises masked (张*, 3栋**室). An unknown code
 * is 404. Renders templates/owner/verify.tpl.
 */
#include "arena.h"
#include "http.h"
#include "labels.h"
#include "page.h"
#include "pages.h"
#include "receipt.h"
#include "tmpl.h"

void
page_verify(struct req *r)
{
	struct receipt	 rc;
	struct tmpl	*d;
	int		 rv;

	if ((rv = receipt_by_code(r->ctx, r->code, &rc)) != 1) {
		if (rv == 0)
			page_error(r, 404, "查无此收据。请核对二维码或网址是否"
			    "完整，或向物业服务中心查询。");
		return;
	}
	d = page_new(r, "owner/verify.tpl", "收据查验");
	tmpl_set(d, "NUMBER", rc.number);
	tmpl_set(d, "ESTATE", rc.estate);
	tmpl_set(d, "CENTRE", rc.centre);
	tmpl_set(d, "DATE", label_date(r->a, rc.issued_at));
	page_money(d, "AMOUNT", rc.amount);
	tmpl_set(d, "PAYER", receipt_mask_name(r->a, rc.payer));
	tmpl_set(d, "PREMISES", receipt_mask_premises(r->a, rc.building,
	    rc.occupancy));
	if (rc.voided) {
		tmpl_show(d, "VOID");
		tmpl_set(d, "VOIDED_AT", label_date(r->a, rc.voided_at));
	} else
		tmpl_show(d, "VALID");
	page_render(r, 200);
}
