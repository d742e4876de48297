#!/usr/bin/env bash
# The real-client smoke tests (fixtures, realclients) run real SMTP clients against the reference server on loopback;
# under CI=true a missing client fails them. Debian's packages for the command-line clients, npm ci for nodemailer
# (its version pinned by the committed lock file). Jakarta Mail comes from Maven Central with the build; Postfix,
# the sending MTA, from postfix.sh. Idempotent; nothing here starts a daemon (msmtp-mta, which would replace the
# MTA's sendmail, is not installed).
set -euo pipefail
. "$(dirname "$0")/lib.sh.inc"
cd "$(dirname "$0")/../.."

missing=()
command -v swaks >/dev/null 2>&1 || missing+=(swaks)
command -v msmtp >/dev/null 2>&1 || missing+=(msmtp)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ -x /usr/bin/python3 ] || missing+=(python3)
# swaks speaks TLS through Net::SSLeay (only recommended by the package)
perl -MNet::SSLeay -e1 >/dev/null 2>&1 || missing+=(libnet-ssleay-perl)
# the Postfix client: SASL PLAIN and LOGIN for smtp_sasl_auth_enable, pgrep to see its instance's processes end
dpkg -s libsasl2-modules >/dev/null 2>&1 || missing+=(libsasl2-modules)
command -v pgrep >/dev/null 2>&1 || missing+=(procps)
# nodemailer 10 needs Node.js 20 or later: the machine's nodejs, which brings npm
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install --no-install-recommends "${missing[@]}"
fi

clients=fixtures/src/main/node/clients
lock_copy="$clients/node_modules/.package-lock.json"
if [ ! -e "$lock_copy" ] || [ "$clients/package-lock.json" -nt "$lock_copy" ]; then
  (cd "$clients" && npm ci --no-audit --no-fund --ignore-scripts)
fi
