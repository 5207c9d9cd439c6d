# twin.sh - the PHP twin of the owner's bills page, for make bench only
# (issue 15): sourced by scripts/bench.sh, which sets ROOT, VAR, TWIN
# (var/bench/twin), DUR and the functions measure and settle. Not part of
# the product.
#
# twin_start: php-fpm (bench/php-fpm.conf.in) and an nginx of its own
#   (bench/nginx.conf.in) under $TWIN, each with its own pid file; sets
#   TWIN_BASE to the twin's address. The C page stays behind the stack's
#   nginx; the twin's nginx is set up the same way (two workers, the same
#   headers and access log, FastCGI over a unix socket) and idles while
#   the C page is measured, as the stack's nginx idles for the twin.
# twin_stop: stops both by the pids in their pid files (never by name).
# twin_bench PATH COOKIE: checks that the C page and the twin show the
#   same figures, then measures three alternating rounds; writes the
#   report to $TWIN/report.txt (and fails when the figures differ).

# twin_kill NAME: stops the process of $TWIN/NAME.pid, if that pid is
# still ours (its command line names $TWIN), and waits for it to go.
twin_kill() {
	f="$TWIN/$1.pid"
	[ -f "$f" ] || return 0
	pid=$(cat "$f")
	if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] &&
	    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$TWIN"; then
		kill -TERM "$pid" 2>/dev/null || true
		i=0
		while [ -d "/proc/$pid" ] && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	rm -f "$f"
}

twin_stop() {
	[ -d "$TWIN" ] || return 0
	twin_kill nginx
	twin_kill php-fpm
}

twin_start() {
	mkdir -p "$TWIN/nginx"
	twin_stop
	conf() { sed -n "s/^$1=//p" "$VAR/propfee.conf" | head -n 1; }
	TWIN_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	user_line=""
	[ "$(id -u)" -eq 0 ] && user_line="user root root;"
	sed -e "s|@TWIN@|$TWIN|g" -e "s|@ROOT@|$ROOT|g" \
	    -e "s|@CHILDREN@|$(conf threads)|g" \
	    -e "s|@DB_SOCKET@|$(conf db_socket)|g" -e "s|@DB_NAME@|$(conf db_name)|g" \
	    -e "s|@DB_USER@|$(conf db_user)|g" \
	    -e "s|@DB_PASSWORD@|$(conf db_password)|g" \
	    "$ROOT/bench/php-fpm.conf.in" >"$TWIN/php-fpm.conf"
	chmod 600 "$TWIN/php-fpm.conf"
	sed -e "s|@TWIN@|$TWIN|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$TWIN_PORT|g" \
	    -e "s|@USER_LINE@|$user_line|g" \
	    "$ROOT/bench/nginx.conf.in" >"$TWIN/nginx.conf"
	# php-fpm refuses root unless told (-R); its workers run as the
	# starting user, as the programs do.
	fpm=$(command -v php-fpm8.2 || echo /usr/sbin/php-fpm8.2)
	run_as_root=""
	[ "$(id -u)" -eq 0 ] && run_as_root="-R"
	"$fpm" $run_as_root -y "$TWIN/php-fpm.conf" ||
	    { echo "bench: php-fpm did not start ($TWIN/php-fpm.log)"; return 1; }
	ngx=$(command -v nginx || echo /usr/sbin/nginx)
	"$ngx" -p "$TWIN/nginx" -c "$TWIN/nginx.conf" -e "$TWIN/nginx-error.log" ||
	    { echo "bench: the twin's nginx did not start"; return 1; }
	TWIN_BASE="http://127.0.0.1:$TWIN_PORT"
	i=0
	until [ -S "$TWIN/php-fpm.sock" ] && [ -s "$TWIN/nginx.pid" ] &&
	    curl -s -o /dev/null "$TWIN_BASE/"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "bench: the twin did not come up"; return 1; }
		sleep 0.1
	done
}

# The figures of a bills page, one a line in page order: each amount
# (the ¥ figures: 待缴合计, 逾期, each period's and each line's) and
# each line's status words.
twin_figures() {
	grep -o '¥[0-9,.-]*\|class="status">[^<]*' "$1"
}

