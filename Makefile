# propfee - property fees for residential estates.
#
#   make run     install what is missing, build, start the stack with the
#                demo estate, print the URLs and logins
#   make stop    stop what `make run` started
#   make test    unit tests, then HTTP tests against a throwaway stack
#   make check-ledger   check that the books of the running stack add up
#   make bench   speed on 200,000 premises (not part of make test)
#   make asan    make test with AddressSanitizer and UBSan (build-asan/)
#   make tsan    the HTTP tests under ThreadSanitizer (build-tsan/)
#   make fuzz    each libFuzzer harness of tests/fuzz/ for FUZZ_SECONDS
#   make crash-test   payments while processes are killed with kill -9
#                (KILLS=30); no payment lost or doubled (not part of make test)
#   make soak    10 minutes of mixed load (SOAK_SECONDS=600): no error, memory
#                flat, the money checks clean (not part of make test)

PORT	?= 8080
CC	?= cc
CXX	?= c++

# The drawing libraries (PDF_PKGS) are linked into propfee-pdf alone, the
# renderer (cgi-bin/pdf/, core/render.h): the other programs never load
# cairo, pango or fontconfig.
PKGS	 = fcgi libmariadb libctemplate libsodium \
	   jansson openssl libcurl libzip zlib vips
PDF_PKGS = cairo pangocairo libqrencode
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
PDF_CFLAGS = $(shell pkg-config --cflags $(PDF_PKGS) 2>/dev/null)
PDF_LIBS   = $(shell pkg-config --libs $(PDF_PKGS) 2>/dev/null)

WARN	 = -Wall -Wextra -Werror
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE $(WARN) -Icgi-bin/core -Icgi-bin/web $(PKG_CFLAGS)
CXXFLAGS ?= -O2 -g
CXXFLAGS += -std=c++17 $(WARN) -Icgi-bin/core -Icgi-bin/web $(PKG_CFLAGS)
# --as-needed: a program depends only on the libraries it calls.
LDLIBS	 = -Wl,--as-needed $(PKG_LIBS) -lpthread -lstdc++

