/*
 * password.c - argon2id hashes and token comparison (libsodium).
 */
#include <string.h>

#include <sodium.h>

#include "log.h"
#include "password.h"

#define PW_OPSLIMIT	2
#define PW_MEMLIMIT	(19u * 1024 * 1024)

/* Set once in password_init(), before threads start; read-only after. */
static char dummy_hash[PASSWORD_HASH_MAX];

void
password_init(void)
{
	if (sodium_init() < 0)
		log_fatal("%s: sodium_init failed", __func__);
	/* A real hash to verify against when the user does not exist. */
	if (password_hash("propfee-no-such-user", dummy_hash) != 0)
		log_fatal("%s: cannot hash", __func__);
}

int
password_hash(const char *pw, char *out)
{
	return crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT,
	    PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
}

int
password_check(const char *hash, const char *pw)
{
	if (hash == NULL || *hash == '\0') {
		/* Same cost as a real check, so timing tells nothing. */
		if (crypto_pwhash_str_verify(dummy_hash, pw, strlen(pw)) == 0)
			log_warnx("%s: dummy password matched", __func__);
		return 0;
	}
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int
token_eq(const char *a, const char *b)
{
	size_t	 n;

	if (a == NULL || b == NULL)
		return 0;
	n = strlen(a);
	if (n == 0 || n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}
