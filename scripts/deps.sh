#!/bin/sh
# Installs the Debian packages propfee needs, only those that are missing.
# Runs apt-get update first only when something must be installed, so a warm
# machine pays nothing. Uses sudo when not root.
set -eu

PKGS="build-essential pkg-config libfcgi-dev libfcgi-bin libmariadb-dev
mariadb-server mariadb-client mariadb-backup nginx-light libctemplate-dev libsodium-dev
libcairo2-dev libpango1.0-dev fonts-noto-cjk libqrencode-dev libcmocka-dev
libjansson-dev libssl-dev libcurl4-openssl-dev libzip-dev zlib1g-dev libvips-dev python3-cryptography curl openssl python3 poppler-utils poppler-data zbar-tools chromium runit"

# Extra packages named on the command line (e.g. wrk for make bench).
PKGS="$PKGS $*"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done

# The browser tests run on Node.js (18 or later for playwright-core 1.61);
# Debian's package is used only when there is none at all.
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"

[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
