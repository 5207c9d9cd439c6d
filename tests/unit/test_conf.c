/*
 * test_conf.c - conf_addr(), how a program reads where it listens or
 * connects (issue 9, multi-host): an absolute unix socket path or a TCP
 * HOST:PORT; anything else is refused, so a typo is fatal at start-up
 * rather than a socket file named "127.0.0.1:9001".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "conf.h"

static void
an_absolute_path_is_a_unix_socket(void **state)
{
	int	 port = -7;

	(void)state;
	assert_int_equal(conf_addr("/work/var/run/owner.sock", NULL, 0, &port),
	    0);
	assert_int_equal(port, -7);	/* untouched */
}

static void
host_and_port_is_tcp(void **state)
{
	char	 host[64];
	int	 port = 0;

	(void)state;
	assert_int_equal(conf_addr("127.0.0.1:9001", host, sizeof(host),
	    &port), 1);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 9001);
	assert_int_equal(conf_addr("db-1.estate.example:3306", host,
	    sizeof(host), &port), 1);
	assert_string_equal(host, "db-1.estate.example");
	assert_int_equal(port, 3306);
	assert_int_equal(conf_addr("localhost:1", NULL, 0, NULL), 1);
	assert_int_equal(conf_addr("h:65535", NULL, 0, NULL), 1);
}

static void
anything_else_is_refused(void **state)
{
	char	 host[8];
	int	 port = 0;

	(void)state;
	assert_int_equal(conf_addr(NULL, NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("run/owner.sock", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr(":9001", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1:", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1:0", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1:65536", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1:99999999999999999999", NULL,
	    0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1:90x", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1:-1", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("127.0.0.1: 9001", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("a b:9001", NULL, 0, NULL), -1);
	assert_int_equal(conf_addr("[::1]:9001", NULL, 0, NULL), -1);
	/* A host longer than the caller's buffer is refused, not cut. */
	assert_int_equal(conf_addr("longhostname:80", host, sizeof(host),
	    &port), -1);
	assert_int_equal(port, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_absolute_path_is_a_unix_socket),
		cmocka_unit_test(host_and_port_is_tcp),
		cmocka_unit_test(anything_else_is_refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
