#!/usr/bin/env bash
# Installs what `npm test` needs that npm cannot: PostgreSQL, PgBouncer and
# Redis (Debian packages) and Chromium for the browser tests. Idempotent: it only
# acts on what is missing, and says what it installs and why.
set -euo pipefail

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pgbouncer >/dev/null 2>&1 || need+=(pgbouncer)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "sidecar: installing ${need[*]} (PostgreSQL, PgBouncer and Redis for the generated-project tests, Chromium for the browser tests)"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "sidecar: cannot install ${need[*]}: run as root or install them with apt-get" >&2
    exit 1
  fi
else SUDO=""; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "sidecar: installed ${need[*]}"
