#!/bin/sh
# cluster.sh - make cluster, make cluster-stop (issue 14): propfee on a
# MariaDB Galera cluster with two app hosts behind one nginx, all on this
# machine under var/cluster/, each part a stack of scripts/stack.sh with
# its own supervisor:
#
#   db1 db2 db3   Galera nodes (stack.sh node): MariaDB only, each with
#                 its ports; db1 also runs the sandbox gateway and the
#                 messages' mock receiver (the outside world) and holds
#                 the demo. A node that was lost joins again by IST (the
#                 writesets it missed) or SST (mariabackup, a whole copy).
#   app1 app2     app hosts (stack.sh apphost): the owner, staff, worker and PDF renderer
#                 programs on TCP FastCGI ports, and an nginx of their own;
#                 their db_nodes list the nodes with db1 first: every
#                 connection goes to the first node that is ready
#                 (cgi-bin/core/db.c), so money is written through one
#                 node and moves to the next when that one is lost.
#                 Service requests' photos are in one folder both share
#                 (var/cluster/photos; on real machines a shared mount).
#   front         nginx (stack.sh front) with upstreams over both app
#                 hosts' programs (max_fails=1 fail_timeout=3s: a host is
#                 tried again 3 s after a failure - a program that crashed
#                 is back in 1-4 s; with 10 s a breaker saw both hosts'
#                 staff programs crash once and the front answer 502 for
#                 10 s though both were up after 4); a request
#                 that found a host down is tried on the other, but a POST
#                 once sent is never sent again (nginx's
#                 fastcgi_next_upstream default, without non_idempotent).
#
#   cluster.sh start    start what is not running (the first time: the
#                       cluster is made, db1 bootstraps it) and print URLs
#   cluster.sh stop     stop everything, by recorded pids, front first,
#                       db1 last (it can bootstrap the cluster again)
#   cluster.sh status   each node's wsrep state and each part's processes
#
# PORT=n  the front's port (default 8090; kept in var/cluster/ports).
# CLUSTER_VAR=dir another folder (make cluster-test uses var/cluster-test).
# TEST_ROUTES=1 as for stack.sh.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CV=${CLUSTER_VAR:-$ROOT/var/cluster}
STACK="$ROOT/scripts/stack.sh"
NODES="1 2 3"
APPS="1 2"

say() { echo "propfee cluster: $*"; }
die() { echo "propfee cluster: $*" >&2; exit 1; }

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The ports, chosen once and kept in $CV/ports as NAME=N lines: the
# front's; per node its MariaDB (db), Galera (g), IST (ist) and SST (sst)
# ports; per app host its nginx's.
ports() {
	mkdir -p "$CV"
	if [ ! -f "$CV/ports" ]; then
		{
			echo "front=${PORT:-8090}"
			for n in $NODES; do
				echo "db$n=$(free_port)"
				echo "g$n=$(free_port)"
				echo "ist$n=$(free_port)"
				echo "sst$n=$(free_port)"
			done
			for a in $APPS; do
				echo "app$a=$(free_port)"
			done
		} >"$CV/ports"
	fi
	if [ -n "${PORT:-}" ] && [ "$PORT" != "$(port front)" ]; then
		# A running front keeps its port (a trial: PORT=another on a
		# running cluster rewrote its configuration, then stopped it).
		! alive "$CV/front/run/nginx.pid" ||
		    die "the cluster runs on port $(port front): make cluster-stop first, then PORT=$PORT make cluster"
		sed -i "s/^front=.*/front=$PORT/" "$CV/ports"
	fi
	[ -f "$CV/sst_password" ] ||
	    (umask 077 && openssl rand -hex 24 >"$CV/sst_password")
}

port() { sed -n "s/^$1=//p" "$CV/ports"; }

# Is the process recorded in file $1 alive?
alive() {
	pid=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$pid" ] && [ -d "/proc/$pid" ]
}

sql_node() {
	n=$1
	shift
	mariadb --defaults-file="$CV/db$n/my.cnf" -uroot -N -B "$@"
}

# Node $1's wsrep status variable $2, or nothing if it does not answer.
wsrep() {
	sql_node "$1" -e "SHOW STATUS LIKE 'wsrep_$2'" 2>/dev/null |
	    cut -f2 || true
}

node_up() {
	mariadb-admin --defaults-file="$CV/db$1/my.cnf" -uroot ping \
	    >/dev/null 2>&1
}

