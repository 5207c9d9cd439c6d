/*
 * test_gw.c - what the gateway adapters share (gw.h): yuan strings to fen
 * exactly and back, and RSA-SHA256 signatures that verify only the
 * message signed, with the key that signed it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "arena.h"
#include "ctx.h"
#include "gw.h"

static void
fen_parses_gateway_yuan_exactly(void **state)
{
	(void)state;
	assert_int_equal(gw_fen("1249.96"), 124996);
	assert_int_equal(gw_fen("0.01"), 1);
	assert_int_equal(gw_fen("12.3"), 1230);
	assert_int_equal(gw_fen("12"), 1200);
	assert_int_equal(gw_fen("0.10"), 10);
	/* 0.29 is 28.999... as a double: never through a float */
	assert_int_equal(gw_fen("0.29"), 29);
	assert_int_equal(gw_fen("999999999999.99"), 99999999999999LL);
}

static void
fen_refuses_what_is_not_a_yuan_amount(void **state)
{
	static const char *const bad[] = { "", ".5", "1.", "1.234", "-1.00",
	    "1e3", " 1.00", "1.00 ", "1,000.00", "１.００", "0x10",
	    "1000000000000.00", "1.0.0", NULL };
	int	 i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		assert_int_equal(gw_fen(bad[i]), -1);
}

static void
yuan_writes_two_decimals(void **state)
{
	struct ctx	 ctx;

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	ctx.a = &ctx.arena;
	arena_init(ctx.a);
	assert_string_equal(gw_yuan(&ctx, 124996), "1249.96");
	assert_string_equal(gw_yuan(&ctx, 5), "0.05");
	assert_string_equal(gw_yuan(&ctx, 100), "1.00");
	assert_int_equal(gw_fen(gw_yuan(&ctx, 98765432)), 98765432);
	arena_free(ctx.a);
}

/* A fresh RSA key: its private half at priv, its public half at pub. */
static void
make_key(const char *priv, const char *pub)
{
	EVP_PKEY	*k = EVP_RSA_gen(2048);
	FILE		*f;

	assert_non_null(k);
	assert_non_null(f = fopen(priv, "w"));
	assert_int_equal(PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL), 1);
	fclose(f);
	assert_non_null(f = fopen(pub, "w"));
	assert_int_equal(PEM_write_PUBKEY(f, k), 1);
	fclose(f);
	EVP_PKEY_free(k);
}

static void
rsa_verifies_only_what_its_key_signed(void **state)
{
	struct ctx	 ctx;
	char		 dir[] = "/tmp/propfee-gw-XXXXXX", a[64], ap[64], b[64],
			 bp[64];
	const char	*msg = "app_id=2021&out_trade_no=P1&total_amount=12.30";
	char		*sig, *other;

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	ctx.a = &ctx.arena;
	arena_init(ctx.a);
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a.pem", dir);
	snprintf(ap, sizeof(ap), "%s/a.pub", dir);
	snprintf(b, sizeof(b), "%s/b.pem", dir);
	snprintf(bp, sizeof(bp), "%s/b.pub", dir);
	make_key(a, ap);
	make_key(b, bp);
	assert_non_null(sig = gw_rsa_sign(&ctx, a, msg, strlen(msg)));
	assert_int_equal(gw_rsa_verify(&ctx, ap, msg, strlen(msg), sig), 1);
	/* one fen more */
	assert_int_equal(gw_rsa_verify(&ctx, ap,
	    "app_id=2021&out_trade_no=P1&total_amount=12.31", strlen(msg), sig), 0);
	/* another key's public half */
	assert_int_equal(gw_rsa_verify(&ctx, bp, msg, strlen(msg), sig), 0);
	/* another key's signature, garbage, nothing */
	assert_non_null(other = gw_rsa_sign(&ctx, b, msg, strlen(msg)));
	assert_int_equal(gw_rsa_verify(&ctx, ap, msg, strlen(msg), other), 0);
	assert_int_equal(gw_rsa_verify(&ctx, ap, msg, strlen(msg), "!!!!"), 0);
	assert_int_equal(gw_rsa_verify(&ctx, ap, msg, strlen(msg), ""), 0);
	/* no key file: not "invalid" but "cannot tell" */
	assert_int_equal(gw_rsa_verify(&ctx, "/nonexistent/x.pub", msg,
	    strlen(msg), sig), -1);
	assert_null(gw_rsa_sign(&ctx, "/nonexistent/x.pem", msg, strlen(msg)));
	unlink(a);
	unlink(ap);
	unlink(b);
	unlink(bp);
	rmdir(dir);
	arena_free(ctx.a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fen_parses_gateway_yuan_exactly),
		cmocka_unit_test(fen_refuses_what_is_not_a_yuan_amount),
		cmocka_unit_test(yuan_writes_two_decimals),
		cmocka_unit_test(rsa_verifies_only_what_its_key_signed),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("gw", tests, NULL, NULL);
}
