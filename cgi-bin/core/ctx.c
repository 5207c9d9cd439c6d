/*
 * ctx.c - a thread's execution context: its arena, connection and actor.
 */
#include <malloc.h>
#include <string.h>

#include <sodium.h>

#include <openssl/crypto.h>

#include "ctx.h"
#include "db.h"

/* A request or job that used more than this gives memory back. */
#define CTX_TRIM_AFTER	(4 * 1024 * 1024)

static void
actor_none(struct ctx *c)
{
	memset(&c->actor, 0, sizeof(c->actor));
	c->actor.name = "";
	c->actor.addr = "";
}

void
ctx_open(struct ctx *c, const char *name, int long_statements)
{
	memset(c, 0, sizeof(*c));
	db_thread_init();
	arena_init(&c->arena);
	c->a = &c->arena;
	c->db = db_new();
	c->name = name;
	c->long_statements = long_statements;
	actor_none(c);
}

void
ctx_close(struct ctx *c)
{
	db_free(c->db);
	c->db = NULL;
	arena_free(&c->arena);
	db_thread_end();
	/* OpenSSL's per-thread state (the random generator RSA signing
	 * draws from, gw.c) goes with the thread. */
	OPENSSL_thread_stop();
}

void
ctx_reset(struct ctx *c)
{
	int	 big;

	db_release(c);
	big = c->arena.total > CTX_TRIM_AFTER;
	arena_reset(&c->arena);
	/* A big request (a company-wide board, an export) leaves memory
	 * behind in malloc and the database client: give it back. */
	if (big)
		malloc_trim(0);
	actor_none(c);
	c->now[0] = '\0';
	c->db_failed = c->db_down = c->db_busy = 0;
}

const char *
ctx_actor_kind(const struct ctx *c)
{
	if (c->actor.id == 0)
		return "system";
	return c->actor.role == ROLE_OWNER ? "owner" : "staff";
}

int64_t
ctx_actor_id(const struct ctx *c)
{
	return c->actor.id == 0 ? DB_NULL : c->actor.id;
}

char *
ctx_random_hex(struct ctx *c, size_t n)
{
	unsigned char	*raw = arena_alloc(c->a, n);
	char		*hex = arena_alloc(c->a, n * 2 + 1);

	randombytes_buf(raw, n);
	sodium_bin2hex(hex, n * 2 + 1, raw, n);
	return hex;
}

uint64_t
ctx_random(struct ctx *c, uint64_t n)
{
	uint64_t	 x;

	while (c->rng == 0)
		randombytes_buf(&c->rng, sizeof(c->rng));
	/* xorshift64* (Vigna): fast, and good enough for jitter. */
	x = c->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	c->rng = x;
	x *= 0x2545f4914f6cdd1dULL;
	return n == 0 ? 0 : x % n;
}