# galera_cnf N ADDRESS: node N's Galera settings, with the cluster's
# address ADDRESS ("gcomm://" makes a new cluster). Mode 600: it holds
# the SST user's password.
galera_cnf() (
	n=$1
	mkdir -p "$CV/db$n/my.cnf.d"
	umask 077
	cat >"$CV/db$n/my.cnf.d/galera.cnf.new" <<EOF
# Written by scripts/cluster.sh on every start: node db$n of the cluster.
[mariadbd]
wsrep_on = ON
wsrep_provider = /usr/lib/galera/libgalera_smm.so
wsrep_cluster_name = propfee
wsrep_cluster_address = $2
wsrep_node_name = db$n
wsrep_node_address = 127.0.0.1:$(port g$n)
wsrep_node_incoming_address = 127.0.0.1:$(port db$n)
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(port g$n); ist.recv_addr=127.0.0.1:$(port ist$n); gcache.size=256M"
# A whole copy for a node too far behind: mariabackup, streamed (socat);
# the donor keeps taking writes meanwhile. (rsync's daemon, run as root,
# drops to nobody and cannot write the joiner's data folder.)
wsrep_sst_method = mariabackup
wsrep_sst_auth = sst:$(cat "$CV/sst_password")
wsrep_sst_receive_address = 127.0.0.1:$(port sst$n)
wsrep_slave_threads = 2
# Galera's requirements (PAYMENTS.md section 4): row events, interleaved
# AUTO_INCREMENT locks.
binlog_format = ROW
innodb_autoinc_lock_mode = 2
# Money is written through one node (core/db.c): ids as on one server,
# consecutive, not spread over the nodes by offsets. Two nodes writing
# at once (a failover's few seconds) can then meet on an id: the second
# commit fails certification (1213) and its transaction is run again.
wsrep_auto_increment_control = OFF
EOF
	mv -f "$CV/db$n/my.cnf.d/galera.cnf.new" "$CV/db$n/my.cnf.d/galera.cnf"
)

all_nodes() {
	a=""
	for n in $NODES; do
		a="$a${a:+,}127.0.0.1:$(port g$n)"
	done
	echo "gcomm://$a"
}

# Waits (up to $2 s) until node $1 is synced with the primary component.
wait_synced() {
	i=0
	until [ "$(wsrep "$1" local_state_comment)" = Synced ] &&
	    [ "$(wsrep "$1" ready)" = ON ]; do
		i=$((i + 1))
		[ $i -lt "$(($2 * 5))" ] ||
		    die "db$1 is not synced after $2 s: see $CV/db$1/log/mysqld.err"
		sleep 0.2
	done
}

# The node to make the cluster again with, when none is running: the one
# Galera marked safe to bootstrap (the last to stop in good order), else
# the one with the highest position - read back from InnoDB where a crash
# left the state file without one (seqno -1: scripts/galera-node.sh
# recover) - printing each node's; else db1 (no data yet).
bootstrap_node() {
	best=1
	bestseq=-2
	for n in $NODES; do
		g="$CV/db$n/mysql/grastate.dat"
		[ -f "$g" ] || continue
		if grep -q '^safe_to_bootstrap: 1' "$g"; then
			echo "$n"
			return 0
		fi
	done
	for n in $NODES; do
		g="$CV/db$n/mysql/grastate.dat"
		[ -f "$g" ] || continue
		seq=$(sed -n 's/^seqno: *//p' "$g")
		if [ "$seq" = -1 ]; then
			pos=$("$ROOT/scripts/galera-node.sh" recover "$CV/db$n" \
			    "$(command -v mariadbd || echo /usr/sbin/mariadbd)")
			seq=${pos##*:}
			[ -n "$seq" ] || seq=-1
		fi
		say "db$n: last committed position $seq" >&2
		if [ "$seq" -gt "$bestseq" ]; then
			best=$n
			bestseq=$seq
		fi
	done
	echo "$best"
}

# start_node N: node N under its supervisor (stack.sh node).
start_node() {
	n=$1
	ext=""
	[ "$n" != 1 ] || ext=1
	DB_PORT=$(port db$n) NODE_JOIN=${JOIN:-} NODE_EXT=$ext \
	    "$STACK" node "$CV/db$n" >/dev/null
}

start_nodes() {
	running=""
	for n in $NODES; do
		! node_up "$n" || running="$running $n"
	done
	if [ -z "$running" ]; then
		b=$(bootstrap_node)
		g="$CV/db$b/mysql/grastate.dat"
		if [ -f "$g" ] && ! grep -q '^safe_to_bootstrap: 1' "$g"; then
			say "no node stopped last in good order: db$b (the highest position) makes the cluster again"
			sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$g"
		fi
		say "db$b makes the cluster"
		galera_cnf "$b" "gcomm://"
		JOIN="" start_node "$b"
		wait_synced "$b" 120
		# The donor's user for SST (mariabackup reads through it).
		sql_node "$b" <<EOF
CREATE USER IF NOT EXISTS 'sst'@'localhost' IDENTIFIED BY '$(cat "$CV/sst_password")';
GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'sst'@'localhost';
EOF
		# From now on it rejoins the others when it is lost.
		galera_cnf "$b" "$(all_nodes)"
		running=$b
	fi
	for n in $NODES; do
		case " $running " in
		*" $n "*) continue ;;
		esac
		say "db$n joins"
		galera_cnf "$n" "$(all_nodes)"
		JOIN=1 start_node "$n"
		wait_synced "$n" 300
	done
}

app_nodes() {
	a=""
	for n in $NODES; do
		a="$a${a:+,}127.0.0.1:$(port db$n)"
	done
	echo "$a"
}

