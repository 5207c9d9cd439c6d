/*
 * conf.c - KEY=VALUE configuration, loaded once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "log.h"

#define CONF_MAX	64

/* Filled by conf_load() at start-up, before any thread; read-only after. */
static struct {
	char	*key;
	char	*val;
} conf[CONF_MAX];
static int nconf;

void
conf_load(const char *path)
{
	FILE	*f;
	char	 line[1024], *eq, *end;
	int	 lineno = 0;

	if ((f = fopen(path, "r")) == NULL)
		log_fatal("%s: %s: %s", __func__, path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((eq = strchr(line, '=')) == NULL)
			log_fatal("%s: %s:%d: expected KEY=VALUE", __func__,
			    path, lineno);
		*eq = '\0';
		for (end = eq; end > line && end[-1] == ' '; end--)
			end[-1] = '\0';
		if (nconf == CONF_MAX)
			log_fatal("%s: %s: too many keys", __func__, path);
		conf[nconf].key = xstrdup(line);
		conf[nconf].val = xstrdup(eq + 1 + strspn(eq + 1, " "));
		nconf++;
	}
	fclose(f);
}

const char *
conf_get(const char *key, const char *def)
{
	int	 i;

	for (i = nconf - 1; i >= 0; i--)
		if (strcmp(conf[i].key, key) == 0)
			return conf[i].val;
	return def;
}

const char *
conf_need(const char *key)
{
	const char	*v = conf_get(key, NULL);

	if (v == NULL || *v == '\0')
		log_fatal("%s: configuration key %s is missing", __func__, key);
	return v;
}

long long
conf_int(const char *key, long long def, long long min, long long max)
{
	const char	*v = conf_get(key, NULL);
	char		*end;
	long long	 n;

	if (v == NULL)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end != '\0' || end == v || n < min || n > max)
		log_fatal("%s: %s=%s: not an integer in [%lld, %lld]",
		    __func__, key, v, min, max);
	return n;
}

int
conf_addr(const char *addr, char *host, size_t hostsz, int *port)
{
	const char	*colon, *p;
	long		 n = 0;
	size_t		 hl;

	if (addr == NULL || *addr == '\0')
		return -1;
	if (addr[0] == '/')
		return 0;
	if ((colon = strrchr(addr, ':')) == NULL || colon == addr)
		return -1;
	hl = (size_t)(colon - addr);
	for (p = addr; p < colon; p++)
		if (!(*p == '.' || *p == '-' || (*p >= '0' && *p <= '9') ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return -1;
	for (p = colon + 1; *p >= '0' && *p <= '9' && n <= 65535; p++)
		n = n * 10 + (*p - '0');
	if (p == colon + 1 || *p != '\0' || n < 1 || n > 65535)
		return -1;
	if (host != NULL) {
		if (hl >= hostsz)
			return -1;
		memcpy(host, addr, hl);
		host[hl] = '\0';
	}
	if (port != NULL)
		*port = (int)n;
	return 1;
}
