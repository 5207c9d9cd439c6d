/*
 * valid.h - every field a page accepts is declared with its validator.
 *
 * A page lists its fields in a const table; valid_fields() reads them
 * from the query (GET) or form (POST), ignores anything undeclared, and
 * gives each field its parsed value or a Chinese message to show next to
 * it. Nothing is parsed with atoi: numbers are bounded, money is fen.
 */
#ifndef PROPFEE_VALID_H
#define PROPFEE_VALID_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"

struct req;
struct tmpl;

enum vtype {
	V_TEXT,		/* UTF-8 text, min..max characters */
	V_INT,		/* decimal integer in [min, max] */
	V_MONEY,	/* yuan with up to 2 decimals -> fen in [min, max] */
	V_DECIMAL2,	/* a number with up to 2 decimals -> x100 in [min, max] */
	V_DATE,		/* YYYY-MM-DD */
	V_MONTH,	/* YYYY-MM -> i = y * 12 + m - 1 */
	V_PHONE,	/* 11-digit mainland mobile number */
	V_DIGITS,	/* digits only, min..max of them (partial phone) */
	V_CHOICE,	/* one of choices[] -> i is its index */
	V_PASSWORD,	/* any text, min..max characters, never shown back */
	V_TOKEN		/* lower-case hex, min..max digits (a form token) */
};

#define V_REQUIRED	0x1

struct field {
	const char		*name;
	const char		*label;
	enum vtype		 type;
	unsigned		 flags;
	int64_t			 min, max;
	const char *const	*choices;	/* NULL-terminated, V_CHOICE */
};

struct fval {
	const char	*s;	/* the text as sent, trimmed ("" if absent) */
	int64_t		 i;	/* parsed number, fen, month or choice */
	int		 set;	/* present and not empty */
	const char	*err;	/* message for the user, or NULL */
};

/* The number of fields in a field table. */
#define NF(f)	(sizeof(f) / sizeof((f)[0]))

/* Fills out[n]; returns the number of fields in error. */
int	 valid_fields(struct req *, const struct field *, size_t n,
	    struct fval *out);
/* Validates one value (for tests and for repeated fields). */
const char *valid_one(struct req *, const struct field *, const char *raw,
	    struct fval *out);
/*
 * Puts each field's value (unless a password) as <NAME>_VAL and its
 * message as <NAME>_ERR into d, with NAME upper-cased. When a field is
 * in error it also fills the summary a long form shows on top (a
 * template that has {{>ERROR_SUMMARY}} gets templates/form_errors.tpl:
 * each message linked to its field, <a href="#name">, so each input's id
 * is its name) and shows the section <NAME>_FOCUS of the first field in
 * error (not a hidden form token), where the template puts autofocus:
 * the browser moves there with no script (issue 8).
 */
void	 valid_to_tmpl(struct tmpl *, const struct field *, size_t,
	    const struct fval *);
/*
 * Holds a V_DATE field valid_fields() read without error (v) to the days
 * lo..hi: before lo its message is before_fmt, after hi after_fmt, each
 * a format with one %s, the bound as people read it (2026年12月1日);
 * a field in error or empty is left alone. Each page says why its
 * bounds are what they are (a contact is not in the future, a promise
 * is due within a year ...). Returns 1 when it set v->err, else 0.
 */
int	 valid_date_range(struct req *, struct fval *v, struct date lo,
	    struct date hi, const char *before_fmt, const char *after_fmt);
/* Characters (code points) in UTF-8 text. */
size_t	 valid_utf8_len(const char *);

#endif
