/*
 * billing.c - the "billing.run" job: a run the billing page queued
 * (staff/billing.c writes the run and its job in one transaction).
 */
#include <stdio.h>

#include "billing.h"
#include "ctx.h"
#include "db.h"
#include "jobs.h"
#include "worker.h"

int
job_billing_run(struct ctx *ctx, const struct job *j, const char *owner,
    char *err, size_t errlen)
{
	int	 rc;

	/* Chunks already billed are skipped: an attempt after a failure or
	 * a dead worker's lease carries on where the last one stopped. */
	rc = billing_execute(ctx, j->ref_id, j->id, owner);
	if (rc == BILLING_LEASE_LOST) {
		snprintf(err, errlen, "billing run %lld: lost the lease, stopped"
		    " without writing (its new owner carries on)",
		    (long long)j->ref_id);
		return -1;
	}
	if (rc < 0) {
		snprintf(err, errlen, "billing run %lld failed%s",
		    (long long)j->ref_id, ctx->db_down ?
		    ": database unreachable" : "");
		return -1;
	}
	return 0;
}

SQL_DEF(SQL_BILLING_DEAD,
    "UPDATE billing_runs SET status = 'failed', finished_at = NOW(3),"
    " error = '后台任务多次未能完成，已停止；请重新运行（已生成的账单不会重复）'"
    " WHERE id = ? AND status IN ('queued', 'running')");

int
job_billing_dead(struct ctx *ctx, int64_t run_id)
{
	return db_exec(ctx, &SQL_BILLING_DEAD, "i", run_id) < 0 ? -1 : 0;
}
