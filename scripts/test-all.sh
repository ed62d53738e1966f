#!/usr/bin/env bash
# `npm test`: every test suite, in order of speed. Installs what npm cannot
# (see system-deps.sh); each suite starts and stops its own servers.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh

# Every suite removes the temporary folders it makes. The suites run with a
# temp directory of their own (so folders of other processes on the machine
# do not count), and a sidecar-* folder left in it fails the run.
export TMPDIR="$(mktemp -d)"
# Readable by the postgres user the generated-project e2e runs PostgreSQL as.
chmod 755 "$TMPDIR"
check_temp_folders() {
  local left
  left="$(find "$TMPDIR" -maxdepth 1 -name 'sidecar-*' | sort)"
  if [ -n "$left" ]; then
    echo "tests left temporary folders behind in $TMPDIR:" >&2
    echo "$left" >&2
    return 1
  fi
  rm -rf "$TMPDIR"
}
trap 'status=$?; if [ "$status" -eq 0 ]; then check_temp_folders || status=1; fi; exit "$status"' EXIT

npm run typecheck
npm run lint
npm run test:unit
# Builds the wizard, starts it on a free port and drives Debian's Chromium through every step (e2e/browser).
npm run test:browser
# Generates the pairwise config set and runs each project against a real PostgreSQL, PgBouncer and SMTP server.
npm run test:generated
