/*
 * form.h - application/x-www-form-urlencoded, the one codec: a page's
 * query and form (web/http.c) and a payment gateway's form-encoded
 * notification (gw_alipay.c, gw_unionpay.c) are parsed by the same code,
 * under the same limits, into the same list.
 */
#ifndef PROPFEE_FORM_H
#define PROPFEE_FORM_H

#include <stddef.h>

struct arena;

#define FORM_FIELDS_MAX		512	/* per query, form or cookie list */
#define FORM_KEY_MAX		64	/* bytes of a field's name */

struct kv {
	const char	*key;
	const char	*val;	/* NUL-terminated */
	size_t		 len;	/* of val: fields hold no NUL, files may */
	/* For a multipart file part: its file name (else NULL). */
	const char	*filename;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

/* Decodes %XX (and '+' as a blank when plus) into the arena; its length
 * in *outlen (may be NULL). NULL on a bad or truncated escape. */
char		*form_decode(struct arena *, const char *, size_t, int plus,
		    size_t *outlen);
/* Parses "a=1&b=2" into list: keys 1 to FORM_KEY_MAX bytes, keys and
 * values UTF-8 text without NUL, at most FORM_FIELDS_MAX fields.
 * Returns 0, or 400 on bad encoding or past a limit. */
int		 form_parse(struct arena *, const char *, size_t,
		    struct kvlist *);
/* Appends one entry (at most FORM_FIELDS_MAX): 0, or 400. */
int		 form_push(struct arena *, struct kvlist *, const char *key,
		    const char *val, size_t len, const char *filename);
/* The first entry named name, or NULL. */
const struct kv	*form_find(const struct kvlist *, const char *name);
/* Percent-encodes a string for a URL query value ('/' kept). */
char		*form_encode(struct arena *, const char *);
/* The list as "k=v&k=v", each value percent-encoded (form_encode): a
 * form body or a query string to send. */
char		*form_join(struct arena *, const struct kvlist *);

#endif
