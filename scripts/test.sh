#!/bin/sh
# test.sh - everything `make test` runs after building:
#   1. unit tests (cmocka, TAP output),
#   2. the SQL call checker (tests/lint/sqlcheck.py),
#   3. a throwaway stack in var/test (own MariaDB, port and fresh database
#      with the demo data) and, beside it, lanes: each a database with the
#      demo and an app host of its own (var/test/lane-NAME); the HTTP tests
#      through nginx and the browser tests in headless Chromium
#      (screenshots in var/test/lane-{phone,desktop}/screenshots/) run in
#      the lanes side by side (tests/http/run.py LANES), each lane's
#      output shown when all are done,
#   4. the stack stopped again, and a check that no process it started
#      is left.
# Ends with one line "N passed, N failed"; exits 1 on any failure.
# scripts/test.sh NAME ... runs only the HTTP tests whose names have NAME;
# BROWSER_ONLY="NAME ..." does the same for the browser flows, and
# NO_BROWSER=1 skips them.
# B=build-asan tests the programs and tests of another build folder;
# SANITIZER=asan or tsan then sets the sanitizers' options: every report
# goes to var/test/log/{asan,ubsan,tsan}.PID, and any such file fails the
# run (make asan, make tsan).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
B=${B:-build}
export B
VAR="$ROOT/var/test"
LOG="$ROOT/var/test-output.log"
passed=0
failed=0

# Counts "ok" / "not ok" lines of TAP-like output on stdin, echoing them.
tally() {
	while IFS= read -r line; do
		case "$line" in
		"ok "*) passed=$((passed + 1)); echo "$line" ;;
		"not ok "*) failed=$((failed + 1)); echo "$line" ;;
		*"# "*|"1.."*) ;;
		*) echo "$line" ;;
		esac
	done
}

mkdir -p var
: >"$LOG"
# The test stack, the lanes' app hosts in $VAR/lane-*, and the second app
# host test_twohosts starts in $VAR/host2 (stopped here too if a run was
# cut short).
cleanup() {
	for d in "$VAR/host2" "$VAR"/lane-*; do
		[ ! -d "$d" ] || scripts/stack.sh stop "$d" >/dev/null 2>&1
	done
	[ ! -d "$VAR" ] || scripts/stack.sh stop "$VAR" >/dev/null 2>&1
}

# A fresh folder for this run, so its logs (and sanitizer reports) are
# this run's alone.
cleanup
rm -rf "$VAR"
mkdir -p "$VAR/log"

SAN="$ROOT/tests/sanitizers"
case "${SANITIZER:-}" in
asan)
	# Halt at the first report. Leaks are checked when each program
	# exits; those of third-party libraries are suppressed by name
	# (tests/sanitizers/lsan.supp), which needs the slow but whole
	# stacks of fast_unwind_on_malloc=0.
	export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:log_path=$VAR/log/asan:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1:fast_unwind_on_malloc=0"
	export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$VAR/log/ubsan"
	export LSAN_OPTIONS="suppressions=$SAN/lsan.supp:print_suppressions=0"
	;;
tsan)
	# Every race is reported (not only the first), each fails the run;
	# tests/sanitizers/tsan.supp names third-party code only.
	export TSAN_OPTIONS="halt_on_error=0:log_path=$VAR/log/tsan:suppressions=$SAN/tsan.supp:second_deadlock_stack=1"
	;;
esac

echo "== unit tests"
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" 2>&1 >"$LOG.unit" ; rc=$?
	tally <"$LOG.unit"
	# a crash prints no "not ok": count it
	if [ $rc -ne 0 ] && ! grep -q "^not ok" "$LOG.unit"; then
		echo "not ok - $t exited with $rc"
		failed=$((failed + 1))
	fi
done
rm -f "$LOG.unit"