start_apps() {
	c="$CV/db1/propfee.conf"
	for a in $APPS; do
		say "app$a starts"
		DB_PASSWORD=$(sed -n 's/^db_password=//p' "$c") \
		    PAY_KEYS="$CV/db1/pay" \
		    SANDBOX_URL=$(sed -n 's/^sandbox_url=//p' "$c" | tail -n 1) \
		    MSG_FROM="$c" PUBLIC_URL="http://127.0.0.1:$(port front)" \
		    PHOTO_DIR="$CV/photos" \
		    TLS_PORT="" "$STACK" apphost "$CV/app$a" "$(port app$a)" \
		    "$(app_nodes)" >/dev/null
	done
}

# server lines of an upstream over both app hosts' programs ($1: owner or
# staff).
upstream_of() {
	u=""
	for a in $APPS; do
		addr=$(sed -n "s/^$1_socket=//p" "$CV/app$a/propfee.conf" | tail -n 1)
		u="$u${u:+; server }$addr max_fails=1 fail_timeout=3s"
	done
	echo "$u"
}

start_front() {
	FRONT_OWNER=$(upstream_of owner) FRONT_STAFF=$(upstream_of staff) \
	    SANDBOX_URL=$(sed -n 's/^sandbox_url=//p' "$CV/db1/propfee.conf" | tail -n 1) \
	    TLS_PORT="" "$STACK" front "$CV/front" "$(port front)" >/dev/null
}

# Is the process node $1's supervisor recorded for MariaDB alive?
node_process() {
	alive "$CV/db$1/run/mariadbd.pid"
}

# host NAME PORT VAR: up, running without a database, or down.
host_line() {
	if curl -sf "http://127.0.0.1:$2/healthz" >/dev/null 2>&1; then
		echo "$1 port $2  up"
	elif alive "$3/run/nginx.pid"; then
		echo "$1 port $2  running, but /healthz does not answer (no database node ready?)"
	else
		echo "$1 port $2  down"
	fi
}

status() {
	for n in $NODES; do
		if node_up "$n"; then
			c=$(sql_node "$n" -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'propfee'" 2>/dev/null || echo "?")
			echo "db$n  port $(port db$n)  $(wsrep "$n" local_state_comment), cluster size $(wsrep "$n" cluster_size), ready $(wsrep "$n" ready); the programs' connections: $c"
		elif node_process "$n"; then
			echo "db$n  port $(port db$n)  starting or joining (its MariaDB runs: see $CV/db$n/log/mysqld.err)"
		else
			echo "db$n  port $(port db$n)  down"
		fi
	done
	echo "(the node with the programs' connections is the writer; see README: A Galera cluster)"
	for a in $APPS; do
		host_line "app$a" "$(port app$a)" "$CV/app$a"
	done
	host_line front "$(port front)" "$CV/front"
}

banner() {
	f=$(port front)
	cat <<EOF

propfee is running on a cluster (var/cluster/):

  业主服务 (owner portal):       http://127.0.0.1:$f/
  物业收费管理 (staff office):   http://127.0.0.1:$f/staff/

  front nginx :$f -> the FastCGI programs of app1 and app2
  (app1's own nginx :$(port app1), app2's :$(port app2))
  Galera nodes: db1 :$(port db1) (the writer while it is up), db2 :$(port db2), db3 :$(port db3)

The demo logins are those of make run (password propfee-demo), e.g.
13800000001 (owner) and shoufei1 (收费员).
The sandbox gateway: $(sed -n 's/^sandbox_url=//p' "$CV/db1/propfee.conf" | tail -n 1); the messages' mock receiver:
$(sed -n 's/^msg_mock_url=//p' "$CV/db1/propfee.conf" | tail -n 1) (what it took: that address /_received).
Logs: var/cluster/dbN/log/mysqld.err (MariaDB), var/cluster/appN/log/
(the programs), var/cluster/front/log/ (nginx); each folder's
log/supervise.log says what died and was started again.
State: scripts/cluster.sh status   Books: scripts/check-ledger.sh var/cluster/db1
Stop with: make cluster-stop
EOF
}

case "${1:-}" in
start)
	command -v socat >/dev/null && [ -f /usr/lib/galera/libgalera_smm.so ] ||
	    die "galera-4, mariadb-backup and socat are needed: run make cluster"
	ports
	start_nodes
	# db1's migrations and demo, when another node made the cluster.
	DB_PORT=$(port db1) NODE_EXT=1 "$STACK" node "$CV/db1" >/dev/null
	start_apps
	start_front
	banner
	;;
stop)
	[ -f "$CV/ports" ] || { say "nothing to stop"; exit 0; }
	"$STACK" stop "$CV/front" >/dev/null 2>&1 || true
	for a in $APPS; do
		"$STACK" stop "$CV/app$a" >/dev/null 2>&1 || true
	done
	# db1 last: it is then the one safe to bootstrap the cluster again.
	for n in 3 2 1; do
		[ ! -d "$CV/db$n" ] || "$STACK" stop "$CV/db$n" >/dev/null
	done
	say "stopped"
	;;
status)
	[ -f "$CV/ports" ] || die "no cluster under $CV"
	status
	;;
*)
	echo "usage: $0 start|stop|status" >&2
	exit 2
	;;
esac
