/*
 * conf.h - the configuration file: KEY=VALUE lines, '#' comments.
 * Read once at start-up; a bad file or a missing required key is fatal.
 */
#ifndef PROPFEE_CONF_H
#define PROPFEE_CONF_H

#include <stddef.h>

void		 conf_load(const char *path);
/* The value of key, or def when absent. */
const char	*conf_get(const char *key, const char *def);
/* The value of key, fatal when absent. */
const char	*conf_need(const char *key);
/* The integer value of key within [min, max], or def; fatal when bad. */
long long	 conf_int(const char *key, long long def, long long min,
		    long long max);
/*
 * An address a program listens on or connects to (issue 9, multi-host):
 * an absolute unix socket path, or HOST:PORT for TCP (127.0.0.1:9001;
 * HOST is a name or an IPv4 address, PORT 1..65535). Returns 0 for a
 * path, 1 for TCP with host (NUL-terminated, at most hostsz - 1 bytes)
 * and *port filled in when they are not NULL, -1 when it is neither (the
 * caller makes that fatal at start-up).
 */
int		 conf_addr(const char *addr, char *host, size_t hostsz,
		    int *port);

#endif
