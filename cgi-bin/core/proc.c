/*
 * proc.c - a program's start (its configuration) and stop (its signals).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "proc.h"

void
proc_conf(int argc, char **argv, const char *prog)
{
	const char	*path = NULL;
	int		 ch;

	while ((ch = getopt(argc, argv, "c:")) != -1) {
		if (ch != 'c')
			break;
		path = optarg;
	}
	if (path == NULL || ch == '?' || optind != argc) {
		fprintf(stderr, "usage: %s -c propfee.conf\n", prog);
		exit(2);
	}
	conf_load(path);
}

void
proc_signals(sigset_t *sigs)
{
	/* Signals go to the main thread's sigwait, never to a worker. */
	sigemptyset(sigs);
	sigaddset(sigs, SIGTERM);
	sigaddset(sigs, SIGINT);
	sigaddset(sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int
proc_wait(const sigset_t *sigs)
{
	int	 sig;

	do {
		if (sigwait(sigs, &sig) != 0)
			log_fatal("%s: sigwait failed", __func__);
	} while (sig == SIGHUP);
	return sig;
}
