/*
 * arena.c - per-request arenas and the abort-on-OOM allocator.
 * The policy is written once, in arena.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	16

/*
 * Built with AddressSanitizer (make asan, make fuzz), every allocation is
 * a block, and so a malloc, of its own, exactly as large as asked: an
 * overrun then lands past the end of a malloc, where ASan reports it,
 * rather than in the next allocation of the same block, where it would
 * go unseen. The arena's rules do not change.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EACH	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EACH	1
#endif
#endif
#ifndef ARENA_EACH
#define ARENA_EACH	0
#endif

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	size_t			 used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_cleanup {
	struct arena_cleanup	*next;
	void			(*fn)(void *);
	void			*arg;
};

static void
oom(size_t n)
{
	fprintf(stderr, "propfee: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom(n * sz);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static struct arena_block *
block_new(size_t want)
{
	struct arena_block	*b;
	size_t			 size = want > ARENA_BLOCK || ARENA_EACH ? want :
				    ARENA_BLOCK;

	b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void
arena_init(struct arena *a)
{
	a->first = a->head = block_new(ARENA_BLOCK);
	a->cleanups = NULL;
	a->total = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	size_t			 off;

	if (n > SIZE_MAX / 2)
		oom(n);
	off = (b->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (off + n > b->size || ARENA_EACH) {
		b = block_new(n);
		a->head->next = b;
		a->head = b;
		off = 0;
	}
	b->used = off + n;
	a->total += n;
	return b->data + off;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct arena_cleanup	*c = arena_alloc(a, sizeof(*c));

	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
}

void *
arena_grow(struct arena *a, void *array, size_t n, size_t *cap, size_t size,
    size_t first_cap)
{
	void	*p;

	if (n < *cap)
		return array;
	*cap = *cap ? *cap * 2 : first_cap;
	p = arena_alloc(a, *cap * size);
	if (n)
		memcpy(p, array, n * size);
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_block	*b, *next;
	struct arena_cleanup	*c;

	/* Cleanups live in the arena: unlink each before running it. */
	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->arg);
	}
	for (b = a->first->next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->first->next = NULL;
	a->first->used = 0;
	a->head = a->first;
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->first);
	a->first = a->head = NULL;
}

void
buf_init(struct buf *b, struct arena *a, size_t cap)
{
	b->a = a;
	b->cap = cap ? cap : 256;
	b->p = arena_alloc(a, b->cap);
	b->len = 0;
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 cap = b->cap;
	char	*p;

	if (b->len + extra + 1 <= b->cap)
		return;
	while (cap < b->len + extra + 1)
		cap *= 2;
	p = arena_alloc(b->a, cap);
	memcpy(p, b->p, b->len);
	b->p = p;
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->p[b->len++] = c;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_str(struct buf *b)
{
	buf_grow(b, 0);
	b->p[b->len] = '\0';
	return b->p;
}
