#!/usr/bin/env bash
# `npm run check`: the quick inner loop (type check, lint, unit tests). Three
# jobs share the two cores: the type check and lint (both with their caches),
# and the unit tests in two halves, each half's files loaded into one process
# (tests/support/in-one-process.ts) so they share one start-up. Property tests
# run a tenth of their cases (PROPERTY_SCALE). `npm test` runs everything in
# full, each test file in a process of its own, plus the browser and
# generated-project suites.
set -uo pipefail
cd "$(dirname "$0")/.."

npm run --silent templates || exit 1
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

(
  npx tsc --noEmit &&
    npx eslint . --cache --cache-location .cache/eslint --max-warnings 0 &&
    npx prettier --check --cache --cache-location .cache/prettier --log-level warn .
) >"$logs/static" 2>&1 &
pids=("$!")
mapfile -t files < <(find tests -name '*.test.ts' | sort)
for half in 0 1; do
  half_files=()
  for i in "${!files[@]}"; do ((i % 2 == half)) && half_files+=("${files[$i]}"); done
  PROPERTY_SCALE=0.1 node --import tsx --test-reporter=spec tests/support/in-one-process.ts "${half_files[@]}" >"$logs/tests-$half" 2>&1 &
  pids+=("$!")
done

failed=0
for job in static tests-0 tests-1; do
  if wait "${pids[0]}"; then
    echo "$job: passed"
    [ "$job" = static ] || grep -E '^ℹ (tests|pass|fail) ' "$logs/$job"
  else
    failed=1
    echo "$job: FAILED" >&2
    cat "$logs/$job" >&2
  fi
  pids=("${pids[@]:1}")
done
exit "$failed"
