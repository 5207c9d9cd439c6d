/*
 * svcpdf.h - a monthly service report's PDF (物业服务月报, issue 12) sent
 * as the answer to a request: the same file for the owner portal and the
 * back office, each of which loads the report and checks who may see it
 * first (owner/reports.c, staff/reports.c).
 */
#ifndef PROPFEE_SVCPDF_H
#define PROPFEE_SVCPDF_H

#include "svcreport.h"

struct req;

/* The public-area repairs read for the PDF, of which what fits a page is
 * drawn (cgi-bin/pdf/report.c says "另有 N 项" for the rest). */
#define SVCPDF_REPAIRS	40

/*
 * Answers r with report rep as a PDF named service-report-YYYY-MM.pdf,
 * inline, or as a download when the query has download=1; a HEAD request
 * gets the headers only. 200; 500 with a Chinese page when the PDF cannot
 * be drawn; a failed read marks r failed (500 by the caller's server).
 */
void	svcpdf_send(struct req *r, const struct svc_report *rep);

#endif
