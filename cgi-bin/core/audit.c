/*
 * audit.c - one INSERT, the only statement the audit log ever sees.
 */
#include "audit.h"
#include "db.h"
#include "http.h"

SQL_DEF(SQL_AUDIT_INSERT,
    "INSERT INTO audit_log (estate_id, actor_kind, actor_id, action, entity,"
    " entity_id, amount_fen, detail, ip, at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, LEFT(?, 1000), ?, NOW(6))");

int
audit(struct req *r, int64_t estate_id, const char *action,
    const char *entity, int64_t entity_id, int64_t amount, const char *detail)
{
	const char	*kind = "system";
	int64_t		 actor = DB_NULL;

	if (r->sess.id != 0 || r->sess.user_id != 0) {
		kind = r->sess.role == ROLE_OWNER ? "owner" : "staff";
		actor = r->sess.user_id;
	}
	return db_exec(r, &SQL_AUDIT_INSERT, "IsIssIIss", estate_id, kind,
	    actor, action, entity, entity_id, amount, detail ? detail : "",
	    r->remote_addr ? r->remote_addr : "") < 0 ? -1 : 0;
}
