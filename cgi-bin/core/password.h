/*
 * password.h - argon2id password hashes (libsodium) and constant-time
 * token comparison.
 *
 * The OWASP parameters: 2 passes over 19 MiB (STACK.md measured one check
 * at about 40 ms here). A check against a user who does not exist costs
 * the same, so the time of a login tells nothing.
 */
#ifndef PROPFEE_PASSWORD_H
#define PROPFEE_PASSWORD_H

#define PASSWORD_HASH_MAX	128	/* >= crypto_pwhash_STRBYTES */

/* Once per process, before any other call: fatal when libsodium fails. */
void	password_init(void);
/* Hashes pw into out (PASSWORD_HASH_MAX bytes). Returns 0 or -1. */
int	password_hash(const char *pw, char *out);
/* 1 if pw matches hash. A NULL or empty hash costs the same and fails. */
int	password_check(const char *hash, const char *pw);
/* 1 if two NUL-terminated tokens are equal and not empty, in constant
 * time for equal lengths. */
int	token_eq(const char *, const char *);

#endif
