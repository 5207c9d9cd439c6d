/*
 * page.h - the page around every answer: layout, errors, common values.
 *
 * A handler calls page_new() with its template (named like its file:
 * cgi-bin/owner/bills.c renders templates/owner/bills.tpl), fills the
 * dictionary it gets back, and calls page_render(). Errors go through
 * page_error(), so every error is a Chinese page with the right status.
 */
#ifndef PROPFEE_PAGE_H
#define PROPFEE_PAGE_H

#include <stdint.h>

struct req;
struct tmpl;
struct receipt;

/* Starts a page in the layout; returns the page template's dictionary. */
struct tmpl	*page_new(struct req *, const char *file, const char *title);
/* Asks the browser to reload the page after some seconds (progress). */
void		 page_refresh(struct req *, int seconds);
/*
 * Whom an owner calls, into d (templates/owner/contact.tpl): a CENTRE row
 * per estate (CENTRE_NAME; PHONE and TEL, a tel: URI's digits, under
 * CENTRE_PHONE; HOURS under CENTRE_HOURS) and a COLLECTOR row per
 * premises of the signed-in owner (PREMISES; NAME, PHONE, TEL under NAMED
 * when a collector is assigned, UNNAMED otherwise); only premises_id's
 * when it is not 0. page_new() fills it into every signed-in owner
 * page's footer, unless r->contact_in_page is set before: a page that
 * shows it in its body (the bill) shows it once. Returns the premises
 * listed, or -1 on a failed call.
 */
int		 page_owner_contacts(struct req *, struct tmpl *,
		    int64_t premises_id);
/* Expands the layout into the response body with the given status. */
void		 page_render(struct req *, int status);
/* An error page; msg NULL gives the status's usual message. */
void		 page_error(struct req *, int status, const char *msg);
/*
 * 403 for a form sent after its session ended (auth.h: 30 minutes idle):
 * the error page saying that nothing was sent and the choices on the
 * form must be made again, with 重新登录 - the login page with next= the
 * page the form was on (its Referer, a path of this program; login.c
 * goes there after login, local paths only, redirect.h), or the plain
 * login page without a usable Referer.
 */
void		 page_relogin(struct req *);
/* After a failed DB call: 503 if the database is gone, else 500. */
void		 page_fail(struct req *);
/* Sets key to fen formatted as 1,234.50. */
void		 page_money(struct tmpl *, const char *key, int64_t fen);
/* A signed amount with its ¥, for a template without one: "¥1,234.50",
 * "−¥300.00" (money_display: a reversal never reads ¥-300.00). */
void		 page_money_signed(struct tmpl *, const char *key, int64_t fen);
/*
 * Paging: reads ?page=, returns the 1-based page (1 when absent or bad)
 * and fills {{>PAGER}} in d (templates/pager.tpl) with the page, the
 * count and links built from base, which already carries the filters.
 */
int64_t		 page_number(struct req *);
void		 page_pager(struct req *, struct tmpl *, const char *base,
		    int64_t page, int64_t per_page, int64_t total);

/*
 * Answers r with the receipt as a PDF, receipt-N.pdf: shown in the
 * browser (inline: 查看 / 打印), or with ?download=1 saved as a file
 * (attachment: the 下载收据 links), and records the print
 * (receipt_print: staff prints after the first are marked 副本). A HEAD
 * only says it is a PDF: nothing is drawn or counted. On failure r holds
 * an error page: 503/500 after a database failure, 500 if the PDF
 * cannot be drawn.
 */
void		 page_send_receipt(struct req *, const struct receipt *);

#endif
