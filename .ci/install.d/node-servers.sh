#!/usr/bin/env bash
# The real-server tests start nodemailer's smtp-server and Haraka privately on loopback; under CI a missing one fails
# them. Both come from the npm registry at the exact versions of fixtures/src/main/node/servers/package-lock.json.
# Node.js 20 or newer with its npm must be part of the machine's image: this script installs no Node.js, because
# Debian 12's own nodejs (18) is too old for either server and Debian's npm package would pull that nodejs in.
# Idempotent: nothing is fetched when node_modules already holds what the lock file names.
set -euo pipefail
servers="$(cd "$(dirname "$0")/../.." && pwd)/fixtures/src/main/node/servers"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node-servers.sh: node or npm is missing; install Node.js 20 or newer with npm first (Debian 12's nodejs 18 is too old for smtp-server and Haraka)" >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "node-servers.sh: node $(node --version) is too old; smtp-server and Haraka need Node.js 20 or newer" >&2
  exit 1
fi
# npm ci records what it installed in node_modules/.package-lock.json: the same names and versions as the lock = done
if [ -f "$servers/node_modules/.package-lock.json" ] && node -e '
    const versions = (file) => Object.entries(require(file).packages).filter(([name]) => name !== "")
        .map(([name, p]) => `${name}@${p.version}`).sort().join("\n");
    process.exit(versions(process.argv[1]) === versions(process.argv[2]) ? 0 : 1);
  ' "$servers/package-lock.json" "$servers/node_modules/.package-lock.json"; then
  exit 0
fi
# --ignore-scripts: no package the servers use needs an install script (Haraka's optional modern-syslog is not used)
(cd "$servers" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
