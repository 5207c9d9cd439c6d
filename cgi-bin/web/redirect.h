/*
 * redirect.h - the one check on a redirect target taken from input.
 *
 * A page that sends the browser on to a place the request named (login's
 * next=, the arrears board's back=) asks redirect_ok() first and sends it
 * home otherwise. Browsers forgive a lot in a Location: they drop tabs
 * and line breaks, read a backslash as a slash and "//host" as another
 * site, and a target may be percent-encoded more than once by the time it
 * comes back. So the check is strict: a plain path on this site, under
 * the program's prefix, in every layer of its encoding (issue #7, kind 7).
 */
#ifndef PROPFEE_REDIRECT_H
#define PROPFEE_REDIRECT_H

struct arena;

/* Longer targets are refused (a real one is a path and a few filters). */
#define REDIRECT_MAX		2048
/* Layers of percent-encoding looked through; more are refused. */
#define REDIRECT_DECODES	4

/*
 * 1 if target may go into a Location header: at most REDIRECT_MAX bytes
 * of printable ASCII, and it and each of its percent-decodings (up to
 * REDIRECT_DECODES; a bad escape or more layers refuse it) are valid
 * UTF-8 that
 *   - starts with "/" (so no scheme and no host can come first),
 *   - has no "//" anywhere and no backslash,
 *   - has no control character (C0, DEL, C1) and no whitespace (ASCII or
 *     Unicode: U+00A0, U+2000-U+200B, U+2028, U+2029, U+3000, U+FEFF...),
 *   - has no "." or ".." segment in its path,
 *   - stays under `under` ("" for the owner portal, "/staff" for the back
 *     office, "/staff/arrears" for the board): equal to it or followed by
 *     "/" or "?".
 * Else 0, and the caller redirects home. target NULL is 0. The arena
 * holds the decodings.
 */
int	redirect_ok(struct arena *, const char *target, const char *under);

#endif
