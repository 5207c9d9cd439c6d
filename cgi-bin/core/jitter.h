/*
 * jitter.h - random spread for retry delays, from a generator its owner
 * keeps (one per database connection, so one per thread): no shared
 * state, no lock, and a different sequence in every thread and process.
 * Not for secrets (auth.c takes those from libsodium).
 */
#ifndef PROPFEE_JITTER_H
#define PROPFEE_JITTER_H

#include <stdint.h>

struct jitter {
	uint64_t	 s;	/* xorshift64* state, never 0 */
};

/* Seeds j from getrandom(2); when the kernel cannot say (it never
 * fails for 8 bytes once booted), from the pid, the thread id, the
 * clock and j's address. Never fails. */
void		 jitter_seed(struct jitter *j);
/* A number in [0, n) (n >= 1; 0 is taken as 1). The seed must have
 * been set by jitter_seed. */
uint32_t	 jitter_below(struct jitter *j, uint32_t n);

#endif
