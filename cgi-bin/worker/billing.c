/*
 * billing.c - the "billing.run" job: a run the billing page queued
 * (staff/billing.c writes the run and its job in one transaction).
 */
#include <stdio.h>

#include "billing.h"
#include "ctx.h"
#include "jobs.h"
#include "worker.h"

int
job_billing_run(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	(void)owner;
	/* Chunks already billed are skipped: an attempt after a failure or
	 * a dead worker's lease carries on where the last one stopped. */
	if (billing_execute(ctx, j->ref_id) < 0) {
		snprintf(err, errlen, "billing run %lld failed%s",
		    (long long)j->ref_id, ctx->db_down ?
		    ": database unreachable" : "");
		return -1;
	}
	return 0;
}
