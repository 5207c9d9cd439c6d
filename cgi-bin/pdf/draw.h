/*
 * draw.h - what propfee-pdf draws (cgi-bin/pdf/): the documents of
 * core/render.h, drawn in this process only, one at a time.
 */
#ifndef PROPFEE_DRAW_H
#define PROPFEE_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "receipt.h"
#include "svcreport.h"

struct buf;

/* receipt_pdf() of receipt.h, drawn (receipt.c). 0 or -1 (logged). */
int	draw_receipt(const struct receipt *, const char *verify_url,
	    int64_t copy, struct buf *out);
/* svc_report_pdf() of svcreport.h, drawn (report.c). 0 or -1. */
int	draw_report(const struct svc_report *, const struct svc_item *items,
	    size_t n, struct buf *out);

#endif
