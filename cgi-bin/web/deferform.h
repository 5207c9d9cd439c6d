/*
 * deferform.h - the part of a hardship deferral's application form (缓交申请,
 * issue 13; core/deferral.h) that the owner's page (owner/deferrals.c) and
 * the back office's (staff/deferrals.c) share: the household's open bills
 * to tick and the lengths to choose. Both templates name the same rows
 * (BILL, MONTHS_OPT) and fields (bill, months).
 */
#ifndef PROPFEE_DEFERFORM_H
#define PROPFEE_DEFERFORM_H

#include <stddef.h>
#include <stdint.h>

struct fval;
struct photo;
struct req;
struct tmpl;

/* The months field's choices ("1", "2", "3", "6"; NULL-terminated) and
 * the number of months each means. */
extern const char *const deferform_months[];
extern const int deferform_months_n[];

/*
 * Fills d with premises_id's open bills (oldest first, each with its
 * effective due date, owed in fen, 已逾期 when past due today, China
 * time) and the months' choices. months is the months field as sent, or
 * NULL for a form shown the first time: then the past-due bills are
 * ticked and 3 months chosen; else the bills in checked[nchecked] and the
 * months sent. NO_BILLS when there is none. Returns 0, or -1 when the
 * database failed (r marked failed: the page answers 503).
 */
int	deferform_fill(struct req *r, struct tmpl *d, int64_t premises_id,
	    const struct fval *months, const int64_t *checked, int nchecked);

/*
 * The bills the form sent (its "bill" fields) into *ids (*nids of them,
 * arena memory), checked against premises_id's open bills: *err NULL
 * when they are well formed, at least one, each open and the
 * household's; else the message for the field (not_ours when one is
 * paid or not the household's: the owner's page says 这套房, staff's
 * 这一户). Returns 0, or -1 when the database failed (r marked failed).
 */
int	deferform_bills(struct req *r, int64_t premises_id, int64_t **ids,
	    int *nids, const char *not_ours, const char **err);

/*
 * The form's proof (证明材料): at most one photo of its "photo" field into
 * photos (PHOTO_PER_STEP of them, rqphoto.h), *np 0 or 1. Returns 0; 1
 * with *err the message when it is no photo, too big, or more than one
 * (nothing kept); -1 when one cannot be written (the page answered).
 */
int	deferform_photo(struct req *r, struct photo *photos, size_t *np,
	    const char **err);

#endif
