/*
 * selftest.c - the transport self-tests: a route signed like a payment
 * gateway's notification and two upload routes, which show that a
 * route's declaration (main.c, http.h) brings its request through. The
 * route table routes them only when the configuration says
 * test_routes=1 (scripts/test.sh's stack; never `make run`);
 * tests/http/test_transport.py drives them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "billing.h"
#include "conf.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "pages.h"

/* A signed request older or newer than this is refused (a replay). */
#define SIGNED_SKEW_SEC	300

/* SHA-256 of h as 64 hex characters in the arena. */
static char *
hex32(struct req *r, const unsigned char h[crypto_hash_sha256_BYTES])
{
	char	*hex = arena_alloc(r->a, crypto_hash_sha256_BYTES * 2 + 1);

	return sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, h,
	    crypto_hash_sha256_BYTES);
}

/* 1 if ts is a Unix time in seconds within SIGNED_SKEW_SEC of now. */
static int
fresh(const char *ts)
{
	long long	 t;
	char		*end;

	if (ts[0] < '0' || ts[0] > '9' || strlen(ts) > 12)
		return 0;
	t = strtoll(ts, &end, 10);
	return *end == '\0' && llabs(t - (long long)time(NULL)) <=
	    SIGNED_SKEW_SEC;
}

/*
 * POST /test/signed (AUTH_SIGNED, JSON of 64 KB at most, raw): the
 * X-Test-Signature header is the hex HMAC-SHA256, under the key
 * test_hmac_key of the configuration, of "X-Test-Timestamp\nbody" with
 * the body exactly as sent. 200 {"ok":true,"bytes":N,"sha256":"..."}
 * (the body's length and hash, as this handler got it); 401 JSON when
 * the signature or the timestamp is missing, malformed, wrong or stale;
 * 500 JSON without a key. What a gateway's notification handler does
 * before it trusts a byte.
 */
void
page_test_signed(struct req *r)
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 want[crypto_auth_hmacsha256_BYTES];
	unsigned char			 got[crypto_auth_hmacsha256_BYTES];
	unsigned char			 h[crypto_hash_sha256_BYTES];
	const char			*key = conf_get("test_hmac_key", "");
	const char			*sig, *ts;
	size_t				 n;

	sig = http_in_header(r, "X-Test-Signature");
	ts = http_in_header(r, "X-Test-Timestamp");
	if (*key == '\0') {
		page_error(r, 500, "没有配置 test_hmac_key。");
		return;
	}
	if (sig == NULL || ts == NULL || !fresh(ts) ||
	    strlen(sig) != sizeof(got) * 2 ||
	    sodium_hex2bin(got, sizeof(got), sig, strlen(sig), NULL, &n,
	    NULL) != 0 || n != sizeof(got)) {
		page_error(r, 401, "签名或时间戳缺失、格式不对或已过期。");
		return;
	}
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key,
	    strlen(key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts,
	    strlen(ts));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)r->raw,
	    r->raw_len);
	crypto_auth_hmacsha256_final(&st, want);
	if (sodium_memcmp(got, want, sizeof(want)) != 0) {
		page_error(r, 401, "签名不符。");
		return;
	}
	crypto_hash_sha256(h, (const unsigned char *)r->raw, r->raw_len);
	http_json(r, json_pack("{s:b, s:I, s:s}", "ok", 1, "bytes",
	    (json_int_t)r->raw_len, "sha256", hex32(r, h)));
}

/* SHA-256 of a spooled file, read in pieces. NULL if it cannot be read. */
static char *
file_sha256(struct req *r, const struct upload *up)
{
	crypto_hash_sha256_state	 st;
	unsigned char			 h[crypto_hash_sha256_BYTES];
	const size_t			 size = 64 * 1024;
	char				*b = arena_alloc(r->a, size);
	ssize_t				 got;
	int				 fd;

	if ((fd = open(up->path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	crypto_hash_sha256_init(&st);
	while ((got = read(fd, b, size)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			close(fd);
			return NULL;
		}
		crypto_hash_sha256_update(&st, (unsigned char *)b,
		    (size_t)got);
	}
	close(fd);
	crypto_hash_sha256_final(&st, h);
	return hex32(r, h);
}

/*
 * POST /test/upload10, /test/upload1 (a staff session and its CSRF
 * token, multipart, 10 MB / 1 MB): 200 {"ok":true,"note":...,"files":
 * [{"field","filename","ctype","bytes","sha256","path"}]}, each file as
 * it was spooled (path: where it lay, deleted when the request ends);
 * the field note, if sent, as the form got it. 500 JSON if a spooled
 * file cannot be read back.
 */
void
page_test_upload(struct req *r)
{
	const struct upload	*up;
	json_t			*files = json_array();
	const char		*sum;
	size_t			 i;

	for (i = 0; i < r->nuploads; i++) {
		up = &r->uploads[i];
		if ((sum = file_sha256(r, up)) == NULL) {
			log_warnx("%s: %s: %s", __func__, up->path,
			    strerror(errno));
			json_decref(files);
			page_error(r, 500, NULL);
			return;
		}
		json_array_append_new(files, json_pack("{s:s, s:s, s:s, s:I,"
		    " s:s, s:s}", "field", up->field, "filename", up->filename,
		    "ctype", up->ctype, "bytes", (json_int_t)up->size,
		    "sha256", sum, "path", up->path));
	}
	http_json(r, json_pack("{s:b, s:s?, s:o}", "ok", 1, "note",
	    http_form(r, "note"), "files", files));
}

/*
 * POST /test/fence (admin, test_routes=1; fields run, job, owner): runs
 * billing run `run` as the worker would for job `job` leased to `owner`
 * (billing_execute), and answers {"rc": N} - 0 done, -1 failed, 2
 * (BILLING_LEASE_LOST) when owner does not hold the job's lease, which
 * must leave the run untouched. tests/http/test_worker.py takes a job
 * from under a worker this way, deterministically, as a paused worker
 * would have it taken.
 */
void
page_test_fence(struct req *r)
{
	const char	*run = http_form(r, "run"), *job = http_form(r, "job");
	const char	*owner = http_form(r, "owner");
	int		 rc;

	if (run == NULL || job == NULL || owner == NULL) {
		page_error(r, 400, "run, job, owner");
		return;
	}
	rc = billing_execute(r->ctx, strtoll(run, NULL, 10),
	    strtoll(job, NULL, 10), owner);
	r->ctx->db_failed = 0;
	http_json(r, json_pack("{s:i}", "rc", rc));
}
