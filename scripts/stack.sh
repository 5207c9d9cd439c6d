#!/bin/sh
# stack.sh - the private propfee stack under one var/ folder: MariaDB,
# nginx, the two FastCGI programs and propfee-worker, each a runit service of the stack's
# own runsvdir (VAR/sv/), which starts them and starts again whichever
# dies (scripts/supervise.sh: a backoff, and a line in
# VAR/log/supervise.log naming what died and how).
#
#   stack.sh run VAR [PORT]     start (demo on first start) and print the URLs
#   stack.sh start VAR [PORT]   start quietly (used by the tests)
#   stack.sh apphost VAR PORT DBHOST:DBPORT|SOCKET
#                               another app host: nginx and the programs
#                               (FastCGI over TCP) under VAR, using the
#                               database of a stack started with DB_PORT
#                               (or its socket); DB_PASSWORD (that stack's
#                               db_password) is needed on the first start,
#                               DB_NAME names another database than propfee,
#                               PAY_KEYS the folder of the merchant keys,
#                               SANDBOX_URL the sandbox gateway's address,
#                               MSG_FROM a propfee.conf whose message
#                               providers' keys it takes
#   stack.sh node VAR           a MariaDB Galera node only (issue 14:
#                               scripts/cluster.sh writes its
#                               VAR/my.cnf.d/galera.cnf first; DB_PORT its
#                               port; NODE_JOIN=1 joins by SST without a
#                               database of its own; NODE_EXT=1 also runs
#                               the sandbox gateway and the mock receiver
#                               and sets up the database and the demo)
#   stack.sh front VAR PORT     nginx only, in front of app hosts: FRONT_OWNER
#                               and FRONT_STAFF are its upstreams' server
#                               lines, SANDBOX_URL the sandbox gateway
#   stack.sh database VAR NAME  another database on the stack under VAR,
#                               migrated, with the demo (DEMO_SQL: from
#                               this file)
#   stack.sh stop VAR           stop the supervisor and every service, by pid
#   stack.sh db-stop VAR        take only MariaDB down (tests of 503)
#   stack.sh db-start VAR       bring it up again
#
# Every process is recorded in VAR/run/*.pid (the supervisor, each
# service's runsv and process) and stopped by that pid, after checking it
# is still ours; nothing is ever stopped by name.
# TLS_PORT=N also serves https on N with a self-signed certificate;
# DB_PORT=N lets MariaDB listen on 127.0.0.1:N as well as on its socket
# (kept from then on), for app hosts; PROPFEE_NO_DEMO=1 starts without the
# demo estates (make bench loads its own data); BUFFER_POOL and THREADS
# size MariaDB and the programs; B=build-asan runs the programs of another
# build folder (make asan, make tsan). Paths must not contain spaces.
# TEST_ROUTES=1 routes the test routes (conf test_routes=1).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}
USAGE="usage: $0 run|start|stop|db-stop|db-start VAR [PORT] | apphost VAR PORT DBHOST:DBPORT[,...]|SOCKET | node VAR | front VAR PORT | database VAR NAME"
[ $# -ge 2 ] || { echo "$USAGE" >&2; exit 2; }
mkdir -p "$2"
VAR=$(cd "$2" && pwd)
PORT=${3:-8080}
TLS_PORT=${TLS_PORT:-}
DEMO_PASSWORD=propfee-demo
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
SVLOG="$VAR/log/supervise.log"
BUILD="$ROOT/${B:-build}"

# The supervised processes, in start order (stop goes the other way):
# name, its part (db: the database; web: nginx; app: the programs; ext:
# the outside world's stand-ins), and the command its service runs in
# the foreground, with
# @VAR@, @BUILD@, @MARIADBD@, @NGINX@ and @ROOT@ filled in.
# A new program is one more line. The sandbox is the payment gateway the
# demo and the tests pay against (issue 10), never a production one; the
# mock receiver is the SMS, WeChat and app-push providers the demo and
# the tests send messages to (issue 11).
SERVICES='
mariadbd db  @MARIADBD@ --defaults-file=@VAR@/my.cnf
nginx    web @NGINX@ -p @VAR@/nginx -c @VAR@/nginx.conf -e @VAR@/log/nginx-error.log
pdf      app @BUILD@/propfee-pdf -c @VAR@/propfee.conf
owner    app @BUILD@/propfee-owner -c @VAR@/propfee.conf
staff    app @BUILD@/propfee-staff -c @VAR@/propfee.conf
worker   app @BUILD@/propfee-worker -c @VAR@/propfee.conf
sandbox  ext @ROOT@/scripts/propfee-sandbox-pay serve @VAR@/propfee.conf
msgmock  ext @ROOT@/scripts/propfee-mock-msg serve @VAR@/propfee.conf
'

say() { echo "propfee: $*"; }
die() { echo "propfee: $*" >&2; exit 1; }

# Is the pid in file $1 alive and ours (its command line names a file
# under VAR, or it works in a folder under VAR, as runsv does)?
ours() {
	[ -f "$1" ] || return 1
	pid=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$VAR/" && return 0
	case "$(readlink "/proc/$pid/cwd" 2>/dev/null)" in
	"$VAR"/*) return 0 ;;
	esac
	return 1
}

# Is process $1 still running? (One that has exited but is not yet
# reaped - a zombie, as a child of init stays for a second here - is not.)
running_pid() {
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	[ "$(echo "${st##*) }" | cut -c1)" != Z ]
}

# Stops the process recorded in $1, by its pid, and waits for it.
stop_pid() {
	if ! ours "$1"; then
		rm -f "$1"
		return 0
	fi
	pid=$(cat "$1")
	kill -TERM "$pid" 2>/dev/null || true
	i=0
	while running_pid "$pid" && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if running_pid "$pid"; then
		say "$2 did not stop in 30 s; killing pid $pid"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$1"
}

sql_root() {
	mariadb --defaults-file="$VAR/my.cnf" -uroot "$@"
}

fill() {
	# fill TEMPLATE OUT: substitutes the @NAME@ placeholders.
	sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
	    -e "s|@USER_LINE@|$USER_LINE|g" -e "s|@BUFFER_POOL@|$BUFFER_POOL|g" \
	    -e "s|@TLS_LISTEN@|$TLS_LISTEN|g" -e "s|@NETWORK@|$NETWORK|g" \
	    -e "s|@OWNER_UPSTREAM@|$OWNER_UPSTREAM|g" \
	    -e "s|@STAFF_UPSTREAM@|$STAFF_UPSTREAM|g" \
	    -e "s|@PAY_FORM_ORIGINS@|$PAY_FORM_ORIGINS|g" "$1" >"$2"
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Fails unless port $1 of 127.0.0.1 is free for nginx (bound as nginx
# binds, SO_REUSEADDR: a port only in TIME_WAIT is free). A new user's
# trial: with 8080 taken by another program, nginx failed to bind, yet
# the other program answered /healthz and the banner said running.
port_free() {
	python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1" ||
	    fail "port $1 is in use by another program: start on another one, e.g. PORT=8081 make run"
}

# nginx's address for a program: "unix:" and its socket, or its
# HOST:PORT, as propfee.conf's key $1 says.
upstream() {
	a=$(sed -n "s/^$1=//p" "$VAR/propfee.conf" | tail -n 1)
	case "$a" in
	/*) echo "unix:$a" ;;
	*) echo "$a" ;;
	esac
}

# configure db|app: writes the configuration of every process of this
# host (my.cnf only where the database is; propfee.conf only once).
configure() {
	mkdir -p "$VAR/run" "$VAR/log" "$VAR/nginx" "$VAR/sv"
	BUFFER_POOL=${BUFFER_POOL:-128M}
	TLS_LISTEN=""
	OWNER_UPSTREAM=""
	STAFF_UPSTREAM=""
	PAY_FORM_ORIGINS=""
	if [ "$1" = db ] || [ "$1" = node ]; then
		# MariaDB's temporary files stay in the stack's folder too;
		# my.cnf.d/ holds a Galera node's settings (scripts/cluster.sh).
		mkdir -p "$VAR/mysql" "$VAR/tmp" "$VAR/my.cnf.d"
		# Socket only, unless DB_PORT asks (now or on an earlier start)
		# for TCP on 127.0.0.1 too, for app hosts.
		if [ -z "${DB_PORT:-}" ] && [ -f "$VAR/my.cnf" ]; then
			DB_PORT=$(sed -n 's/^port = //p' "$VAR/my.cnf")
		fi
		NETWORK="skip-networking"
		[ -z "${DB_PORT:-}" ] ||
		    NETWORK="bind-address = 127.0.0.1\\nport = $DB_PORT"
		USER_LINE=""
		[ "$(id -u)" -eq 0 ] && USER_LINE="user = root"
		fill "$ROOT/conf/my.cnf.in" "$VAR/my.cnf"
	fi
	case "$1" in
	node)
		# A node's propfee.conf only names the database's password (for
		# db_migrate); the first node's also the outside world's keys.
		[ -f "$VAR/propfee.conf" ] || write_propfee_conf db
		[ -z "${NODE_EXT:-}" ] || conf_keys db
		return 0
		;;
	front)
		# Upstreams of several servers each: "ADDR max_fails=...;
		# server ADDR ..." (scripts/cluster.sh).
		OWNER_UPSTREAM=$FRONT_OWNER
		STAFF_UPSTREAM=$FRONT_STAFF
		;;
	*)
		[ -f "$VAR/propfee.conf" ] || write_propfee_conf "$1"
		conf_keys "$1"
		OWNER_UPSTREAM=$(upstream owner_socket)
		STAFF_UPSTREAM=$(upstream staff_socket)
		;;
	esac
	# nginx workers run as the user who started it, so they can read a
	# clone in a private folder (mktemp -d is mode 700).
	USER_LINE=""
	[ "$(id -u)" -eq 0 ] && USER_LINE="user root root;"
	if [ -n "$TLS_PORT" ]; then
		mkdir -p "$VAR/tls"
		[ -f "$VAR/tls/cert.pem" ] || openssl req -x509 -newkey rsa:2048 \
		    -nodes -days 7 -subj /CN=127.0.0.1 -keyout "$VAR/tls/key.pem" \
		    -out "$VAR/tls/cert.pem" 2>/dev/null
		TLS_LISTEN="listen 127.0.0.1:$TLS_PORT ssl; ssl_certificate $VAR/tls/cert.pem; ssl_certificate_key $VAR/tls/key.pem;"
	fi
	NETWORK=""
	# The payment gateways a page may post a form to (UnionPay's front
	# consume): the production one, and the sandbox of this stack's
	# configuration (a front's: SANDBOX_URL).
	PAY_FORM_ORIGINS="https://gateway.95516.com $({
	    [ -z "${SANDBOX_URL:-}" ] || echo "sandbox_url=$SANDBOX_URL"
	    cat "$VAR/propfee.conf" 2>/dev/null || true; } | sed -n \
	    's|^sandbox_url=\(http://[^/]*\).*|\1|p' | tail -n 1)"
	fill "$ROOT/conf/nginx.conf.in" "$VAR/nginx.conf"
}

# write_propfee_conf db|app: the programs' configuration, on first start.
# The database host's programs use the socket; an app host's reach the
# database by TCP and listen on TCP ports of their own.
write_propfee_conf() {
	umask 077
	if [ "$1" = db ]; then
		cat >"$VAR/propfee.conf" <<EOF
# Written by scripts/stack.sh on first start; read by both programs.
db_socket=$VAR/run/mysqld.sock
db_name=propfee
db_user=propfee
db_password=$(openssl rand -hex 24)
templates=$ROOT/templates
owner_socket=$VAR/run/owner.sock
staff_socket=$VAR/run/staff.sock
threads=${THREADS:-16}
public_url=http://127.0.0.1:$PORT
EOF
	else
		[ -n "${DB_PASSWORD:-}" ] ||
		    die "apphost: DB_PASSWORD (the database host's db_password) is needed on the first start"
		cat >"$VAR/propfee.conf" <<EOF
# Written by scripts/stack.sh apphost on first start: an app host whose
# database is $DB_WHERE; nginx reaches the programs over TCP.
$DB_LINES
db_name=${DB_NAME:-propfee}
db_user=propfee
db_password=$DB_PASSWORD
templates=$ROOT/templates
owner_socket=127.0.0.1:${OWNER_FCGI_PORT:-$(free_port)}
staff_socket=127.0.0.1:${STAFF_FCGI_PORT:-$(free_port)}
threads=${THREADS:-16}
public_url=http://127.0.0.1:$PORT
EOF
	fi
}

# conf_keys db|app: the keys of propfee.conf added since stacks were
# first started, added on every start to a configuration without them.
conf_keys() {
	umask 022
	# The worker (issue 9).
	mkdir -p "$VAR/outbox"
	grep -q '^outbox_spool=' "$VAR/propfee.conf" ||
	    echo "outbox_spool=$VAR/outbox" >>"$VAR/propfee.conf"
	grep -q '^worker_threads=' "$VAR/propfee.conf" ||
	    echo "worker_threads=2" >>"$VAR/propfee.conf"
	# The PDF renderer's socket (issue 15, core/render.h): each host's
	# programs ask their own host's renderer.
	grep -q '^pdf_socket=' "$VAR/propfee.conf" ||
	    echo "pdf_socket=$VAR/run/pdf.sock" >>"$VAR/propfee.conf"
	# Uploads are spooled here while their request lasts (http.h);
	# TEST_ROUTES=1 (scripts/test.sh) turns on the test routes and gives
	# the signed one its key.
	mkdir -p -m 700 "$VAR/spool"
	grep -q '^spool_dir=' "$VAR/propfee.conf" ||
	    echo "spool_dir=$VAR/spool" >>"$VAR/propfee.conf"
	# Service requests' photos (issue 12, core/photo.h): outside the
	# web root, served only by the programs' photo routes.
	# PHOTO_DIR: a folder the app hosts share (scripts/cluster.sh; on
	# real machines a shared mount), so that any host serves a photo
	# another host took in.
	mkdir -p -m 700 "${PHOTO_DIR:-$VAR/photos}"
	grep -q '^photo_dir=' "$VAR/propfee.conf" ||
	    echo "photo_dir=${PHOTO_DIR:-$VAR/photos}" >>"$VAR/propfee.conf"
	if [ -n "${TEST_ROUTES:-}" ] && ! grep -q '^test_routes=' "$VAR/propfee.conf"; then
		echo "test_routes=1" >>"$VAR/propfee.conf"
		echo "test_hmac_key=$(openssl rand -hex 32)" >>"$VAR/propfee.conf"
	fi
	# ... and asks the gateway about an open order after 2 s, not 60 s
	# (core/payorder.h), so that a test of a lost notification is short.
	if [ -n "${TEST_ROUTES:-}" ] && ! grep -q '^pay_quiet_s=' "$VAR/propfee.conf"; then
		echo "pay_quiet_s=2" >>"$VAR/propfee.conf"
		echo "pay_reask_s=1" >>"$VAR/propfee.conf"
	fi
	# ... and tries a failed message again after 0.2 s, doubling, not 2 s
	# (worker/outbox.c), so that eight tries of a failing provider fit a
	# test.
	if [ -n "${TEST_ROUTES:-}" ] && ! grep -q '^outbox_backoff_ms=' "$VAR/propfee.conf"; then
		echo "outbox_backoff_ms=200" >>"$VAR/propfee.conf"
	fi
	# Online payments (issue 10): the merchant accounts' keys; the
	# database host runs the sandbox gateway (scripts/propfee-sandbox-pay).
	# The address in receipts' QR codes and links follows the port nginx
	# listens on now, not the one of the first start.
	# PUBLIC_URL: an app host behind a front (scripts/cluster.sh) is
	# reached at the front's address.
	url=${PUBLIC_URL:-http://127.0.0.1:$PORT}
	if ! grep -qx "public_url=$url" "$VAR/propfee.conf"; then
		sed -i "s|^public_url=.*|public_url=$url|" \
		    "$VAR/propfee.conf"
	fi
	# An app host uses the keys of the database host's (PAY_KEYS).
	if [ "$1" = db ]; then
		grep -q '^pay_keys=' "$VAR/propfee.conf" ||
		    echo "pay_keys=$VAR/pay" >>"$VAR/propfee.conf"
		grep -q '^sandbox_url=' "$VAR/propfee.conf" ||
		    echo "sandbox_url=http://127.0.0.1:${SANDBOX_PORT:-$(free_port)}" \
		    >>"$VAR/propfee.conf"
		"$ROOT/scripts/propfee-sandbox-pay" keys "$VAR"
		# Messages (issue 11): the database host runs the mock
		# receiver (scripts/propfee-mock-msg), on a port chosen now
		# and kept; its keys name it as the three providers, with
		# their credentials and template codes (only those missing:
		# a real provider's keys set by hand are left alone).
		grep -q '^msg_mock_url=' "$VAR/propfee.conf" ||
		    echo "msg_mock_url=http://127.0.0.1:${MSG_MOCK_PORT:-$(free_port)}" \
		    >>"$VAR/propfee.conf"
		"$ROOT/scripts/propfee-mock-msg" keys "$VAR/propfee.conf"
	else
		if [ -n "${PAY_KEYS:-}" ] && ! grep -q '^pay_keys=' "$VAR/propfee.conf"; then
			echo "pay_keys=$PAY_KEYS" >>"$VAR/propfee.conf"
		fi
		if [ -n "${SANDBOX_URL:-}" ] && ! grep -q '^sandbox_url=' "$VAR/propfee.conf"; then
			echo "sandbox_url=$SANDBOX_URL" >>"$VAR/propfee.conf"
		fi
		# The message providers' keys of the configuration MSG_FROM
		# (the database host's propfee.conf), those missing here.
		if [ -n "${MSG_FROM:-}" ]; then
			grep -E '^(msg_mock_url|sms_|wechat_msg_|wechat_tpl_|push_)[a-z_]*=' \
			    "$MSG_FROM" | while IFS= read -r line; do
				grep -q "^${line%%=*}=" "$VAR/propfee.conf" ||
				    echo "$line" >>"$VAR/propfee.conf"
			done
		fi
	fi
}

# The services of a host of kind $1, one name a line, in start order:
# db (the whole stack on one host), app (nginx and the programs), node
# (a Galera node: MariaDB; with NODE_EXT the outside world's stand-ins
# too), front (nginx); with no argument, every service of the table in
# stop order.
service_names() {
	case "${1:-}" in
	db) parts="db web app ext" ;;
	app) parts="web app" ;;
	node) parts="db${NODE_EXT:+ ext}" ;;
	front) parts="web" ;;
	*) parts="" ;;
	esac
	echo "$SERVICES" | awk -v host="${1:-}" -v parts=" $parts " '
	    NF && (host == "" || index(parts, " " $2 " ")) { n[++i] = $1 }
	    END { if (host != "") for (j = 1; j <= i; j++) print n[j]
		  else while (i) print n[i--] }'
}

# write_services db|app: a runit service folder VAR/sv/NAME for each
# process of this host; its run and finish call scripts/supervise.sh.
write_services() {
	for name in $(service_names "$1"); do
		cmd=$(echo "$SERVICES" | awk -v n="$name" '$1 == n {
		    $1 = ""; $2 = ""; sub(/^ +/, ""); print }' |
		    sed -e "s|@VAR@|$VAR|g" -e "s|@BUILD@|$BUILD|g" \
		    -e "s|@MARIADBD@|$MARIADBD|g" -e "s|@NGINX@|$NGINX|g" \
		    -e "s|@ROOT@|$ROOT|g")
		# A Galera node's MariaDB first reads back its position after
		# a crash (scripts/galera-node.sh).
		[ "$1:$name" != node:mariadbd ] ||
		    cmd="$ROOT/scripts/galera-node.sh $VAR $MARIADBD"
		d="$VAR/sv/$name"
		mkdir -p "$d"
		cat >"$d/run.new" <<EOF
#!/bin/sh
# $name, supervised by runit; written by scripts/stack.sh on every start.
exec $ROOT/scripts/supervise.sh run $VAR $name $cmd
EOF
		cat >"$d/finish.new" <<EOF
#!/bin/sh
# After $name ended: log it, back off (scripts/supervise.sh).
exec $ROOT/scripts/supervise.sh finish $VAR $name "\$@"
EOF
		chmod 755 "$d/run.new" "$d/finish.new"
		mv -f "$d/run.new" "$d/run"
		mv -f "$d/finish.new" "$d/finish"
	done
}

# The name of the first service that died after line $1 of the log.
lost_since() {
	tail -n "+$(($1 + 1))" "$SVLOG" 2>/dev/null |
	    sed -n 's/.* lost child \([a-z0-9_-]*\):.*/\1/p' | head -n 1
}

# A start that failed: stop what it started (no restart loop is left
# behind) and say where to look.
fail() {
	stop_all >/dev/null 2>&1 || true
	die "$*"
}

# Starts the supervisor: runsvdir on VAR/sv, in a session of its own (a
# signal to the caller's terminal or process group does not reach it),
# with every inherited descriptor above 2 closed (a lock a test run took
# with flock, a pipe) and its output in the log.
supervisor_start() {
	rm -f "$VAR/run/"*.backoff
	python3 -c 'import os, sys
try:
    os.setsid()
except OSError:
    pass
os.closerange(3, os.sysconf("SC_OPEN_MAX"))
os.execvp(sys.argv[1], sys.argv[1:])' runsvdir -P "$VAR/sv" \
	    </dev/null >>"$VAR/log/runsvdir.log" 2>&1 &
	echo $! >"$VAR/run/runsvdir.pid"
}

db_install() {
	[ ! -d "$VAR/mysql/mysql" ] || return 0
	mariadb-install-db --defaults-file="$VAR/my.cnf" \
	    --auth-root-authentication-method=normal --skip-test-db \
	    >"$VAR/log/install-db.log" 2>&1 ||
	    die "mariadb-install-db failed: see $VAR/log/install-db.log"
}

# Waits until MariaDB answers; fails if it died since line $1 of the log,
# or after $2 tenths of a second (default 600).
db_wait() {
	i=0
	until mariadb-admin --defaults-file="$VAR/my.cnf" -uroot ping >/dev/null 2>&1; do
		i=$((i + 1))
		[ "$(lost_since "$1")" != mariadbd ] ||
		    fail "MariaDB exited: see $VAR/log/mysqld.err and $SVLOG"
		[ $i -lt "${2:-600}" ] || fail "MariaDB did not start: see $VAR/log/mysqld.err"
		sleep 0.1
	done
}

# db_setup NAME: the database NAME on this stack's MariaDB, the programs'
# user allowed into it, its migrations (db_migrate), and (once) the demo
# estates (db_demo).
db_setup() {
	db_migrate "$1"
	db_demo "$1"
}

# db_migrate NAME: the database NAME, the programs' user allowed into it,
# its migrations.
db_migrate() {
	db=$1
	pw=$(sed -n 's/^db_password=//p' "$VAR/propfee.conf")
	sql_root <<EOF
CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'propfee'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'propfee'@'localhost' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON $db.* TO 'propfee'@'localhost';
EOF
	if grep -q '^port = ' "$VAR/my.cnf"; then
		# Over TCP: the app hosts' user, and no root but by the socket
		# (mariadb-install-db makes root@127.0.0.1 and root@::1 too).
		sql_root <<EOF
CREATE USER IF NOT EXISTS 'propfee'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'propfee'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON $db.* TO 'propfee'@'127.0.0.1';
DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1', ''@'localhost';
EOF
	fi
	"$ROOT/scripts/migrate.sh" "$VAR" "$db"
}

# db_demo NAME: (once) the demo estates of database NAME - from the file
# DEMO_SQL if set (test.sh makes it once for several databases), else
# from scripts/demo.py - and their merchant accounts at the sandbox.
db_demo() {
	db=$1
	loaded="$VAR/demo-loaded"
	[ "$db" = propfee ] || loaded="$VAR/demo-loaded.$db"
	if [ -z "${PROPFEE_NO_DEMO:-}" ] && [ ! -f "$loaded" ]; then
		say "loading the demo estates into $db (first start only) ..."
		if [ -n "${DEMO_SQL:-}" ]; then
			sql_root "$db" <"$DEMO_SQL"
		else
			hash=$(echo "$DEMO_PASSWORD" | "$BUILD/propfee-passwd")
			python3 "$ROOT/scripts/demo.py" "$hash" >"$VAR/demo.$db.sql"
			sql_root "$db" <"$VAR/demo.$db.sql"
			rm -f "$VAR/demo.$db.sql"
		fi
		# Fresh statistics: a bulk load leaves the optimiser guessing.
		echo "ANALYZE TABLE bills, payments, allocations, receipts," \
		    "premises, owners, billing_periods, door_visits" |
		    sql_root "$db" >/dev/null
		pay_accounts "$db"
		date >"$loaded"
	elif [ -z "${PROPFEE_NO_DEMO:-}" ]; then
		pay_accounts "$db"	# a demo loaded before issue 10
	fi
}

# pay_accounts NAME: the demo's merchant accounts at the sandbox gateway
# for every estate of database NAME without one (Alipay, WeChat Pay,
# UnionPay), with
# the keys conf_keys made (VAR/pay, VAR/sandbox). Demo stacks only: a
# real estate's accounts are its own.
pay_accounts() {
	url=$(sed -n 's/^sandbox_url=//p' "$VAR/propfee.conf" | tail -n 1)
	sql_root "$1" <<EOF
INSERT INTO pay_accounts (estate_id, channel, merchant_id, app_id, gateway_url,
  key_dir, created_at)
SELECT e.id, 'alipay', CONCAT('2088', LPAD(e.id, 12, '0')),
  CONCAT('2021', LPAD(e.id, 12, '0')), '$url', 'sandbox-alipay', NOW()
FROM estates e
WHERE NOT EXISTS (SELECT 1 FROM pay_accounts a WHERE a.estate_id = e.id
  AND a.channel = 'alipay');
INSERT INTO pay_accounts (estate_id, channel, merchant_id, app_id, gateway_url,
  key_dir, created_at)
SELECT e.id, 'wechat', CONCAT('19', LPAD(e.id, 8, '0')),
  CONCAT('wx', LPAD(HEX(e.id), 16, '0')), '$url', 'sandbox-wechat', NOW()
FROM estates e
WHERE NOT EXISTS (SELECT 1 FROM pay_accounts a WHERE a.estate_id = e.id
  AND a.channel = 'wechat');
INSERT INTO pay_accounts (estate_id, channel, merchant_id, app_id, gateway_url,
  key_dir, created_at)
SELECT e.id, 'unionpay', CONCAT('777', LPAD(e.id, 12, '0')), '', '$url',
  'sandbox-unionpay', NOW()
FROM estates e
WHERE NOT EXISTS (SELECT 1 FROM pay_accounts a WHERE a.estate_id = e.id
  AND a.channel = 'unionpay');
EOF
}

# Waits until both programs answer /healthz through nginx; fails if a
# service died since line $1 of the log.
wait_healthy() {
	i=0
	until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 &&
	    curl -sf "http://127.0.0.1:$PORT/staff/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		lost=$(lost_since "$1")
		[ -z "$lost" ] ||
		    fail "$lost did not start (is port $PORT free?): see $VAR/log/$lost.log and $SVLOG"
		[ $i -lt 200 ] || fail "/healthz does not answer: see $VAR/log/"
		sleep 0.1
	done
}

# Is the supervisor up with every service of this host?
running() {
	ours "$VAR/run/runsvdir.pid" || return 1
	for d in "$VAR"/sv/*/; do
		[ -f "$d/run" ] || continue
		ours "$VAR/run/$(basename "$d").pid" || return 1
	done
}

# start db|app: configure, start the supervisor (or bring every service
# up under the one running), set up the database, wait until both
# programs answer /healthz through nginx.
start() {
	configure "$1"
	write_services "$1"
	# Where the database is, the worker starts once its migrations are
	# in (db_migrate), as the demo loads: started with the others on a
	# first start it met no database, then no job_schedule table
	# ("doesn't exist" in its log). runit leaves a service with a down
	# file down until `sv up`.
	[ "$1" != db ] || touch "$VAR/sv/worker/down"
	touch "$SVLOG"
	mark=$(wc -l <"$SVLOG")
	if ours "$VAR/run/runsvdir.pid"; then
		for name in $(service_names "$1"); do
			[ "$1:$name" != db:worker ] || continue
			sv up "$VAR/sv/$name" >/dev/null 2>&1 || true
		done
	else
		stop_all >/dev/null 2>&1	# what a lost supervisor left
		[ "$1" = node ] || port_free "$PORT"
		[ -z "$TLS_PORT" ] || port_free "$TLS_PORT"
		# A joining Galera node gets its data from the cluster (SST).
		case "$1" in
		db) db_install ;;
		node) [ -n "${NODE_JOIN:-}" ] || db_install ;;
		esac
		supervisor_start
	fi
	case "$1" in
	db)
		db_wait "$mark"
		db_migrate propfee
		worker_up
		db_demo propfee
		;;
	node)
		# A joiner answers once its copy of the data is in (SST).
		db_wait "$mark" 3000
		if [ -n "${NODE_EXT:-}" ]; then
			db_migrate propfee
			db_demo propfee
		fi
		return 0
		;;
	esac
	wait_healthy "$mark"
}

# Brings the worker up, once its runsv answers (runsvdir starts one for
# each service folder as it starts), and takes its down file away.
worker_up() {
	rm -f "$VAR/sv/worker/down"
	i=0
	until sv up "$VAR/sv/worker" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the worker's runsv did not start: see $SVLOG"
		sleep 0.1
	done
}

# Stops the supervisor first (so that it starts nothing again), then each
# service in the reverse of the start order: `sv down` (its process gets
# SIGTERM: nginx stops taking requests before the programs, the database
# goes last), then its runsv; every one waited for by its recorded pid.
stop_all() {
	stop_pid "$VAR/run/runsvdir.pid" runsvdir
	for name in $(service_names); do
		group=$(cat "$VAR/run/$name.pid" 2>/dev/null || true)
		if ours "$VAR/run/$name.runsv.pid"; then
			sv -w 60 down "$VAR/sv/$name" >/dev/null 2>&1 || true
		fi
		stop_pid "$VAR/run/$name.runsv.pid" "runsv $name"
		stop_pid "$VAR/run/$name.pid" "$name"
		# what its group left (checked to be ours, supervise.sh)
		[ -z "$group" ] ||
		    "$ROOT/scripts/supervise.sh" reap "$VAR" "$name" "$group"
	done
}

banner() {
	cat <<EOF

propfee is running.

  业主服务 (owner portal):       http://127.0.0.1:$PORT/
  物业收费管理 (staff office):   http://127.0.0.1:$PORT/staff/

Demo logins (password for all: $DEMO_PASSWORD)
  owner portal, by phone:
    13800000001   owner of 3栋2单元301室 (a month or two behind) and shop 商业街A05号
    13800000002   86-year-old owner of 5栋1单元602室 (red arrears tier)
    13800000003   owner of 7栋3单元1101室 (pays a year ahead)
  staff office, by user name:
    admin         系统管理员 (all estates)
    jingli        经理 (锦华苑)
    zuzhang       收费组组长 (锦华苑)
    shoufei1      收费员 (锦华苑; also shoufei2, shoufei3)
    kefu          客服 (锦华苑)
    gongcheng     工程部 (锦华苑)
    cuihu1        收费员 (翠湖居, the second estate)

Paying online: log in as 13800000001, press 缴纳逾期, choose 支付宝, 去支付,
then 前往支付宝付款: the sandbox gateway's page opens (no money moves):
确认付款, and the order's page shows the receipt.

The sandbox gateway listens on $(sed -n 's/^sandbox_url=//p' "$VAR/propfee.conf" | tail -n 1)
(chosen at the first start, kept in var/propfee.conf as sandbox_url).
The manager (jingli) matches its daily statements at 网关对账.

Messages (SMS, WeChat, app push) go to the mock receiver on
$(sed -n 's/^msg_mock_url=//p' "$VAR/propfee.conf" | tail -n 1) (chosen at the first start, kept as
msg_mock_url); what it took: that address /_received. Try one with
  build/propfee-msgsend -c var/propfee.conf sms 13800000001 ebill "测试"

Logs are in var/log/. Stop with: make stop
EOF
}

case "$cmd" in
run)
	if running; then
		say "already running at http://127.0.0.1:$(sed -n 's/.*listen 127.0.0.1:\([0-9]*\);/\1/p' "$VAR/nginx.conf" | head -1)/ - nothing changed"
		exit 0
	fi
	start db
	banner
	;;
start)
	start db
	;;
apphost)
	[ $# -eq 4 ] || { echo "$USAGE" >&2; exit 2; }
	# The database: HOST:PORT, or the path of a socket on this machine.
	case "$4" in
	/*)
		DB_LINES="db_socket=$4"
		;;
	*,*)
		# A cluster's nodes, the writer first (core/db.c).
		DB_LINES="db_nodes=$4"
		;;
	*)
		DBHOST=${4%:*}
		DBPORT=${4##*:}
		[ -n "$DBHOST" ] && [ "$DBPORT" -gt 0 ] 2>/dev/null ||
		    die "apphost: the database is DBHOST:DBPORT or a socket, not $4"
		DB_LINES="db_host=$DBHOST
db_port=$DBPORT"
		;;
	esac
	DB_WHERE="$4 (${DB_NAME:-propfee})"
	TLS_PORT=""	# the https port of the database host's stack is not ours
	start app
	say "app host running at http://127.0.0.1:$PORT/ (database $DB_WHERE)"
	;;
node)
	[ $# -eq 2 ] || { echo "$USAGE" >&2; exit 2; }
	[ -n "${DB_PORT:-}" ] || [ -f "$VAR/my.cnf" ] ||
	    die "node: DB_PORT (the node's MariaDB port) is needed on the first start"
	[ -f "$VAR/my.cnf.d/galera.cnf" ] ||
	    die "node: $VAR/my.cnf.d/galera.cnf is missing (scripts/cluster.sh writes it)"
	TLS_PORT=""
	start node
	;;
front)
	[ $# -eq 3 ] || { echo "$USAGE" >&2; exit 2; }
	[ -n "${FRONT_OWNER:-}" ] && [ -n "${FRONT_STAFF:-}" ] ||
	    die "front: FRONT_OWNER and FRONT_STAFF (the upstreams) are needed"
	TLS_PORT=""
	start front
	say "front running at http://127.0.0.1:$PORT/"
	;;
database)
	# Another database on the running stack, its migrations and the
	# demo: scripts/test.sh gives each lane of tests one of its own.
	[ $# -eq 3 ] || { echo "$USAGE" >&2; exit 2; }
	case "$3" in
	*[!a-z0-9_]*|"") die "database: a name of a-z, 0-9 and _, not $3" ;;
	esac
	running || die "the stack under $VAR is not running"
	db_setup "$3"
	;;
stop)
	stop_all
	say "stopped"
	;;
db-stop)
	if ours "$VAR/run/mariadbd.runsv.pid"; then
		sv -w 60 down "$VAR/sv/mariadbd" >/dev/null ||
		    die "MariaDB did not stop: see $VAR/log/mysqld.err"
	fi
	stop_pid "$VAR/run/mariadbd.pid" MariaDB
	;;
db-start)
	ours "$VAR/run/mariadbd.runsv.pid" ||
	    die "the stack is not running: start it with make run"
	touch "$SVLOG"
	mark=$(wc -l <"$SVLOG")
	sv up "$VAR/sv/mariadbd" >/dev/null
	db_wait "$mark"
	;;
*)
	echo "$USAGE" >&2
	exit 2
	;;
esac
