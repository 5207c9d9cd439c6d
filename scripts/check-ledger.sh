#!/bin/sh
# check-ledger.sh VAR [DATABASE] - checks that the books add up, on the
# database of the stack under VAR (default database: propfee). Prints one
# "ok" / "not ok" line per check and exits 1 if any check fails.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=$(cd "${1:?usage: check-ledger.sh VAR [DATABASE]}" && pwd)
DB=${2:-propfee}
failed=0

out=$(mariadb --defaults-file="$VAR/my.cnf" -uroot "$DB" -N -B \
    <"$ROOT/scripts/check-ledger.sql") || {
	echo "not ok - check-ledger: cannot query $DB (is the stack running?)"
	exit 1
}
# One line per check: name <TAB> rows breaking it <TAB> an example.
echo "$out" | {
	while IFS="$(printf '\t')" read -r name bad example; do
		if [ "$bad" = 0 ]; then
			echo "ok - ledger: $name"
		else
			echo "not ok - ledger: $name: $bad broken (e.g. $example)"
			failed=1
		fi
	done
	exit $failed
}
