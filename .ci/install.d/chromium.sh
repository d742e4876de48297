#!/usr/bin/env bash
# The HTML summary is checked in headless Chromium; under CI=true a missing browser fails that test.
set -euo pipefail
. "$(dirname "$0")/lib.sh.inc"
command -v chromium >/dev/null 2>&1 || apt_install chromium
