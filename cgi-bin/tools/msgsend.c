/*
 * msgsend.c - propfee-msgsend: sends one message through a provider's
 * adapter (msgsend.h), as the worker would, and prints the provider's
 * answer: for staff checking a provider's keys and templates, and for
 * the tests (tests/http/test_msg_adapters.py, against the mock receiver
 * scripts/propfee-mock-msg).
 *
 *   propfee-msgsend [-c propfee.conf] [-t SECONDS] [-n COUNT] [-k KEY]
 *       [-T TITLE] [-l LINK] [-p NAME=VALUE ...] sms|wechat|app ADDRESS
 *       TOPIC TEXT
 *
 * ADDRESS: the phone, openid or registration id. TOPIC: ebill,
 * reminder, shop.quarter, receipt.issued, login.code (or with '_'),
 * which picks the template (sms_tpl_<topic>, wechat_tpl_<topic>).
 * -p: the template's parameters, in order (at most 8); without any, one
 * named "text" with TEXT. -k: the idempotency key (OutId, client_msg_id,
 * sendno's source), default "msgsend/" and random hex. -n: sends the
 * message COUNT times from this one process (keys KEY/1 ... KEY/COUNT),
 * as a worker thread sends many: the WeChat access_token is fetched
 * once for all. -t: each message's time limit, default 10 s.
 *
 * One line per message:
 *   result=sent|retry|refused|unsure http=STATUS code=CODE provider_id=ID
 *   rate_limited=0|1 answer=MESSAGE
 * (unsure: no answer came after the request went out - the provider may
 * have taken it)
 * Exits 0 when every message was sent, 1 when one was not, 2 on bad
 * usage or a configuration without the channel's keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "conf.h"
#include "ctx.h"
#include "fetch.h"
#include "msg.h"
#include "msgsend.h"

static const char *const results[] = {
	"sent", "retry", "refused", "unsure"
};

static void
usage(void)
{
	fprintf(stderr, "usage: propfee-msgsend [-c propfee.conf] "
	    "[-t seconds] [-n count] [-k key] [-T title] [-l link]\n"
	    "       [-p name=value ...] sms|wechat|app ADDRESS TOPIC TEXT\n");
	exit(2);
}

/* A positive number from s, at most max, or usage. */
static long
number(const char *s, long max)
{
	char	*end;
	long	 n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 1 || n > max)
		usage();
	return n;
}

int
main(int argc, char **argv)
{
	struct ctx	 ctx;
	struct msg_out	 m;
	struct msg_answer a;
	const char	*conf = "var/propfee.conf", *key = NULL;
	char		*eq, *p, defkey[40];
	long		 timeout = 10, count = 1, i;
	int		 ch, channel, bad = 0;

	memset(&m, 0, sizeof(m));
	m.title = "";
	m.link = "";
	while ((ch = getopt(argc, argv, "c:t:n:k:T:l:p:")) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 't':
			timeout = number(optarg, 3600);
			break;
		case 'n':
			count = number(optarg, 100000);
			break;
		case 'k':
			key = optarg;
			break;
		case 'T':
			m.title = optarg;
			break;
		case 'l':
			m.link = optarg;
			break;
		case 'p':
			if ((eq = strchr(optarg, '=')) == NULL ||
			    eq == optarg || m.nparams == MSG_PARAMS_MAX)
				usage();
			*eq = '\0';
			m.names[m.nparams] = optarg;
			m.values[m.nparams++] = eq + 1;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 4 ||
	    (channel = msg_channel_parse(argv[optind])) < 0)
		usage();
	m.channel = (enum msg_channel)channel;
	m.address = argv[optind + 1];
	m.topic = argv[optind + 2];
	m.text = argv[optind + 3];
	if (m.nparams == 0) {
		m.names[0] = "text";
		m.values[0] = m.text;
		m.nparams = 1;
	}
	conf_load(conf);
	if (sodium_init() < 0 || fetch_init() < 0) {
		fprintf(stderr, "propfee-msgsend: cannot start libsodium or "
		    "libcurl\n");
		return 2;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.a = &ctx.arena;
	ctx.name = "msgsend";
	arena_init(ctx.a);
	if (key == NULL) {
		/* outside the arena, which is emptied after each message */
		snprintf(defkey, sizeof(defkey), "msgsend/%s",
		    ctx_random_hex(&ctx, 8));
		key = defkey;
	}
	for (i = 1; i <= count; i++) {
		m.idem_key = count == 1 ? key :
		    arena_printf(ctx.a, "%s/%ld", key, i);
		if (msg_send(&ctx, &m, timeout, &a) < 0) {
			fprintf(stderr, "propfee-msgsend: %s\n", a.answer);
			arena_free(ctx.a);
			return 2;
		}
		for (p = a.answer; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';	/* one line a message */
		printf("result=%s http=%ld code=%s provider_id=%s "
		    "rate_limited=%d answer=%s\n", results[a.result],
		    a.http_status, a.code, a.provider_id, a.rate_limited,
		    a.answer);
		fflush(stdout);
		if (a.result != MSG_SENT)
			bad = 1;
		arena_reset(ctx.a);
	}
	arena_free(ctx.a);
	return bad;
}
