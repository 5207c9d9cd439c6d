/*
 * jitter.c - a small per-owner generator for retry delays (issue 9: the
 * deadlock retries used an unseeded rand(), the same sequence in every
 * process, behind a lock shared by every thread).
 */
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>

#include "jitter.h"

/* splitmix64's finaliser: spreads a weak seed over all 64 bits. */
static uint64_t
jitter_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
jitter_seed(struct jitter *j)
{
	struct timespec	 ts;
	uint64_t	 seed = 0;

	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(seed)) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		seed = (uint64_t)getpid() << 32 ^ (uint64_t)gettid() ^
		    (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 20 ^
		    (uint64_t)(uintptr_t)j;
	}
	j->s = jitter_mix(seed);
	if (j->s == 0)
		j->s = 0x9e3779b97f4a7c15ULL;
}

uint32_t
jitter_below(struct jitter *j, uint32_t n)
{
	uint64_t	 x = j->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	j->s = x;
	if (n == 0)
		n = 1;
	/* The high bits are the good ones; the bias of % is < n / 2^32. */
	return (uint32_t)((x * 0x2545f4914f6cdd1dULL) >> 32) % n;
}
