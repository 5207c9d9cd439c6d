/*
 * flash.h - post/redirect/get for a form sent with mistakes (issue 8).
 *
 * A page answers a form with mistakes by drawing the form again with its
 * messages and a 4xx status. Left as the answer to the POST, a reload
 * would send the form again and a visit to the address would answer 405.
 * So, for a signed-in browser that came from a page of this site (its
 * Referer), server.c keeps that answer here and sends the browser (303)
 * back to the page it came from with ?flash=ID; that GET shows the kept
 * answer, with its status, for as long as it is kept (an hour), to that
 * session only. Anything else - no session, no usable Referer (the HTTP
 * tests), a stale or foreign ID - is answered as before.
 */
#ifndef PROPFEE_FLASH_H
#define PROPFEE_FLASH_H

struct req;

/*
 * After a POST's handler: if its answer is a 4xx page that can be shown
 * again on the page the form came from, keeps it and turns the answer
 * into a 303 there. Returns 1 if it did, 0 if the answer stays as it is.
 */
int	flash_keep(struct req *);

/*
 * Before a GET's handler: if the request names a kept answer of this
 * session for this path (?flash=ID), puts it in r and returns 1 (the
 * handler is not run); else 0.
 */
int	flash_show(struct req *);

#endif
