#!/bin/sh
# backup.sh - a consistent copy of a running stack, and a fresh stack made
# from one (issue 14).
#
#   backup.sh backup VAR [DEST]     copy the stack under VAR (running) to
#                                   DEST (default VAR/backups/<UTC time>)
#   backup.sh restore FROM VAR [PORT]
#                                   start a new stack under VAR (which must
#                                   hold no database yet) from the backup
#                                   FROM, on PORT (default 8080)
#
# A backup is a folder:
#   db/        mariadb-backup's copy of every database of the stack, taken
#              while it runs (InnoDB's redo log carries the writes made
#              meanwhile) and prepared at once, so it is ready to copy back
#   files/     what the database's rows point at or need: propfee.conf (the
#              programs' user's password, the keys), the payment keys
#              (pay/, sandbox/) and the photos (photos/), copied after the
#              database, so every photo a copied row names is there
#   MANIFEST   when, from where, the binary log position it ends at (the
#              start of a restore to a point in time: mariadb-binlog from
#              there over VAR/mysql/binlog.*), and the code's revision
#
# A restore never writes into a stack that has a database: it makes a new
# one (mariadb-backup --copy-back into an empty data folder), rewrites the
# paths of propfee.conf to the new folder, drops the addresses chosen at
# the first start (the sandbox's and the mock receiver's ports: the new
# stack chooses its own), marks the demo loaded and starts the stack with
# scripts/stack.sh (its migrations then bring an older backup up to date).
# Check it with: scripts/check-ledger.sh VAR.
#
# Needs Debian's mariadb-backup (scripts/deps.sh installs it). Backups hold
# the database's secrets: they are written mode 700.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
USAGE="usage: $0 backup VAR [DEST] | restore FROM VAR [PORT]"

say() { echo "propfee: $*"; }
die() { echo "propfee: $*" >&2; exit 1; }

command -v mariadb-backup >/dev/null 2>&1 ||
    die "mariadb-backup is missing: run scripts/deps.sh (make run does)"

# copy_dirs SRC DEST: the folders of a stack the backup keeps, those there.
copy_dirs() {
	for d in pay sandbox photos; do
		[ -d "$1/$d" ] || continue
		cp -a "$1/$d" "$2/$d"
	done
}

backup() {
	VAR=$(cd "$1" && pwd)
	[ -S "$VAR/run/mysqld.sock" ] && [ -f "$VAR/my.cnf" ] ||
	    die "no running stack under $VAR (start it with make run)"
	DEST=${2:-$VAR/backups/$(date -u +%Y%m%dT%H%M%SZ)}
	[ ! -e "$DEST" ] || die "$DEST exists already"
	umask 077
	mkdir -p "$DEST/files"
	DEST=$(cd "$DEST" && pwd)
	log="$DEST/backup.log"
	say "backing up $VAR to $DEST ..."
	mariadb-backup --defaults-file="$VAR/my.cnf" --user=root --backup \
	    --target-dir="$DEST/db" >"$log" 2>&1 ||
	    die "mariadb-backup --backup failed: see $log"
	mariadb-backup --prepare --target-dir="$DEST/db" >>"$log" 2>&1 ||
	    die "mariadb-backup --prepare failed: see $log"
	cp -p "$VAR/propfee.conf" "$DEST/files/propfee.conf"
	copy_dirs "$VAR" "$DEST/files"
	{
		echo "taken_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
		echo "from=$VAR"
		echo "binlog=$(cat "$DEST/db/xtrabackup_binlog_info" 2>/dev/null |
		    tr '\t' ' ' || true)"
		echo "revision=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null ||
		    echo unknown)"
	} >"$DEST/MANIFEST"
	say "backup done: $DEST ($(du -sh "$DEST" | cut -f1))"
}

restore() {
	FROM=$(cd "$1" && pwd)
	[ -f "$FROM/MANIFEST" ] && [ -d "$FROM/db" ] ||
	    die "$FROM is not a backup (no MANIFEST or db/)"
	mkdir -p "$2"
	VAR=$(cd "$2" && pwd)
	PORT=${3:-8080}
	if [ -d "$VAR/mysql" ] && [ -n "$(ls -A "$VAR/mysql")" ]; then
		die "$VAR has a database already: restore into a new folder"
	fi
	old=$(sed -n 's/^from=//p' "$FROM/MANIFEST")
	[ -n "$old" ] || die "$FROM/MANIFEST names no stack folder"
	say "restoring $FROM into $VAR ..."
	mkdir -p "$VAR/mysql" "$VAR/log"
	mariadb-backup --copy-back --target-dir="$FROM/db" \
	    --datadir="$VAR/mysql" >"$VAR/log/restore.log" 2>&1 ||
	    die "mariadb-backup --copy-back failed: see $VAR/log/restore.log"
	umask 077
	# The old folder's paths become the new one's; the ports chosen at
	# the old stack's first start are chosen again.
	sed -e "s|$old/|$VAR/|g" -e '/^sandbox_url=/d' -e '/^msg_mock_url=/d' \
	    "$FROM/files/propfee.conf" >"$VAR/propfee.conf"
	copy_dirs "$FROM/files" "$VAR"
	date >"$VAR/demo-loaded"
	PORT=$PORT "$ROOT/scripts/stack.sh" start "$VAR" "$PORT"
	say "restored: http://127.0.0.1:$PORT/ (check it: scripts/check-ledger.sh $VAR)"
}

case "${1:-}" in
backup)
	[ $# -ge 2 ] && [ $# -le 3 ] || { echo "$USAGE" >&2; exit 2; }
	backup "$2" "${3:-}"
	;;
restore)
	[ $# -ge 3 ] && [ $# -le 4 ] || { echo "$USAGE" >&2; exit 2; }
	restore "$2" "$3" "${4:-}"
	;;
*)
	echo "$USAGE" >&2
	exit 2
	;;
esac