echo "== fuzz corpus replay (tests/fuzz/corpus)"
for t in "$B"/fuzz/replay-*; do
	[ -x "$t" ] || continue
	name=${t##*/replay-}
	"$t" tests/fuzz/corpus/"$name"/* >"$LOG.fuzz" 2>&1 ; rc=$?
	tally <"$LOG.fuzz"
	if [ $rc -ne 0 ]; then
		last=$(sed -n 's/^# replaying //p' "$LOG.fuzz" | tail -n 1)
		echo "not ok - fuzz $name crashed (rc $rc) on $last:"
		grep -v "^ok \|^# " "$LOG.fuzz" | head -n 20
		failed=$((failed + 1))
	fi
done
rm -f "$LOG.fuzz"

echo "== SQL calls against their statements"
python3 tests/lint/sqlcheck.py >"$LOG.lint" 2>&1
lint_rc=$?
# One test: every call checked (parameters, results, their C types).
n=$(grep -c "^ok" "$LOG.lint")
bad=$(grep "^not ok" "$LOG.lint")
if [ -n "$bad" ] || [ $lint_rc -ne 0 ]; then
	echo "$bad"
	[ -z "$bad" ] && echo "sqlcheck crashed: $(tail -n 3 "$LOG.lint")"
	echo "not ok - database calls match their statements"
	failed=$((failed + 1))
else
	echo "ok - database calls match their statements ($n checks)"
	passed=$((passed + 1))
fi
rm -f "$LOG.lint"
if tests/lint/layers.sh; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi
echo "== fixed lists against the schema's ENUMs"
python3 tests/lint/lists.py >"$LOG.lists" 2>&1
tally <"$LOG.lists"
if ! grep -q "^ok\|^not ok" "$LOG.lists"; then
	echo "not ok - lists.py did not run: $(tail -n 3 "$LOG.lists")"
	failed=$((failed + 1))
fi
rm -f "$LOG.lists"

echo "== HTTP and browser tests"
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
TLS_PORT=$(free_port)
export TLS_PORT
# Interrupted (Ctrl-C, SIGTERM): the lanes running in the background
# (they ignore SIGINT, as a shell's background jobs do) are stopped with
# everything they started, by their recorded pids, then the stacks.
lane_pids=""
kill_tree() {
	for c in $(awk '{ print FILENAME, $0 }' /proc/[0-9]*/stat 2>/dev/null |
	    sed -n 's|^/proc/\([0-9]*\)/stat [0-9]* ([^)]*) . '"$1"' .*|\1|p'); do
		kill_tree "$c"
	done
	kill -TERM "$1" 2>/dev/null || true
}
interrupted() {
	trap - EXIT INT TERM
	for p in $lane_pids; do
		kill_tree "$p"
	done
	wait 2>/dev/null
	cleanup
	rm -f "$LOG".lane-*
	echo "interrupted: the lanes and the stacks are stopped"
	exit 130
}
trap cleanup EXIT
trap interrupted INT TERM

# The lanes (tests/http/run.py LANES): "main" is the stack itself; each
# other lane gets a database of its own on the stack's MariaDB (the demo,
# made once for the run and loaded into each) and an app host of its own
# (nginx and the programs under $VAR/lane-NAME), so that lanes run side
# by side without seeing each other's changes. The browser flows run in
# two more lanes, one per screen size. Lane "last" runs on the stack
# after all of them: it kills and stops what they share.
HTTP_LANES="a b"
BROWSER_LANES="phone desktop"
[ -z "${NO_BROWSER:-}" ] || BROWSER_LANES=""

# lane_env NAME: the environment of the tests of lane NAME.
lane_env() {
	case "$1" in
	main|last)
		echo "PROPFEE_PORT=$PORT PROPFEE_TLS_PORT=$TLS_PORT PROPFEE_VAR=$VAR" ;;
	*)
		echo "PROPFEE_PORT=$(cat "$VAR/lane-$1/port") PROPFEE_VAR=$VAR/lane-$1" \
		    "PROPFEE_DB=propfee_$1 PROPFEE_DB_VAR=$VAR" ;;
	esac
}

# lane_start NAME: its database and its app host.
lane_start() {
	d="$VAR/lane-$1"
	mkdir -p "$d"
	p=$(free_port)
	echo "$p" >"$d/port"
	DEMO_SQL="$VAR/demo-lanes.sql" scripts/stack.sh database "$VAR" "propfee_$1" &&
	    DB_NAME="propfee_$1" TEST_ROUTES=1 THREADS=8 TLS_PORT="" PAY_KEYS="$VAR/pay" \
	    SANDBOX_URL=$(sed -n 's/^sandbox_url=//p' "$VAR/propfee.conf") \
	    MSG_FROM="$VAR/propfee.conf" \
	    DB_PASSWORD=$(sed -n 's/^db_password=//p' "$VAR/propfee.conf") \
	    scripts/stack.sh apphost "$d" "$p" "$VAR/run/mysqld.sock"
}

# lane_run NAME: its tests, into $LOG.lane-NAME.
lane_run() {
	l=$1
	shift
	t0=$(date +%s)
	case "$l" in
	phone|desktop)
		# BROWSER_ONLY="a b" runs only the flows whose names have a or b.
		env $(lane_env "$l") node tests/browser/run.js --size "$l" \
		    ${BROWSER_ONLY:-} ;;
	*)
		env $(lane_env "$l") python3 tests/http/run.py --lane "$l" "$@" ;;
	esac >"$LOG.lane-$l" 2>&1
	echo "# took $(($(date +%s) - t0)) s" >>"$LOG.lane-$l"
}

# lane_tally NAME: its results, and a failure if it did not finish.
lane_tally() {
	echo "== lane $1 ($(sed -n 's/^# took //p' "$LOG.lane-$1"))"
	tally <"$LOG.lane-$1"
	if ! grep -q "^# done: " "$LOG.lane-$1"; then
		echo "not ok - lane $1 did not finish: $(tail -n 5 "$LOG.lane-$1")"
		failed=$((failed + 1))
	fi
	rm -f "$LOG.lane-$1"
}

