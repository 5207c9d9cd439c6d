#!/bin/sh
# layers.sh - the layering of cgi-bin/ (README, "Layers"): the core and
# the worker never include a header of the web layer, so nothing below
# the pages can reach an HTTP request. Prints one "ok"/"not ok" line.
cd "$(dirname "$0")/../.." || exit 2
web=$(cd cgi-bin/web && ls *.h | sed 's/\./\\./g' | paste -sd'|')
bad=$(grep -nE "#include \"($web)\"" cgi-bin/core/*.[ch] cgi-bin/worker/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
	echo "$bad"
	echo "not ok - the core and the worker include no web header"
	exit 1
fi
echo "ok - the core and the worker include no web header"
