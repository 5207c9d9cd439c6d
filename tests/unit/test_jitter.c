/*
 * test_jitter.c - the deadlock-retry jitter (issue 9): each connection's
 * generator is seeded on its own, so two threads or two processes that
 * met in one deadlock do not draw the same waits (an unseeded rand()
 * gives every process the same sequence), and the draws stay in range
 * and cover it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "jitter.h"

#define DRAWS	32

/* The first DRAWS draws in [0, 1000) of a freshly seeded generator. */
static void
draws(uint32_t out[DRAWS])
{
	struct jitter	 j;
	int		 i;

	jitter_seed(&j);
	for (i = 0; i < DRAWS; i++)
		out[i] = jitter_below(&j, 1000);
}

static void
two_generators_in_one_process_differ(void **state)
{
	uint32_t	 x[DRAWS], y[DRAWS];

	(void)state;
	draws(x);
	draws(y);
	/* 32 draws of 1000 alike by chance: 10^-96. */
	assert_memory_not_equal(x, y, sizeof(x));
}

static void
two_processes_differ(void **state)
{
	uint32_t	 mine[DRAWS], theirs[DRAWS];
	int		 fd[2], st;
	pid_t		 pid;
	size_t		 got = 0;
	ssize_t		 n;

	(void)state;
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		draws(mine);
		_exit(write(fd[1], mine, sizeof(mine)) == sizeof(mine) ? 0 : 1);
	}
	assert_true(pid > 0);
	close(fd[1]);
	while (got < sizeof(theirs) &&
	    (n = read(fd[0], (char *)theirs + got, sizeof(theirs) - got)) > 0)
		got += (size_t)n;
	close(fd[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(got, sizeof(theirs));
	draws(mine);
	assert_memory_not_equal(mine, theirs, sizeof(mine));
}

static void
draws_stay_below_n_and_cover_it(void **state)
{
	struct jitter	 j;
	int		 seen[10] = { 0 }, i;
	uint32_t	 v;

	(void)state;
	jitter_seed(&j);
	for (i = 0; i < 2000; i++) {
		v = jitter_below(&j, 10);
		assert_true(v < 10);
		seen[v]++;
	}
	/* Each of 10 values about 200 times; fewer than 100 would mean
	 * a broken generator (chance of it by luck: below 10^-12). */
	for (i = 0; i < 10; i++)
		assert_true(seen[i] > 100);
	assert_int_equal(jitter_below(&j, 1), 0);
	assert_int_equal(jitter_below(&j, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_generators_in_one_process_differ),
		cmocka_unit_test(two_processes_differ),
		cmocka_unit_test(draws_stay_below_n_and_cover_it),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("jitter", tests, NULL, NULL);
}
