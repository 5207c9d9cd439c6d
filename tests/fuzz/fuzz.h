/*
 * fuzz.h - what the fuzz harnesses of tests/fuzz/ share.
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput(), the libFuzzer entry
 * point: it feeds one input to one parser and checks what the parser
 * promises (nothing read or written outside the input, outputs within
 * its length, what it accepts survives a round trip). A broken promise
 * aborts through FUZZ_CHECK, so libFuzzer keeps the input as a crash and
 * the corpus replay of make test (replay.c) fails on it.
 */
#ifndef PROPFEE_FUZZ_H
#define PROPFEE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The input as a C string, cut at its first NUL; free() it after. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	FUZZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