# (Its variables are named tw_*: bench.sh's measure sets cookie, url
# and name as globals.)
twin_bench() {
	tw_path=$1 tw_cookie=$2
	c_url="$base$tw_path" t_url="$TWIN_BASE$tw_path"
	r="$TWIN/report.txt"
	curl -s -o "$TWIN/c.html" -w '%{http_code}' -H "Cookie: $tw_cookie" \
	    "$c_url" >"$TWIN/c.code"
	curl -s -o "$TWIN/php.html" -w '%{http_code}' -H "Cookie: $tw_cookie" \
	    "$t_url" >"$TWIN/php.code"
	twin_figures "$TWIN/c.html" >"$TWIN/c.figures"
	twin_figures "$TWIN/php.html" >"$TWIN/php.figures"
	{
		echo
		echo "The owner's bills page ($tw_path) against its PHP twin (bench/bills.php, PHP-FPM 8.2 + PDO, $(conf_threads) workers):"
	} >"$r"
	if [ "$(cat "$TWIN/c.code")" != 200 ] || [ "$(cat "$TWIN/php.code")" != 200 ] ||
	    [ ! -s "$TWIN/c.figures" ] ||
	    ! cmp -s "$TWIN/c.figures" "$TWIN/php.figures"; then
		{
			echo "  the twin's page does not show the C page's figures (HTTP $(cat "$TWIN/c.code") and $(cat "$TWIN/php.code")): no ratio."
			diff "$TWIN/c.figures" "$TWIN/php.figures" | head -n 20 | sed 's/^/    /'
		} >>"$r"
		return 1
	fi
	if cmp -s "$TWIN/c.html" "$TWIN/php.html"; then
		same="the same bytes"
	else
		same="the same figures, $(diff "$TWIN/c.html" "$TWIN/php.html" | grep -c '^<') lines of $(wc -l <"$TWIN/c.html") differing"
	fi
	echo "  both answer $(wc -l <"$TWIN/c.figures") figures, $(head -n 1 "$TWIN/c.figures") owed on top: $same ($(wc -c <"$TWIN/c.html") and $(wc -c <"$TWIN/php.html") bytes)" >>"$r"
	# warm both up (the twin's workers connect and load the page)
	wrk -t2 -c32 -d2s -H "Cookie: $tw_cookie" "$t_url" >/dev/null 2>&1
	wrk -t2 -c32 -d2s -H "Cookie: $tw_cookie" "$c_url" >/dev/null 2>&1
	settle
	for round in 1 2 3; do
		measure "static.$round" 32 "$base/static/style.css"
		measure "healthz.$round" 32 "$base/healthz"
		if [ $round -eq 2 ]; then
			measure "twin.$round" 32 "$t_url" "$tw_cookie"
			measure "bills.$round" 32 "$c_url" "$tw_cookie"
		else
			measure "bills.$round" 32 "$c_url" "$tw_cookie"
			measure "twin.$round" 32 "$t_url" "$tw_cookie"
		fi
	done >"$TWIN/figures.txt"
	python3 - "$TWIN/figures.txt" "$DUR" "$VAR" "$(wc -c <"$TWIN/c.html")" >>"$r" <<'PY'
import re, statistics, sys
figs = {}
errs = []
size = int(sys.argv[4])
units = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
for line in open(sys.argv[1]):
    f = line.split()
    figs[f[0]] = f
    if len(f) > 5:
        errs.append("%s: %s" % (f[0], " ".join(f[5:])))
    # wrk counts a redirect (to the login page) as a success: each
    # page's answers must be the page, by their size.
    if f[0].startswith(("bills.", "twin.")):
        m = re.search(r"(\d+) requests in [0-9.]+\w+, ([0-9.]+)(\w+) read",
                      open("%s/wrk-%s.txt" % (sys.argv[3], f[0])).read())
        per = float(m.group(2)) * units[m.group(3)] / int(m.group(1)) if m else 0
        if per < size:
            errs.append("%s: %.0f bytes an answer, the page is %d" % (f[0], per, size))
if errs:
    print("  not every answer was the page: no ratio")
    for e in errs:
        print("  errors: " + e)
    sys.exit(0)
rps = lambda k: float(figs[k][2])
print("  wrk -t2 -c32 -d%ss each, requests/s; the C page's ratio to each" % sys.argv[2])
print("  %-7s %9s %9s %9s %9s %10s %9s %9s" % ("", "static", "healthz", "C page",
      "PHP twin", "C/twin", "C/healthz", "C/static"))
ratios = {"twin": [], "healthz": [], "static": []}
cols = {"static": [], "healthz": [], "bills": [], "twin": []}
for n in (1, 2, 3):
    s, h, c, t = (rps("%s.%d" % (k, n)) for k in ("static", "healthz", "bills", "twin"))
    for k, v in (("static", s), ("healthz", h), ("bills", c), ("twin", t)):
        cols[k].append(v)
    ratios["twin"].append(c / t)
    ratios["healthz"].append(c / h)
    ratios["static"].append(c / s)
    print("  round %d %9.0f %9.0f %9.0f %9.0f %9.2fx %8.3fx %8.3fx" % (
        n, s, h, c, t, c / t, c / h, c / s))
med = statistics.median
print("  median  %9.0f %9.0f %9.0f %9.0f %9.2fx %8.3fx %8.3fx" % (
    med(cols["static"]), med(cols["healthz"]), med(cols["bills"]), med(cols["twin"]),
    med(ratios["twin"]), med(ratios["healthz"]), med(ratios["static"])))
print("  (the median ratios are the medians of the rounds' ratios)")
verdict = lambda ok: "met" if ok else "MISSED"
print("  targets (issue 15): C page / PHP twin >= 3: %.2fx: %s; C page / healthz >= 0.5: %.3fx: %s" % (
    med(ratios["twin"]), verdict(med(ratios["twin"]) >= 3),
    med(ratios["healthz"]), verdict(med(ratios["healthz"]) >= 0.5)))
PY
}

conf_threads() {
	sed -n 's/^threads=//p' "$VAR/propfee.conf" | head -n 1
}
