/*
 * rqphoto.h - a service request's photos between the pages and
 * core/photo.h: taken from a multipart form, kept with their step, and
 * served to those who may see the request (both programs: the owner
 * portal and the back office check who may; this only does the rest).
 * A service log's photos (the monthly report's, issue 12) are taken and
 * served with the same calls (rqphoto_take, rqphoto_drop,
 * rqphoto_send_key).
 */
#ifndef PROPFEE_RQPHOTO_H
#define PROPFEE_RQPHOTO_H

#include <stddef.h>
#include <stdint.h>

#include "photo.h"
#include "request.h"

/* A form with a step's photos: 6 of 10 MB and the fields (nginx's
 * client_max_body_size for these routes is 62m: conf/nginx.conf.in). */
#define RQ_BODY_MAX	(PHOTO_PER_STEP * PHOTO_BYTES_MAX + 2 * 1024 * 1024)
/* A hardship deferral's application: one document photo and the fields
 * (nginx: 12m for these routes). */
#define DEFERRAL_BODY_MAX	(PHOTO_BYTES_MAX + 2 * 1024 * 1024)

struct req;
struct ctx;
struct tmpl;

/*
 * The files of form field `field` (empty file inputs skipped), each
 * checked and re-encoded (photo_make) into out[PHOTO_PER_STEP], *n of
 * them. Returns 0; 1 with *err the message for the field (more than
 * PHOTO_PER_STEP, a file that is no photo, too big, HEIC unreadable:
 * nothing kept); -1 when one cannot be written (r marked failed).
 */
int	rqphoto_take(struct req *, const char *field, struct photo *out,
	    size_t *n, const char **err);
/* Inside the step's transaction: n photos of request id's event. 0, -1. */
int	rqphoto_store(struct ctx *, int64_t estate, int64_t id, int64_t event,
	    const struct photo *, size_t n);
/* A request logged with its photos (rq_log, then rqphoto_store), one
 * transaction's work for both programs' 报修 forms: the request's id in
 * *made. 0 or -1. */
struct rqphoto_log {
	struct rq_in	 in;
	struct photo	*photos;
	size_t		 nphotos;
};
int	rqphoto_log_tx(struct ctx *, void *arg, int64_t *made);
/* The files of n photos whose transaction did not commit. */
void	rqphoto_drop(const struct photo *, size_t n);
/*
 * Adds a PHOTO row (URL, THUMB) under each EVENT row of d whose id
 * matches, for request id: base is the URL prefix ("/requests/5" or
 * "/staff/requests/5"). rows/nrows: the event dictionaries by event id.
 * Returns 0 or -1.
 */
int	rqphoto_fill(struct req *, int64_t id, const char *base,
	    struct tmpl **rows, const int64_t *events, size_t nrows);
/*
 * Answers photo r->ids[1] of request r->ids[0] (its thumbnail when
 * thumb), a JPEG, private to the browser's cache; 404 when the photo is
 * not that request's. The caller has checked that the viewer may see
 * the request.
 */
void	rqphoto_send(struct req *, int thumb);
/* The same for the photo files of key, whoever's they are (a service
 * log's, staff/servicelogs.c): the caller has checked that the viewer
 * may see them. 404 when the files are gone. */
void	rqphoto_send_key(struct req *, const char *key, int thumb);

#endif
