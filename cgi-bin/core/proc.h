/*
 * proc.h - how each propfee program starts and waits to stop: the
 * FastCGI programs (web/server.c) and propfee-worker alike.
 */
#ifndef PROPFEE_PROC_H
#define PROPFEE_PROC_H

#include <signal.h>

/*
 * Reads "-c propfee.conf" from the command line and loads it (conf.h);
 * anything else prints "usage: PROG -c propfee.conf" and exits 2.
 */
void	proc_conf(int argc, char **argv, const char *prog);

/*
 * Blocks SIGTERM, SIGINT and SIGHUP in the calling thread (call it
 * before starting threads, which inherit the mask) into *sigs, and
 * ignores SIGPIPE; proc_wait() then waits for SIGTERM or SIGINT (a
 * SIGHUP is ignored) and returns its number.
 */
void	proc_signals(sigset_t *sigs);
int	proc_wait(const sigset_t *sigs);

#endif
