/*
 * photo.h - photos of service requests (issue 12): what an owner or a
 * member of staff uploads is checked by its bytes (JPEG, PNG or HEIC,
 * whatever its name says), at most PHOTO_BYTES_MAX, and re-encoded with
 * libvips as a JPEG without any metadata (no EXIF: no GPS position, no
 * camera, no time) at most PHOTO_SIDE_MAX pixels a side, plus a
 * thumbnail PHOTO_THUMB_SIDE pixels wide. The files are kept under the
 * configuration's photo_dir (var/photos, outside the web root), named
 * by a random key; the programs serve them only through routes that
 * check who may see the request (web/rqphoto.c).
 */
#ifndef PROPFEE_PHOTO_H
#define PROPFEE_PHOTO_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

#define PHOTO_BYTES_MAX		(10 * 1024 * 1024)	/* as uploaded */
#define PHOTO_PER_STEP		6			/* DOMAIN: up to 6 */
#define PHOTO_SIDE_MAX		2048
#define PHOTO_THUMB_SIDE	320
#define PHOTO_PIXELS_MAX	(60LL * 1000 * 1000)	/* a decoded bomb */

/* What the bytes are (photo_sniff). */
enum photo_kind {
	PHOTO_NONE,		/* none of the three */
	PHOTO_JPEG,
	PHOTO_PNG,
	PHOTO_HEIC
};

/* The kind of the first n bytes of a file, by their magic numbers
 * (JPEG FF D8 FF; PNG's 8-byte signature; an ISO box "ftyp" with a HEIC
 * brand). Pure: tests/unit/test_request.c. */
enum photo_kind	photo_sniff(const unsigned char *head, size_t n);

/* 1 if this libvips loads HEIC (libheif with a decoder), else 0. */
int		photo_heic_ok(void);

/* A photo made by photo_make. */
struct photo {
	char		 key[33];	/* 32 hex: the files' name */
	int64_t		 width, height, bytes;
};

/* photo_make's refusals, as a page says them next to the field. */
#define PHOTO_ERR_TYPE	"只能上传 JPEG、PNG 或 HEIC 格式的照片"
#define PHOTO_ERR_SIZE	"每张照片不能超过 10 MB"
#define PHOTO_ERR_HEIC	"本系统暂时无法读取 HEIC 照片，请在手机相机设置中选择“兼容性最佳”（JPEG）后重拍，或截图后上传"
#define PHOTO_ERR_READ	"这张照片无法读取，请换一张"

/*
 * Checks the uploaded file at path (size bytes) and writes its
 * re-encoded JPEG and thumbnail under photo_dir as KEY.jpg and
 * KEY.thumb.jpg, KEY fresh and random, into p. Returns 0; or 1 with
 * *why one of PHOTO_ERR_* (nothing written); or -1 when the files
 * cannot be written (logged).
 */
int		photo_make(struct ctx *, const char *path, int64_t size,
		    struct photo *p, const char **why);
/* Deletes the files of key (a transaction that would have kept them
 * failed). */
void		photo_unlink(const char *key);
/* The path of key's photo or thumbnail, in the arena. */
const char	*photo_path(struct ctx *, const char *key, int thumb);

#endif
