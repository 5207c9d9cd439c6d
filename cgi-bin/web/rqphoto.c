/*
 * rqphoto.c - a service request's photos in the pages (rqphoto.h).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "rqphoto.h"
#include "tmpl.h"

SQL_DEF(SQL_RQP_INSERT,
    "INSERT INTO service_request_photos (estate_id, request_id, event_id,"
    " file_key, width, height, bytes, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

SQL_DEF(SQL_RQP_LIST,
    "SELECT id, event_id FROM service_request_photos WHERE request_id = ?"
    " ORDER BY id");

SQL_DEF(SQL_RQP_KEY,
    "SELECT file_key FROM service_request_photos WHERE id = ?"
    " AND request_id = ?");

#define TOO_MANY	"一次最多上传 6 张照片，请去掉几张"

int
rqphoto_take(struct req *r, const char *field, struct photo *out,
    size_t *n, const char **err)
{
	size_t	 i;
	int	 rc;

	*n = 0;
	for (i = 0; i < r->nuploads; i++) {
		if (strcmp(r->uploads[i].field, field) != 0 ||
		    r->uploads[i].size == 0)
			continue;
		if (*n == PHOTO_PER_STEP) {
			*err = TOO_MANY;
			rqphoto_drop(out, *n);
			*n = 0;
			return 1;
		}
		rc = photo_make(r->ctx, r->uploads[i].path, r->uploads[i].size,
		    &out[*n], err);
		if (rc != 0) {
			rqphoto_drop(out, *n);
			*n = 0;
			if (rc < 0)
				r->ctx->db_failed = 1;
			return rc;
		}
		(*n)++;
	}
	return 0;
}

int
rqphoto_store(struct ctx *ctx, int64_t estate, int64_t id, int64_t event,
    const struct photo *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (db_exec(ctx, &SQL_RQP_INSERT, "iiisiiis", estate, id, event,
		    p[i].key, p[i].width, p[i].height, p[i].bytes,
		    ctx->now) < 0)
			return -1;
	return 0;
}

void
rqphoto_drop(const struct photo *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		photo_unlink(p[i].key);
}

int
rqphoto_fill(struct req *r, int64_t id, const char *base,
    struct tmpl **rows, const int64_t *events, size_t nrows)
{
	struct db_res	*res;
	struct tmpl	*row;
	int64_t		 pid, ev;
	size_t		 i;
	int		 rc;

	if ((res = db_query(r->ctx, &SQL_RQP_LIST, "i", id)) == NULL)
		return -1;
	while ((rc = db_row(res, "ii", &pid, &ev)) == 1)
		for (i = 0; i < nrows; i++)
			if (events[i] == ev) {
				tmpl_show(rows[i], "HAS_PHOTOS");
				row = tmpl_row(rows[i], "PHOTO");
				tmpl_set(row, "URL", arena_printf(r->a,
				    "%s/photos/%lld", base, (long long)pid));
				tmpl_set(row, "THUMB", arena_printf(r->a,
				    "%s/photos/%lld/thumb", base,
				    (long long)pid));
			}
	return rc < 0 ? -1 : 0;
}

void
rqphoto_send(struct req *r, int thumb)
{
	const char	*key;
	int		 rc;

	rc = db_one(r->ctx, &SQL_RQP_KEY, "ii", "s", r->ids[1], r->ids[0],
	    &key);
	if (rc != 1) {
		if (rc == 0)
			page_error(r, 404, NULL);
		else
			page_fail(r);
		return;
	}
	rqphoto_send_key(r, key, thumb);
}

void
rqphoto_send_key(struct req *r, const char *key, int thumb)
{
	struct stat	 st;
	const char	*path;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd;

	path = photo_path(r->ctx, key, thumb);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) != 0) {
		log_warnx("%s: %s missing", __func__, path);
		if (fd >= 0)
			close(fd);
		page_error(r, 404, NULL);
		return;
	}
	r->body.len = 0;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&r->body, chunk, (size_t)n);
	close(fd);
	http_kind(r, RESP_JPEG);
	http_header(r, "Cache-Control", "private, max-age=86400");
	http_header(r, "X-Content-Type-Options", "nosniff");
	r->status = 200;
}

int
rqphoto_log_tx(struct ctx *ctx, void *arg, int64_t *made)
{
	struct rqphoto_log	*t = arg;
	int64_t			 ev;

	if (rq_log(ctx, &t->in, made, &ev) < 0)
		return -1;
	return rqphoto_store(ctx, t->in.estate_id, *made, ev, t->photos,
	    t->nphotos);
}
