#!/bin/sh
# stack.sh - the private propfee stack under one var/ folder:
# MariaDB (socket only), the two FastCGI programs and nginx.
#
#   stack.sh run VAR [PORT]     start (demo on first start) and print the URLs
#   stack.sh start VAR [PORT]   start quietly (used by the tests)
#   stack.sh stop VAR           stop what start recorded, by pid
#   stack.sh db-stop VAR        stop only MariaDB (tests of 503)
#   stack.sh db-start VAR       start MariaDB again
#
# Every process started is recorded in VAR/run/*.pid and stopped by that
# pid, after checking it is still ours; nothing is ever stopped by name.
# TLS_PORT=N also serves https on N with a self-signed certificate;
# PROPFEE_NO_DEMO=1 starts without the demo estates (make bench loads its
# own data); BUFFER_POOL and THREADS size MariaDB and the programs;
# TEST_ROUTES=1 routes the test routes (conf test_routes=1).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}
[ $# -ge 2 ] || { echo "usage: $0 run|start|stop|db-stop|db-start VAR [PORT]" >&2; exit 2; }
mkdir -p "$2"
VAR=$(cd "$2" && pwd)
PORT=${3:-8080}
TLS_PORT=${TLS_PORT:-}
DEMO_PASSWORD=propfee-demo
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

say() { echo "propfee: $*"; }
die() { echo "propfee: $*" >&2; exit 1; }

# Is the pid in file $1 alive and ours (its command line names VAR)?
ours() {
	[ -f "$1" ] || return 1
	pid=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$VAR"
}

# Is the pid in file $1 alive? (Right after a start it may not have
# exec'd yet, so its command line cannot be checked.)
alive() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
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
	while [ -d "/proc/$pid" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -d "/proc/$pid" ]; then
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
	    -e "s|@TLS_LISTEN@|$TLS_LISTEN|g" "$1" >"$2"
}

configure() {
	mkdir -p "$VAR/run" "$VAR/log" "$VAR/mysql" "$VAR/nginx"
	BUFFER_POOL=${BUFFER_POOL:-128M}
	TLS_LISTEN=""
	USER_LINE=""
	[ "$(id -u)" -eq 0 ] && USER_LINE="user = root"
	fill "$ROOT/conf/my.cnf.in" "$VAR/my.cnf"
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
	fill "$ROOT/conf/nginx.conf.in" "$VAR/nginx.conf"
	if [ ! -f "$VAR/propfee.conf" ]; then
		umask 077
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
		umask 022
	fi
	# Keys added after a stack's first start (issue 9: the worker).
	mkdir -p "$VAR/outbox"
	grep -q '^outbox_spool=' "$VAR/propfee.conf" ||
	    echo "outbox_spool=$VAR/outbox" >>"$VAR/propfee.conf"
	grep -q '^worker_threads=' "$VAR/propfee.conf" ||
	    echo "worker_threads=2" >>"$VAR/propfee.conf"
	# Uploads are spooled here while their request lasts (http.h);
	# TEST_ROUTES=1 (scripts/test.sh) turns on the test routes and gives
	# the signed one its key.
	mkdir -p -m 700 "$VAR/spool"
	grep -q '^spool_dir=' "$VAR/propfee.conf" ||
	    echo "spool_dir=$VAR/spool" >>"$VAR/propfee.conf"
	if [ -n "${TEST_ROUTES:-}" ] && ! grep -q '^test_routes=' "$VAR/propfee.conf"; then
		echo "test_routes=1" >>"$VAR/propfee.conf"
		echo "test_hmac_key=$(openssl rand -hex 32)" >>"$VAR/propfee.conf"
	fi
}

db_start() {
	if ours "$VAR/run/mariadbd.pid"; then
		return 0
	fi
	if [ ! -d "$VAR/mysql/mysql" ]; then
		mariadb-install-db --defaults-file="$VAR/my.cnf" \
		    --auth-root-authentication-method=normal --skip-test-db \
		    >"$VAR/log/install-db.log" 2>&1 ||
		    die "mariadb-install-db failed: see $VAR/log/install-db.log"
	fi
	"$MARIADBD" --defaults-file="$VAR/my.cnf" >>"$VAR/log/mysqld.out" 2>&1 &
	echo $! >"$VAR/run/mariadbd.pid"
	i=0
	until mariadb-admin --defaults-file="$VAR/my.cnf" -uroot ping >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 300 ] || die "MariaDB did not start: see $VAR/log/mysqld.err"
		alive "$VAR/run/mariadbd.pid" || die "MariaDB exited: see $VAR/log/mysqld.err"
		sleep 0.1
	done
}

