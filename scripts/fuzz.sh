#!/bin/sh
# fuzz.sh - make fuzz: runs each libFuzzer harness built in build-fuzz/
# (tests/fuzz/fuzz_NAME.c) for FUZZ_SECONDS (default 60), one after the
# other, on one core.
#
#   scripts/fuzz.sh NAME ...
#
# Each starts from its seed corpus in the tree (tests/fuzz/corpus/NAME/,
# read only) and from what earlier runs found (var/fuzz/corpus/NAME/, where
# new inputs go). A crash, a leak or a broken invariant leaves its input
# in var/fuzz/NAME-crash-* (or -leak-, -timeout-, -oom-): add it to
# tests/fuzz/corpus/NAME/ with the fix, so make test replays it for ever.
# Ends with "N passed, N failed", one line per harness.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_EACH=${FUZZ_SECONDS:-60}
passed=0
failed=0

for name in "$@"; do
	bin=build-fuzz/fuzz/fuzz-$name
	out=var/fuzz/$name.log
	mkdir -p "var/fuzz/corpus/$name"
	echo "== fuzz $name for ${SECONDS_EACH} s"
	# -rss_limit_mb: far above what a parser needs, well below the
	# machine's; -max_len: a form is at most 1 MB, but short inputs
	# find more per second.
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=1024 \
	    -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix="var/fuzz/$name-" \
	    "var/fuzz/corpus/$name" "tests/fuzz/corpus/$name" >"$out" 2>&1
	rc=$?
	grep "stat::number_of_executed_units\|stat::new_units_added" "$out" |
	    tr '\n' ' '
	echo
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz $name: nothing found in ${SECONDS_EACH} s"
		passed=$((passed + 1))
	else
		echo "not ok - fuzz $name: exit $rc, see $out:"
		grep -m 1 -A 15 "ERROR\|invariant failed\|runtime error" "$out"
		ls var/fuzz/"$name"-* 2>/dev/null | grep -v "\.log$"
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
