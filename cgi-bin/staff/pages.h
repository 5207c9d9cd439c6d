/*
 * pages.h - the back office's pages, one file each (households.c renders
 * templates/staff/households.tpl), and what they share.
 */
#ifndef PROPFEE_STAFF_PAGES_H
#define PROPFEE_STAFF_PAGES_H

#include <stdint.h>

struct req;
struct tmpl;

void	page_login(struct req *);
void	page_login_post(struct req *);
void	page_home(struct req *);
void	page_households(struct req *);
void	page_household(struct req *);

/* The estate a page works on, within the user's scope. */
struct estate {
	int64_t		 id;
	const char	*name;
};

/* 1 if the signed-in staff member may see the estate. */
int	scope_sees(const struct req *, int64_t estate_id);
/*
 * The estate a list page shows: `wanted` if in scope, or the first in
 * scope when wanted is 0. Also lists the estates in scope as ESTATE rows
 * of d (for the picker) when d is not NULL. Returns 1, 0 (not in scope:
 * the page answers 404) or -1.
 */
int	scope_estate(struct req *, int64_t wanted, struct estate *,
	    struct tmpl *d);

#endif
