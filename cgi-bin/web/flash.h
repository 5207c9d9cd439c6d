/*
 * flash.h - post/redirect/get for a form sent with mistakes (issue 8).
 *
 * A page answers a form with mistakes by drawing the form again with its
 * messages and a 4xx status. Left as the answer to the POST, a reload
 * would send the form again and a visit to the address would answer 405.
 * So, for a browser that came from a page of this site (its Referer)
 * and is signed in - or, at the login form, holds that form's cookie -
 * server.c keeps that answer here and sends the browser (303) back to
 * the page it came from with ?flash=ID; that GET shows the kept answer,
 * with its status, to that session (or browser) only. Without a session
 * or a usable Referer (the HTTP tests) a POST is answered as before.
 *
 * A kept answer is the page as it stood when the form was refused, so it
 * is shown only until it could be stale by this user's doing: the next
 * form of the session that succeeds (a POST answered 2xx or 3xx - say
 * the same form put right) spends every answer the session kept, and an
 * hour ends any. A spent, expired, foreign or malformed ?flash= is sent
 * (303) to the same address without it: the live page. So Back after a
 * form put right never shows the old error page with its old figures
 * (a receipt since voided shown valid, a bill since paid shown open).
 *
 * Why not draw the live page again with the kept values and messages:
 * each page would have to redraw itself from a kept form, and a page
 * with several forms (the case file's) would have to know which one was
 * refused. Spending on success keeps this in one place; what a reload of
 * an error page still shows is that page as it was refused, minutes ago,
 * by this user, who has done nothing since.
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
 * After a POST's handler, when flash_keep() kept nothing: if the POST
 * succeeded (2xx or 3xx), forgets every answer kept for its session and
 * for the browser before login. A failure to forget fails nothing.
 */
void	flash_spend(struct req *);

/*
 * Before a GET's handler: if the request has ?flash=, either it names a
 * kept answer of this session (or browser) for this path, which goes in
 * r, or r becomes a 303 to the address without it; either way returns 1
 * (the handler is not run). 0 when there is no ?flash=.
 */
int	flash_show(struct req *);

#endif
