/*
 * photo.c - photos checked by their bytes and re-encoded with libvips
 * (photo.h). libvips is started once per process (pthread_once); each
 * call uses images of its own, so threads share nothing but the cache,
 * which is turned off.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <vips/vips.h>

#include "conf.h"
#include "ctx.h"
#include "log.h"
#include "photo.h"

static pthread_once_t	 started = PTHREAD_ONCE_INIT;
static int		 vips_ok, heic_ok;

static void
start(void)
{
	if (VIPS_INIT("propfee") != 0) {
		log_warnx("photo: libvips does not start: %s", vips_error_buffer());
		return;
	}
	vips_cache_set_max(0);
	vips_concurrency_set(1);
	vips_ok = 1;
	heic_ok = vips_type_find("VipsOperation", "heifload") != 0;
}

int
photo_heic_ok(void)
{
	pthread_once(&started, start);
	return vips_ok && heic_ok;
}

enum photo_kind
photo_sniff(const unsigned char *h, size_t n)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	static const char *const brands[] = { "heic", "heix", "hevc", "hevx",
	    "heim", "heis", "mif1", "msf1" };
	size_t	 i;

	if (n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff)
		return PHOTO_JPEG;
	if (n >= 8 && memcmp(h, png, 8) == 0)
		return PHOTO_PNG;
	if (n >= 12 && memcmp(h + 4, "ftyp", 4) == 0)
		for (i = 0; i < sizeof(brands) / sizeof(brands[0]); i++)
			if (memcmp(h + 8, brands[i], 4) == 0)
				return PHOTO_HEIC;
	return PHOTO_NONE;
}

static const char *
dir(void)
{
	return conf_get("photo_dir", "var/photos");
}

const char *
photo_path(struct ctx *ctx, const char *key, int thumb)
{
	return arena_printf(ctx->a, "%s/%s%s.jpg", dir(), key,
	    thumb ? ".thumb" : "");
}

void
photo_unlink(const char *key)
{
	char	 p[1024];

	snprintf(p, sizeof(p), "%s/%s.jpg", dir(), key);
	unlink(p);
	snprintf(p, sizeof(p), "%s/%s.thumb.jpg", dir(), key);
	unlink(p);
}

/* Writes img as a JPEG without metadata to path. 0 or -1. */
static int
save(VipsImage *img, const char *path)
{
	return vips_jpegsave(img, path, "Q", 82, "strip", TRUE,
	    "optimize_coding", TRUE, NULL);
}

int
photo_make(struct ctx *ctx, const char *path, int64_t size,
    struct photo *p, const char **why)
{
	unsigned char	 head[16];
	VipsImage	*in = NULL, *tmp = NULL, *big = NULL, *small = NULL;
	enum photo_kind	 kind;
	const char	*hex, *loadopt;
	ssize_t		 n;
	int		 fd, w, h, side, shrink = 1, rc = 1;

	pthread_once(&started, start);
	if (size > PHOTO_BYTES_MAX) {
		*why = PHOTO_ERR_SIZE;
		return 1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_warnx("photo: %s: %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, head, sizeof(head));
	close(fd);
	kind = photo_sniff(head, n > 0 ? (size_t)n : 0);
	if (kind == PHOTO_NONE) {
		*why = PHOTO_ERR_TYPE;
		return 1;
	}
	if (!vips_ok) {
		*why = PHOTO_ERR_READ;
		return 1;
	}
	if (kind == PHOTO_HEIC && !heic_ok) {
		*why = PHOTO_ERR_HEIC;
		return 1;
	}
	/* The loader is the one its bytes name: no other (no SVG, PDF ...). */
	loadopt = kind == PHOTO_JPEG ? "jpegload" : kind == PHOTO_PNG ?
	    "pngload" : "heifload";
	/* The header first (libvips reads pixels only when asked). */
	if (vips_call(loadopt, path, &in, NULL) != 0 || in == NULL) {
		*why = kind == PHOTO_HEIC ? PHOTO_ERR_HEIC : PHOTO_ERR_READ;
		goto out;
	}
	w = vips_image_get_width(in);
	h = vips_image_get_height(in);
	if ((int64_t)w * h > PHOTO_PIXELS_MAX) {
		*why = PHOTO_ERR_READ;
		goto out;
	}
	g_object_unref(in);
	in = NULL;
	/* Then the pixels, read once from top to bottom, a JPEG decoded
	 * at 1/2, 1/4 or 1/8 while still PHOTO_SIDE_MAX a side: a
	 * trial's 60-megapixel photo took 14 s of CPU decoded whole and
	 * shrunk twice (user CPU measured once each on a busy machine,
	 * noise images: a 48 MP JPEG 3.0 s before, 0.5 s now; a 59 MP PNG
	 * 3.9 s before, 1.3 s now). */
	side = w > h ? w : h;
	while (kind == PHOTO_JPEG && shrink < 8 &&
	    side / (shrink * 2) >= PHOTO_SIDE_MAX)
		shrink *= 2;
	/* A JPEG or PNG cut short is refused, not kept half grey (a
	 * breaker's trial: 60 bytes of a PNG made a blank photo). */
	if ((kind == PHOTO_JPEG ? vips_call(loadopt, path, &in, "shrink",
	    shrink, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
	    VIPS_FAIL_ON_ERROR, NULL) : kind == PHOTO_PNG ?
	    vips_call(loadopt, path, &in, "access", VIPS_ACCESS_SEQUENTIAL,
	    "fail_on", VIPS_FAIL_ON_ERROR, NULL) :
	    vips_call(loadopt, path, &in, "access", VIPS_ACCESS_SEQUENTIAL,
	    NULL)) != 0 || in == NULL) {
		*why = kind == PHOTO_HEIC ? PHOTO_ERR_HEIC : PHOTO_ERR_READ;
		goto out;
	}
	/* Turned upright by its orientation, then shrunk, kept in memory
	 * (a sequential read is read once) and shrunk again for the
	 * thumbnail; the pixels only go on (save strips every metadata
	 * field). */
	if (vips_thumbnail_image(in, &tmp, PHOTO_SIDE_MAX, "height",
	    PHOTO_SIDE_MAX, "size", VIPS_SIZE_DOWN, NULL) != 0 ||
	    (big = vips_image_copy_memory(tmp)) == NULL ||
	    vips_thumbnail_image(big, &small, PHOTO_THUMB_SIDE, "height",
	    PHOTO_THUMB_SIDE, "size", VIPS_SIZE_DOWN, NULL) != 0) {
		*why = PHOTO_ERR_READ;
		goto out;
	}
	hex = ctx_random_hex(ctx, 16);
	snprintf(p->key, sizeof(p->key), "%s", hex);
	if (save(big, photo_path(ctx, p->key, 0)) != 0 ||
	    save(small, photo_path(ctx, p->key, 1)) != 0) {
		log_warnx("photo: cannot write %s: %s", photo_path(ctx, p->key,
		    0), vips_error_buffer());
		photo_unlink(p->key);
		rc = -1;
		goto out;
	}
	p->width = vips_image_get_width(big);
	p->height = vips_image_get_height(big);
	p->bytes = size;
	rc = 0;
out:
	if (rc == 1)
		log_info("photo: refused (%s): %s", loadopt ? loadopt : "",
		    vips_error_buffer());
	vips_error_clear();
	if (small)
		g_object_unref(small);
	if (big)
		g_object_unref(big);
	if (tmp)
		g_object_unref(tmp);
	if (in)
		g_object_unref(in);
	return rc;
}
