/*
 * conf.h - the configuration file: KEY=VALUE lines, '#' comments.
 * Read once at start-up; a bad file or a missing required key is fatal.
 */
#ifndef PROPFEE_CONF_H
#define PROPFEE_CONF_H

void		 conf_load(const char *path);
/* The value of key, or def when absent. */
const char	*conf_get(const char *key, const char *def);
/* The value of key, fatal when absent. */
const char	*conf_need(const char *key);
/* The integer value of key within [min, max], or def; fatal when bad. */
long long	 conf_int(const char *key, long long def, long long min,
		    long long max);

#endif