# MariaDB listens on a TCP port too, for the second app host.
started=""
if TEST_ROUTES=1 THREADS=8 DB_PORT=$(free_port) scripts/stack.sh start "$VAR" "$PORT" >>"$LOG" 2>&1; then
	started=1
	hash=$(echo propfee-demo | "$B/propfee-passwd")
	python3 scripts/demo.py "$hash" >"$VAR/demo-lanes.sql"
	for l in $HTTP_LANES $BROWSER_LANES; do
		lane_start "$l" >>"$LOG" 2>&1 &
		lane_pids="$lane_pids $!"
	done
	wait
	rm -f "$VAR/demo-lanes.sql"
	for l in $HTTP_LANES $BROWSER_LANES; do
		if [ ! -f "$VAR/lane-$l/run/runsvdir.pid" ] ||
		    ! curl -sf "http://127.0.0.1:$(cat "$VAR/lane-$l/port")/healthz" >/dev/null; then
			echo "not ok - lane $l did not start:"
			tail -n 20 "$LOG"
			failed=$((failed + 1))
			started=""
		fi
	done
fi
# playwright-core, once, before the browser lanes start side by side: a
# lane that found the folder another lane's npm ci was still filling ran
# node on a half-written file.
if [ -n "$started" ] && [ -n "$BROWSER_LANES" ] &&
    [ ! -f node_modules/.package-lock.json ]; then
	echo "# npm ci (see $LOG)"
	if ! npm ci --no-audit --no-fund >>"$LOG" 2>&1; then
		echo "not ok - npm ci failed: see $LOG"
		failed=$((failed + 1))
	fi
fi
if [ -n "$started" ]; then
	lane_run main "$@" &
	lane_pids="$!"
	for l in $HTTP_LANES; do
		lane_run "$l" "$@" &
		lane_pids="$lane_pids $!"
	done
	for l in $BROWSER_LANES; do
		lane_run "$l" &
		lane_pids="$lane_pids $!"
	done
	wait
	lane_run last "$@" &
	lane_pids="$!"
	wait
	for l in main $HTTP_LANES last $BROWSER_LANES; do
		lane_tally "$l"
	done
	# The programs must not have crashed or logged a fatal error.
	if grep -h "fatal" "$VAR"/log/owner.log "$VAR"/log/staff.log \
	    "$VAR"/log/worker.log "$VAR"/lane-*/log/owner.log \
	    "$VAR"/lane-*/log/staff.log "$VAR"/lane-*/log/worker.log; then
		echo "not ok - a program logged a fatal error (var/test/log/, var/test/lane-*/log/)"
		failed=$((failed + 1))
	else
		echo "ok - no fatal errors in the programs' logs"
		passed=$((passed + 1))
	fi
elif [ -z "$(ls -d "$VAR"/lane-* 2>/dev/null)" ]; then
	echo "not ok - the test stack did not start:"
	tail -n 20 "$LOG"
	failed=$((failed + 1))
fi

# Stop, then make sure nothing the stack started is still running (a
# process that has exited but that init has not reaped yet is not).
pids=$(cat "$VAR"/run/*.pid "$VAR"/host2/run/*.pid "$VAR"/lane-*/run/*.pid 2>/dev/null)
cleanup >>"$LOG" 2>&1
trap - EXIT INT TERM
left=""
for p in $pids; do
	st=$(cat "/proc/$p/stat" 2>/dev/null) || continue
	[ "$(echo "${st##*) }" | cut -c1)" = Z ] || left="$left $p"
done
# ... nor any process working in the stack's folders that no pid file
# names (an nginx worker whose master was killed, a runsv's orphan).
for d in /proc/[0-9]*; do
	case "$(readlink "$d/cwd" 2>/dev/null)" in
	"$VAR"/*)
		st=$(cat "$d/stat" 2>/dev/null) || continue
		[ "$(echo "${st##*) }" | cut -c1)" = Z ] || left="$left ${d#/proc/}"
		;;
	esac
done
if [ -z "$left" ] && [ -n "$pids" ]; then
	echo "ok - stop left no process behind"
	passed=$((passed + 1))
else
	echo "not ok - processes left after stop:$left"
	failed=$((failed + 1))
fi

# Any sanitizer report, of a test program or of a program of the stack.
if [ -n "${SANITIZER:-}" ]; then
	reports=$(ls "$VAR"/log/asan.* "$VAR"/log/ubsan.* "$VAR"/log/tsan.* \
	    2>/dev/null)
	if [ -z "$reports" ]; then
		echo "ok - no $SANITIZER reports"
		passed=$((passed + 1))
	else
		for f in $reports; do
			echo "not ok - sanitizer report $f:"
			grep -m 1 -A 12 "ERROR\|WARNING\|runtime error" "$f"
			failed=$((failed + 1))
		done
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
