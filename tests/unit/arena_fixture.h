/*
 * arena_fixture.h - one arena per test group, made before and freed after
 * (cmocka group setup and teardown). Include once per test program, after
 * cmocka.h and arena.h.
 */
#ifndef ARENA_FIXTURE_H
#define ARENA_FIXTURE_H

static struct arena a;

static int
setup(void **state)
{
	(void)state;
	arena_init(&a);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&a);
	return 0;
}

#endif