db_setup() {
	pw=$(sed -n 's/^db_password=//p' "$VAR/propfee.conf")
	sql_root <<EOF
CREATE DATABASE IF NOT EXISTS propfee CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'propfee'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'propfee'@'localhost' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON propfee.* TO 'propfee'@'localhost';
EOF
	"$ROOT/scripts/migrate.sh" "$VAR"
	if [ -z "${PROPFEE_NO_DEMO:-}" ] && [ ! -f "$VAR/demo-loaded" ]; then
		say "loading the demo estates (first start only) ..."
		hash=$(echo "$DEMO_PASSWORD" | "$ROOT/build/propfee-passwd")
		python3 "$ROOT/scripts/demo.py" "$hash" >"$VAR/demo.sql"
		sql_root propfee <"$VAR/demo.sql"
		rm -f "$VAR/demo.sql"
		# Fresh statistics: a bulk load leaves the optimiser guessing.
		echo "ANALYZE TABLE bills, payments, allocations, receipts," \
		    "premises, owners, billing_periods, door_visits" |
		    sql_root propfee >/dev/null
		date >"$VAR/demo-loaded"
	fi
}

prog_start() {
	if ours "$VAR/run/$1.pid"; then
		return 0
	fi
	rm -f "$VAR/run/$1.sock"
	"$ROOT/build/propfee-$1" -c "$VAR/propfee.conf" >>"$VAR/log/$1.log" 2>&1 &
	echo $! >"$VAR/run/$1.pid"
	i=0
	until [ -S "$VAR/run/$1.sock" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] && alive "$VAR/run/$1.pid" ||
		    die "$1 did not start: see $VAR/log/$1.log"
		sleep 0.1
	done
}

# propfee-worker: no socket; started when its log says it runs.
worker_start() {
	if ours "$VAR/run/worker.pid"; then
		return 0
	fi
	seen=$(cat "$VAR/log/worker.log" 2>/dev/null | wc -l)
	"$ROOT/build/propfee-worker" -c "$VAR/propfee.conf" >>"$VAR/log/worker.log" 2>&1 &
	echo $! >"$VAR/run/worker.pid"
	i=0
	until tail -n +$((seen + 1)) "$VAR/log/worker.log" 2>/dev/null |
	    grep -q "worker: .* running"; do
		i=$((i + 1))
		[ $i -lt 100 ] && alive "$VAR/run/worker.pid" ||
		    die "the worker did not start: see $VAR/log/worker.log"
		sleep 0.1
	done
}

nginx_start() {
	if ours "$VAR/run/nginx.pid"; then
		return 0
	fi
	"$NGINX" -p "$VAR/nginx" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log" ||
	    die "nginx did not start (is port $PORT free?): see $VAR/log/nginx-error.log"
}

wait_healthy() {
	i=0
	until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 &&
	    curl -sf "http://127.0.0.1:$PORT/staff/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 200 ] || die "/healthz does not answer: see $VAR/log/"
		sleep 0.1
	done
}

running() {
	ours "$VAR/run/nginx.pid" && ours "$VAR/run/owner.pid" &&
	    ours "$VAR/run/staff.pid" && ours "$VAR/run/worker.pid" &&
	    ours "$VAR/run/mariadbd.pid"
}

start() {
	configure
	db_start
	db_setup
	prog_start owner
	prog_start staff
	worker_start
	nginx_start
	wait_healthy
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

Logs are in var/log/. Stop with: make stop
EOF
}

case "$cmd" in
run)
	if running; then
		say "already running at http://127.0.0.1:$(sed -n 's/.*listen 127.0.0.1:\([0-9]*\);/\1/p' "$VAR/nginx.conf" | head -1)/ - nothing changed"
		exit 0
	fi
	start
	banner
	;;
start)
	start
	;;
stop)
	stop_pid "$VAR/run/nginx.pid" nginx
	stop_pid "$VAR/run/worker.pid" worker
	stop_pid "$VAR/run/staff.pid" staff
	stop_pid "$VAR/run/owner.pid" owner
	stop_pid "$VAR/run/mariadbd.pid" MariaDB
	say "stopped"
	;;
db-stop)
	stop_pid "$VAR/run/mariadbd.pid" MariaDB
	;;
db-start)
	configure
	db_start
	;;
*)
	echo "usage: $0 run|start|stop|db-stop|db-start VAR [PORT]" >&2
	exit 2
	;;
esac
