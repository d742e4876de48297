#!/usr/bin/env bash
# The real-server tests start private Exim 4.96 daemons on loopback; under CI a missing Exim fails them.
# Debian's MTA packages conflict (Postfix is installed for its own tests), so exim4-daemon-light is not installed
# but unpacked with dpkg-deb -x into $STARTTLS_EXIM_HOME (default /opt/starttls-ci/exim4): no maintainer script
# runs, so no system daemon starts on port 25. Installed by apt: only the package's shared libraries. Created: the
# Debian-exim user and group the daemon drops to.
set -euo pipefail
. "$(dirname "$0")/lib.sh.inc"
home=${STARTTLS_EXIM_HOME:-/opt/starttls-ci/exim4}

if ! getent group Debian-exim >/dev/null; then
  groupadd --system Debian-exim
fi
if ! getent passwd Debian-exim >/dev/null; then
  useradd --system --gid Debian-exim --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin Debian-exim
fi

# Done when the unpacked binary runs (with an empty configuration: the system one does not exist here).
if [ -x "$home/usr/sbin/exim4" ] && "$home/usr/sbin/exim4" -C /dev/null -bV >/dev/null 2>&1; then
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ ! -e "$apt_updated" ]; then
  apt-get -o DPkg::Lock::Timeout=300 update -q
  touch "$apt_updated"
fi
(cd "$work" && apt-get download -q exim4-daemon-light)
deb=$(find "$work" -maxdepth 1 -name 'exim4-daemon-light_*.deb' -print -quit)
if [ -z "$deb" ]; then
  echo "exim.sh: apt-get download exim4-daemon-light produced no package" >&2
  exit 1
fi

# Its shared libraries: the lib* packages among its dependencies (first of each alternative), versions dropped.
# exim4-base and debconf are left out on purpose: they would pull in exim4-config and a system MTA.
libs=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*)//' -e 's/[[:space:]]//g' | grep '^lib' || true)
if [ -n "$libs" ]; then
  # shellcheck disable=SC2086 # one package a word
  apt_install $libs
fi

dpkg-deb -x "$deb" "$work/tree"
"$work/tree/usr/sbin/exim4" -C /dev/null -bV 2>/dev/null | sed -n 1p
# Replaced whole, so a half-unpacked tree is never left at $home.
mkdir -p "$(dirname "$home")"
rm -rf "$home.old"
if [ -e "$home" ]; then mv "$home" "$home.old"; fi
mv "$work/tree" "$home"
rm -rf "$home.old"
