#!/bin/sh
# test.sh - everything `make test` runs after building:
#   1. unit tests (cmocka, TAP output),
#   2. the SQL call checker (tests/lint/sqlcheck.py),
#   3. a throwaway stack in var/test (own MariaDB, port and fresh database
#      with the demo data), the HTTP tests against it through nginx, then
#      the browser tests in headless Chromium (screenshots in
#      var/test/screenshots/),
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
# The test stack, and the second app host test_twohosts starts in
# $VAR/host2 (stopped here too if a run was cut short).
cleanup() {
	[ ! -d "$VAR/host2" ] || scripts/stack.sh stop "$VAR/host2" >/dev/null 2>&1
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

echo "== HTTP tests"
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
TLS_PORT=$(free_port)
export TLS_PORT
trap cleanup EXIT INT TERM

# The browser flows against the running stack.
browser_tests() {
	echo "== browser tests (headless Chromium)"
	if [ ! -d node_modules/playwright-core ]; then
		npm ci --no-audit --no-fund >>"$LOG" 2>&1 ||
		    echo "npm ci failed: see $LOG"
	fi
	# BROWSER_ONLY="a b" runs only the flows whose names have a or b.
	PROPFEE_PORT=$PORT PROPFEE_VAR=$VAR \
	    node tests/browser/run.js ${BROWSER_ONLY:-} >"$LOG.browser" 2>&1
	tally <"$LOG.browser"
	if ! grep -q "^ok\|^not ok" "$LOG.browser"; then
		echo "not ok - browser tests did not run: $(tail -n 5 "$LOG.browser")"
		failed=$((failed + 1))
	fi
	rm -f "$LOG.browser"
}

# MariaDB listens on a TCP port too, for the second app host.
if TEST_ROUTES=1 THREADS=8 DB_PORT=$(free_port) scripts/stack.sh start "$VAR" "$PORT" >>"$LOG" 2>&1; then
	PROPFEE_PORT=$PORT PROPFEE_TLS_PORT=$TLS_PORT PROPFEE_VAR=$VAR \
	    python3 tests/http/run.py "$@" >"$LOG.http" 2>&1
	tally <"$LOG.http"
	if ! grep -q "^ok\|^not ok" "$LOG.http"; then
		echo "not ok - HTTP tests did not run: $(tail -n 5 "$LOG.http")"
		failed=$((failed + 1))
	fi
	rm -f "$LOG.http"
	[ -n "${NO_BROWSER:-}" ] || browser_tests
	# The programs must not have crashed or logged a fatal error.
	if grep -h "fatal" "$VAR"/log/owner.log "$VAR"/log/staff.log \
	    "$VAR"/log/worker.log; then
		echo "not ok - a program logged a fatal error (var/test/log/)"
		failed=$((failed + 1))
	else
		echo "ok - no fatal errors in the programs' logs"
		passed=$((passed + 1))
	fi
else
	echo "not ok - the test stack did not start:"
	tail -n 20 "$LOG"
	failed=$((failed + 1))
fi

# Stop, then make sure nothing the stack started is still running (a
# process that has exited but that init has not reaped yet is not).
pids=$(cat "$VAR"/run/*.pid "$VAR"/host2/run/*.pid 2>/dev/null)
cleanup >>"$LOG" 2>&1
trap - EXIT INT TERM
left=""
for p in $pids; do
	st=$(cat "/proc/$p/stat" 2>/dev/null) || continue
	[ "$(echo "${st##*) }" | cut -c1)" = Z ] || left="$left $p"
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
