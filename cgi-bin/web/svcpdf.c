/*
 * svcpdf.c - a monthly service report's PDF as a response (svcpdf.h).
 */
#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "page.h"
#include "svcpdf.h"

void
svcpdf_send(struct req *r, const struct svc_report *rep)
{
	struct svc_item	*items;
	const char	*dl;
	size_t		 n;

	if (r->head) {
		http_kind(r, RESP_PDF);
		return;
	}
	if (svc_report_items(r->ctx, rep, SVC_REPAIR, SVCPDF_REPAIRS, &items,
	    &n) < 0)
		return;
	if (svc_report_pdf(rep, items, n, &r->body) < 0) {
		/* The renderer is away (restarting) or failed: render.h. */
		page_error(r, 503, "月报文件暂时无法生成，请稍后再试。");
		return;
	}
	dl = http_query(r, "download");
	http_body_file(r, RESP_PDF, arena_printf(r->a,
	    "service-report-%04d-%02d.pdf", rep->month.y, rep->month.m),
	    dl != NULL && strcmp(dl, "1") == 0);
}
