#!/usr/bin/env bash
# The real-server tests start private Postfix instances on loopback; under CI a missing Postfix fails them.
# Installed from Debian without letting the package start a system daemon on port 25.
set -euo pipefail
. "$(dirname "$0")/lib.sh.inc"
if ! command -v postfix >/dev/null 2>&1 && [ ! -x /usr/sbin/postfix ]; then
  apt_install postfix
fi
