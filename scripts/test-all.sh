#!/usr/bin/env bash
# `npm test`: every test suite, in order of speed. Installs what npm cannot
# (see system-deps.sh); each suite starts and stops its own servers.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh
npm run typecheck
npm run test:unit
