#!/bin/sh
# supervise.sh - what each runit service of a propfee stack runs. The
# service folders are VAR/sv/NAME; scripts/stack.sh writes their `run`
# and `finish` to call this (runsv runs them with the service folder as
# the working directory):
#
#   supervise.sh run VAR NAME COMMAND...
#       records the process (VAR/run/NAME.pid; its runsv in
#       VAR/run/NAME.runsv.pid), kills what is left of the previous
#       process's group, then execs COMMAND in the foreground with its
#       output appended to VAR/log/NAME.log;
#   supervise.sh finish VAR NAME EXIT SIGNAL
#       (runsv's arguments: the exit code, or -1 and the signal) logs in
#       VAR/log/supervise.log what died and how ("lost child staff:
#       killed by signal 9 (KILL) ...") and sleeps a backoff before runsv
#       starts it again: 1 s, doubled for each death within 30 s of the
#       one before, at most 5 s. A process taken down on purpose (sv down,
#       make stop) is logged as stopped and not waited for.
#
# Nothing here is found by name: a process is its recorded pid, checked
# to be this stack's by its working directory under VAR.
set -eu

[ $# -ge 3 ] || { echo "usage: $0 run|finish|reap VAR NAME ..." >&2; exit 2; }
what=$1
VAR=$2
NAME=$3
shift 3
LOG="$VAR/log/supervise.log"
BACKOFF_MAX=5
QUICK_S=30

stamp() {
	date '+%Y-%m-%d %H:%M:%S'
}

# Kills what is left of process group $1 (a previous run of this service:
# nginx's workers outlive a master killed with SIGKILL and hold its port).
# A pid is reused only once its group is empty, and each member is checked
# to be this stack's (working directory under VAR) before it is killed.
reap_group() {
	group=$1
	for d in /proc/[0-9]*; do
		p=${d#/proc/}
		[ "$p" != "$$" ] || continue
		read -r st 2>/dev/null <"$d/stat" || continue
		# Fields after the command name: state ppid pgrp ... (set --
		# inside a function touches only the function's arguments).
		# shellcheck disable=SC2086
		set -- ${st##*) }
		[ "${3:-}" = "$group" ] || continue
		case "$(readlink "$d/cwd" 2>/dev/null)" in
		"$VAR"/*)
			echo "$(stamp) killed pid $p, left behind by $NAME" >>"$LOG"
			kill -KILL "$p" 2>/dev/null || true
			;;
		esac
	done
}

case "$what" in
reap)
	# stack.sh stop: what is left of the group of the service's last
	# process, given as $4 (nginx's workers, when stop came while the
	# service waited out its backoff after its master was killed).
	reap_group "${1:?group}"
	;;
run)
	old=$(cat "$VAR/run/$NAME.pid" 2>/dev/null || true)
	[ -z "$old" ] || reap_group "$old"
	echo "$PPID" >"$VAR/run/$NAME.runsv.pid"
	echo "$$" >"$VAR/run/$NAME.pid"
	echo "$(stamp) started $NAME (pid $$)" >>"$LOG"
	exec </dev/null >>"$VAR/log/$NAME.log" 2>&1
	# A process group of its own (chpst -P): the recorded pid is its
	# group, which reap_group uses on the next start.
	exec chpst -P "$@"
	;;
finish)
	code=${1:-?}
	sig=${2:-0}
	pid=$(cat "$VAR/run/$NAME.pid" 2>/dev/null || echo "?")
	if [ "$code" = "-1" ]; then
		how="killed by signal $sig ($(kill -l "$sig" 2>/dev/null || echo "?"))"
	else
		how="exited with code $code"
	fi
	# supervise/status byte 17 is what runsv wants: 'u' up, 'd' down.
	want=$(od -An -c -j17 -N1 supervise/status 2>/dev/null | tr -d ' ')
	if [ "$want" != "u" ]; then
		echo "$(stamp) stopped $NAME: $how (pid $pid)" >>"$LOG"
		exit 0
	fi
	now=$(date +%s)
	last=0
	delay=0
	if [ -f "$VAR/run/$NAME.backoff" ]; then
		read -r last delay <"$VAR/run/$NAME.backoff" || true
	fi
	if [ $((now - ${last:-0})) -lt $QUICK_S ]; then
		delay=$((${delay:-0} * 2))
		[ "$delay" -ge 1 ] || delay=1
		[ "$delay" -le $BACKOFF_MAX ] || delay=$BACKOFF_MAX
	else
		delay=1
	fi
	echo "$now $delay" >"$VAR/run/$NAME.backoff"
	echo "$(stamp) lost child $NAME: $how (pid $pid); restarting in $delay s" >>"$LOG"
	sleep "$delay"
	;;
*)
	echo "usage: $0 run|finish VAR NAME ..." >&2
	exit 2
	;;
esac
