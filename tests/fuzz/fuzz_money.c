/*
 * fuzz_money.c - the amount parser (money_parse), with any bytes (as a C
 * string: a form field holds no NUL).
 *
 * Promises checked: a refusal leaves the amount alone and has a message;
 * an accepted amount is 0 to MONEY_MAX fen, and each of the formatters
 * (money_fmt "1,234.50", money_fmt_plain "1234.50") writes it as text
 * that parses back to the same fen; money_display and money_capital
 * take it.
 */
#include "money.h"

#include "fuzz.h"

#define UNTOUCHED	INT64_C(-4242)

static void
round_trip(const char *text, int64_t fen)
{
	int64_t	 back = UNTOUCHED;

	FUZZ_CHECK(strlen(text) < MONEY_FMT_MAX);
	FUZZ_CHECK(money_parse(text, &back) == MONEY_OK);
	FUZZ_CHECK(back == fen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s = fuzz_cstr(data, size);
	char		 buf[MONEY_FMT_MAX], cap[MONEY_CAPITAL_MAX];
	int64_t		 fen = UNTOUCHED;
	enum money_err	 e;

	e = money_parse(s, &fen);
	if (e != MONEY_OK) {
		FUZZ_CHECK(fen == UNTOUCHED);
		FUZZ_CHECK(money_strerror(e)[0] != '\0');
		goto out;
	}
	FUZZ_CHECK(fen >= 0 && fen <= MONEY_MAX);
	round_trip(money_fmt(buf, fen), fen);
	round_trip(money_fmt_plain(buf, fen), fen);
	money_display(buf, fen);
	FUZZ_CHECK(strlen(buf) < MONEY_FMT_MAX);
	FUZZ_CHECK(money_capital(cap, sizeof(cap), fen) == 0);
	FUZZ_CHECK(strlen(cap) < sizeof(cap));
out:
	free(s);
	return 0;
}
