#!/usr/bin/env bash
# `npm test`: every test suite, in order of speed. Installs what npm cannot
# (see system-deps.sh); each suite starts and stops its own servers.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
npm run typecheck
npm run lint
npm run test:unit
# Builds the wizard, starts it on a free port and drives Debian's Chromium through every step (e2e/browser).
npm run test:browser
# Generates the pairwise config set and runs each project against a real PostgreSQL, PgBouncer and SMTP server.
npm run test:generated