B	 = build
CORE_C	 = $(wildcard cgi-bin/core/*.c)
CORE_O	 = $(CORE_C:cgi-bin/core/%.c=$(B)/core/%.o)
WEB_C	 = $(wildcard cgi-bin/web/*.c)
WEB_O	 = $(WEB_C:cgi-bin/web/%.c=$(B)/web/%.o) $(B)/web/tmpl.o
OWNER_O	 = $(patsubst cgi-bin/owner/%.c,$(B)/owner/%.o,$(wildcard cgi-bin/owner/*.c))
STAFF_O	 = $(patsubst cgi-bin/staff/%.c,$(B)/staff/%.o,$(wildcard cgi-bin/staff/*.c))
WORKER_O = $(patsubst cgi-bin/worker/%.c,$(B)/worker/%.o,$(wildcard cgi-bin/worker/*.c))
PDF_O	 = $(patsubst cgi-bin/pdf/%.c,$(B)/pdf/%.o,$(wildcard cgi-bin/pdf/*.c))
HDRS	 = $(wildcard cgi-bin/core/*.h cgi-bin/web/*.h)

UNIT_C	 = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_C:tests/unit/%.c=$(B)/tests/%)

PROGS	 = $(B)/propfee-owner $(B)/propfee-staff $(B)/propfee-worker \
	   $(B)/propfee-pdf $(B)/propfee-passwd $(B)/propfee-msgsend

# The fuzz harnesses (tests/fuzz/): make test replays each one's corpus
# through a plain main() (replay.c), built like the unit tests, so it needs
# no clang; make fuzz links the same harnesses with libFuzzer.
FUZZ_NAMES = urlencoded multipart cookies money csv
FUZZ_HDRS  = tests/fuzz/fuzz.h
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(B)/fuzz/replay-%)

# Sanitizer builds go to folders of their own and leave build/ alone. The
# flags ride on CC and CXX, so every compile and link line takes them,
# those of programs added later too.
ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	     -fno-omit-frame-pointer
TSAN_FLAGS = -fsanitize=thread -fno-omit-frame-pointer
FUZZ_FLAGS = -fsanitize=fuzzer-no-link,address,undefined \
	     -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 60

.PHONY: cluster cluster-stop cluster-test all deps run stop backup restore test unit check-ledger bench clean asan tsan fuzz \
	fuzzers crash-test soak

all: $(PROGS)

deps:
	@scripts/deps.sh

$(B)/core/%.o: cgi-bin/core/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/web/%.o: cgi-bin/web/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/web/tmpl.o: cgi-bin/web/tmpl.cc $(HDRS)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -c -o $@ $<

$(B)/owner/%.o: cgi-bin/owner/%.c $(HDRS) cgi-bin/owner/pages.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/staff/%.o: cgi-bin/staff/%.c $(HDRS) cgi-bin/staff/pages.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# Two archives: the core (no HTTP) and the web layer over it. The worker
# and the tools link the core alone, so the layering holds at link time.
$(B)/worker/%.o: cgi-bin/worker/%.c $(HDRS) cgi-bin/worker/worker.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/pdf/%.o: cgi-bin/pdf/%.c $(HDRS) $(wildcard cgi-bin/pdf/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PDF_CFLAGS) -Icgi-bin/pdf -c -o $@ $<

$(B)/libpropfee-core.a: $(CORE_O)
	ar rcs $@ $^

$(B)/libpropfee-web.a: $(WEB_O)
	ar rcs $@ $^

LIBS_WEB = $(B)/libpropfee-web.a $(B)/libpropfee-core.a

$(B)/propfee-owner: $(OWNER_O) $(LIBS_WEB)
	$(CC) -o $@ $(OWNER_O) $(LIBS_WEB) $(LDLIBS)

$(B)/propfee-staff: $(STAFF_O) $(LIBS_WEB)
	$(CC) -o $@ $(STAFF_O) $(LIBS_WEB) $(LDLIBS)

$(B)/propfee-worker: $(WORKER_O) $(B)/libpropfee-core.a
	$(CC) -o $@ $(WORKER_O) $(B)/libpropfee-core.a $(LDLIBS)

$(B)/propfee-pdf: $(PDF_O) $(B)/libpropfee-core.a
	$(CC) -o $@ $(PDF_O) $(B)/libpropfee-core.a $(PDF_LIBS) $(LDLIBS)

$(B)/propfee-passwd: cgi-bin/tools/passwd.c $(B)/libpropfee-core.a
	$(CC) $(CFLAGS) -o $@ $< $(B)/libpropfee-core.a $(LDLIBS)

$(B)/propfee-msgsend: cgi-bin/tools/msgsend.c $(B)/libpropfee-core.a
	$(CC) $(CFLAGS) -o $@ $< $(B)/libpropfee-core.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBS_WEB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LIBS_WEB) $(LDLIBS) -lcmocka

run: deps all
	@scripts/stack.sh run var $(PORT)

stop:
	@scripts/stack.sh stop var

# A consistent copy of the running stack (scripts/backup.sh): the
# databases, propfee.conf, the payment keys and the photos, under
# var/backups/<UTC time>/ (or TO=folder).
backup:
	@scripts/backup.sh backup var $(TO)

# A new stack from a backup: into INTO (default var, which must hold no
# database yet: move an old var/ aside first) on PORT (default 8080).
restore: deps all
	@test -n "$(FROM)" || { echo "usage: make restore FROM=var/backups/<time> [INTO=folder] [PORT=n]" >&2; exit 2; }
	@scripts/backup.sh restore $(FROM) $(or $(INTO),var) $(PORT)

$(B)/fuzz/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDRS) \
    $(LIBS_WEB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBS_WEB) $(LDLIBS)

$(B)/fuzz/fuzz-%: tests/fuzz/fuzz_%.c $(FUZZ_HDRS) $(LIBS_WEB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBS_WEB) $(LDLIBS)

unit: $(UNIT_BIN) $(FUZZ_REPLAY)

test: deps all unit
	@scripts/test.sh

# make test again, every program and test built with ASan and UBSan; any
# report fails the run (scripts/test.sh, SANITIZER).
asan: deps
	$(MAKE) B=build-asan CC="$(CC) $(ASAN_FLAGS)" \
	    CXX="$(CXX) $(ASAN_FLAGS)" all unit
	@B=build-asan SANITIZER=asan scripts/test.sh

# The programs built with ThreadSanitizer and the HTTP tests against
# them: every request is served by one of the worker threads, and
# tests/http/test_threads.py sends many at once. Any race report fails the
# run (scripts/test.sh, SANITIZER). The unit tests start no threads.
tsan: deps
	$(MAKE) B=build-tsan CC="$(CC) $(TSAN_FLAGS)" \
	    CXX="$(CXX) $(TSAN_FLAGS)" all
	@B=build-tsan SANITIZER=tsan NO_BROWSER=1 scripts/test.sh

# Each harness under libFuzzer for FUZZ_SECONDS (clang, installed if
# missing); new inputs go to var/fuzz/, crashes too (scripts/fuzz.sh).
fuzz: deps
	@scripts/deps.sh clang libclang-rt-dev
	$(MAKE) B=build-fuzz CC="clang $(FUZZ_FLAGS)" \
	    CXX="clang++ $(FUZZ_FLAGS)" fuzzers
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(FUZZ_NAMES)

fuzzers: $(FUZZ_NAMES:%=$(B)/fuzz/fuzz-%)

check-ledger:
	@scripts/check-ledger.sh $(or $(VAR),var)

bench: deps all
	@scripts/bench.sh

# Counter payments and gateway notifications on a private stack in
# var/crash while a random supervised process is killed with SIGKILL,
# KILLS times; then no acknowledged payment lost, none doubled, no
# receipt gap, the ledger check clean (scripts/crash-test.py). KILLS=3 is
# a smoke run.
crash-test: deps all
	@KILLS=$(or $(KILLS),30) scripts/crash-test.py

# Mixed load (owners' pages and PDFs, counter payments, online orders with
# duplicated notifications, the boards, billing runs) on a private stack in
# var/soak for SOAK_SECONDS (default 600) after a warm-up; then 0 errors
# not retried to success, each program's memory flat (VmRSS: the highest
# sample of the last third <= that of the first third + 10 % + 2 MB), the
# money checks of crash-test clean (scripts/soak.py). Not part of make test.
soak: deps all
	@SOAK_SECONDS=$(or $(SOAK_SECONDS),600) scripts/soak.py

# propfee on a MariaDB Galera cluster on this machine (scripts/cluster.sh):
# three nodes, two app hosts, one nginx in front, under var/cluster;
# PORT=n the front's port (default 8090).
cluster: deps all
	@scripts/deps.sh galera-4 socat
	@scripts/cluster.sh start

cluster-stop:
	@scripts/cluster.sh stop

# The load of make crash-test on a cluster of its own (var/cluster-test)
# while the writer node and then an app host are lost and brought back;
# the checks on every node, and the nodes agree (scripts/cluster-test.py).
cluster-test: deps all
	@scripts/deps.sh galera-4 socat
	@scripts/cluster-test.py

clean:
	rm -rf $(B) build-asan build-tsan build-fuzz
