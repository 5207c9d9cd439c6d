/*
 * money.h - amounts are integer fen (分) in int64_t, everywhere.
 *
 * Text is parsed into fen exactly, never through a float, and formatted
 * back the same way. Nothing here allocates.
 */
#ifndef PROPFEE_MONEY_H
#define PROPFEE_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The largest amount propfee accepts anywhere: 999,999,999,999.99 yuan. */
#define MONEY_MAX	INT64_C(99999999999999)

enum money_err {
	MONEY_OK = 0,
	MONEY_EMPTY,		/* nothing typed */
	MONEY_SYNTAX,		/* not digits with an optional point */
	MONEY_DECIMALS,		/* more than two digits after the point */
	MONEY_RANGE,		/* above MONEY_MAX */
	MONEY_NEGATIVE,		/* a minus sign */
	MONEY_GROUPING,		/* a thousands comma out of place: "1,00" */
	MONEY_CURRENCY		/* a 元, 块 or ¥ typed with the number */
};

/*
 * Parses what people type for an amount of yuan into fen, exactly (never
 * through a float): "1234", "1234.5", "1234.50", "1,234.50", and the same
 * in full-width characters as a Chinese input method writes them
 * ("１，２３４．５０"). At most two decimals; thousands commas only every
 * three digits of the whole part; no sign, no exponent, no currency;
 * blanks around it (also the full-width space) are ignored. Returns
 * MONEY_OK and sets *fen, or the first reason it refuses and leaves *fen
 * alone.
 */
enum money_err	 money_parse(const char *s, int64_t *fen);

/*
 * A Chinese message for a parse error, saying plainly what was refused
 * and never naming the field (the caller shows it next to the field's
 * own label).
 */
const char	*money_strerror(enum money_err);

/*
 * Formats fen as "1,234.50" (or "-1,234.50") into buf, which must hold
 * MONEY_FMT_MAX bytes. Returns buf.
 */
#define MONEY_FMT_MAX	32
char		*money_fmt(char *buf, int64_t fen);

/* Formats fen as plain "1234.50", as a form field shows it back. */
char		*money_fmt_plain(char *buf, int64_t fen);

/*
 * Formats fen for reading, currency sign included: "¥1,234.50", and a
 * negative amount (a reversal, a refund) as "−¥300.00" with U+2212 MINUS
 * SIGN before the yuan sign, never "¥-300.00" (issue 8). Every page that
 * can show a signed amount uses this one helper. buf must hold
 * MONEY_FMT_MAX bytes. Returns buf.
 */
char		*money_display(char *buf, int64_t fen);

/*
 * Writes the amount in Chinese capital numerals following the PBOC rules
 * for bills and settlement vouchers (人民币壹仟贰佰叁拾肆元伍角整) into buf,
 * which must hold MONEY_CAPITAL_MAX bytes. One 零 stands for each run of
 * zeros between two non-zero digits; 整 follows 元 or 角, never 分.
 * Returns 0, or -1 when fen is negative or above MONEY_MAX.
 */
#define MONEY_CAPITAL_MAX	256
int		 money_capital(char *buf, size_t sz, int64_t fen);

/*
 * Rounds n * num / den to the nearest integer, halves away from zero,
 * without overflow for the products propfee makes (rates times areas).
 */
int64_t		 money_muldiv(int64_t n, int64_t num, int64_t den);

#endif
