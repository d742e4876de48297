#!/usr/bin/env bash
# The real-server tests start private aiosmtpd servers on loopback with Debian's /usr/bin/python3 (a pyenv python on
# PATH does not see Debian's packages); under CI a missing aiosmtpd fails them. The package starts no daemon.
set -euo pipefail
. "$(dirname "$0")/lib.sh.inc"
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  apt_install --no-install-recommends python3-aiosmtpd
fi
