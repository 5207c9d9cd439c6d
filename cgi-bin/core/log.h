/*
 * log.h - one line per event on standard error, which the run scripts
 * send to var/log/<program>.log. Start-up errors are fatal (log_fatal);
 * after start-up a failure ends only the request that met it.
 */
#ifndef PROPFEE_LOG_H
#define PROPFEE_LOG_H

void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
