#!/bin/sh
# galera-node.sh VAR MARIADBD: the service command of a Galera node's
# MariaDB (scripts/stack.sh node), run by its supervisor in the
# foreground. After a crash Galera's state file has lost the node's
# position (seqno -1), and the node would ask for a whole copy of the
# data (SST); as mysqld_safe does, the position is first read back from
# InnoDB (--wsrep-recover) and given to the server, so that it asks only
# for the writesets it missed (IST) if the others still have them.
set -eu
VAR=$1
MARIADBD=$2
pos=""
if grep -q '^seqno: *-1' "$VAR/mysql/grastate.dat" 2>/dev/null; then
	"$MARIADBD" --defaults-file="$VAR/my.cnf" --wsrep-recover \
	    --log-error="$VAR/log/wsrep-recover.log" || true
	pos=$(sed -n 's/.*WSREP: Recovered position: *//p' \
	    "$VAR/log/wsrep-recover.log" | tail -n 1)
	case "$pos" in
	*-*-*-*-*:[0-9]*) echo "galera-node: recovered position $pos" ;;
	*) pos="" ;;
	esac
fi
exec "$MARIADBD" --defaults-file="$VAR/my.cnf" ${pos:+--wsrep-start-position="$pos"}
