#!/bin/sh
# galera-node.sh VAR MARIADBD: the service command of a Galera node's
# MariaDB (scripts/stack.sh node), run by its supervisor in the
# foreground. After a crash Galera's state file has lost the node's
# position (seqno -1), and the node would ask for a whole copy of the
# data (SST); as mysqld_safe does, the position is first read back from
# InnoDB (--wsrep-recover) and given to the server, so that it asks only
# for the writesets it missed (IST) if the others still have them.
#
# galera-node.sh recover VAR MARIADBD prints that position (UUID:SEQNO)
# of a stopped node, or nothing (scripts/cluster.sh: which node has the
# most when every one is down).
set -eu

# recover VAR MARIADBD: the position InnoDB holds, or nothing.
recover() {
	"$2" --defaults-file="$1/my.cnf" --wsrep-recover \
	    --log-error="$1/log/wsrep-recover.log" >/dev/null 2>&1 || true
	p=$(sed -n 's/.*WSREP: Recovered position: *//p' \
	    "$1/log/wsrep-recover.log" | tail -n 1)
	case "$p" in
	*-*-*-*-*:[0-9]*) echo "$p" ;;
	esac
}

if [ "$1" = recover ]; then
	recover "$2" "$3"
	exit 0
fi
VAR=$1
MARIADBD=$2
pos=""
if grep -q '^seqno: *-1' "$VAR/mysql/grastate.dat" 2>/dev/null; then
	pos=$(recover "$VAR" "$MARIADBD")
	[ -z "$pos" ] || echo "galera-node: recovered position $pos"
fi
exec "$MARIADBD" --defaults-file="$VAR/my.cnf" ${pos:+--wsrep-start-position="$pos"}
