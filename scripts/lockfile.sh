#!/usr/bin/env bash
# Rewrites package-lock.json from package.json alone. npm resolving over an
# existing node_modules records only this platform's optional packages
# (@next/swc-*, @tailwindcss/oxide-*), and `npm ci` on another platform then
# fails; resolving in an empty folder records every platform's.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp package.json "$scratch/"
(cd "$scratch" && npm install --package-lock-only --no-audit --no-fund)
cp "$scratch/package-lock.json" package-lock.json
grep -q '"node_modules/@next/swc-darwin-arm64"' package-lock.json
