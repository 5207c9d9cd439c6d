/*
 * passwd.c - prints the argon2id hash of the password on standard input,
 * with the parameters the programs use (auth.c). The demo loader and
 * administrators use it to set passwords without a running program.
 */
#include <stdio.h>
#include <string.h>

#include "password.h"

int
main(void)
{
	char	 pw[256], hash[PASSWORD_HASH_MAX];

	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "usage: echo PASSWORD | propfee-passwd\n");
		return 2;
	}
	pw[strcspn(pw, "\r\n")] = '\0';
	password_init();
	if (password_hash(pw, hash) != 0) {
		fprintf(stderr, "propfee-passwd: hashing failed\n");
		return 1;
	}
	puts(hash);
	return 0;
}
