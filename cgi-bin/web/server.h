/*
 * server.h - the FastCGI server loop both programs share.
 *
 * server_main() reads the configuration (-c FILE), loads the templates,
 * opens the program's socket and runs worker threads, each with its own
 * database connection and request arena. SIGTERM or SIGINT stops
 * accepting, lets requests in flight finish, and exits.
 *
 * Every request goes through one lifecycle (serve() in server.c): parse
 * the head under limits (400/414) -> route (404/405) -> for a session
 * route, session (login redirect) and role (403) -> the body under the
 * route's declaration (413/415/400, http.h) -> CSRF on a session route's
 * POST (403) -> a kept form answer on GET (flash.h) or the handler ->
 * 503/500 if a database call failed -> a POST's 4xx page kept and
 * redirected to the page it came from -> send -> free, spool files
 * deleted. Handlers never repeat it.
 */
#ifndef PROPFEE_SERVER_H
#define PROPFEE_SERVER_H

#include "http.h"

/* A thread of the program: its context (connection, arena) and the
 * request it is serving. Background work is propfee-worker's. */
struct worker {
	int		 id;
	struct ctx	 ctx;
	struct req	 req;
};

int	server_main(int argc, char **argv, const struct app *);

#endif
