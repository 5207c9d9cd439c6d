#!/bin/sh
# migrate.sh VAR [DATABASE] - applies the numbered migrations in sql/ that
# the database (default: propfee) of the stack under VAR has not seen yet,
# in order, and records each one in schema_migrations. A failing
# migration stops here with its error.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=$(cd "$1" && pwd)
DB=${2:-propfee}

sql() {
	mariadb --defaults-file="$VAR/my.cnf" -uroot "$DB" "$@"
}

sql -e "CREATE TABLE IF NOT EXISTS schema_migrations (
  version VARCHAR(64) NOT NULL PRIMARY KEY,
  applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"

for f in "$ROOT"/sql/[0-9][0-9][0-9]_*.sql; do
	v=$(basename "$f" .sql)
	case "$v" in
	*[!A-Za-z0-9_]*) echo "migrate: bad file name $v" >&2; exit 1 ;;
	esac
	done_already=$(sql -N -e "SELECT COUNT(*) FROM schema_migrations WHERE version = '$v'")
	[ "$done_already" = 0 ] || continue
	echo "propfee: migration $v ($DB)"
	sql <"$f"
	sql -e "INSERT INTO schema_migrations (version) VALUES ('$v')"
done
