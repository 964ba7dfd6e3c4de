#!/usr/bin/env bash
# Measures the README's set-up on a fresh clone: cold (empty cache: installs Rasa, trains the model),
# cached (a second fresh clone reusing the cache), and `make test`. Prints the figures.
# Usage: bench/setup_times.sh [--skip-cold]   (TEST_DATABASE_URL is passed through to make test)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/coach-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

seconds() {
  local start; start=$(date +%s)
  "$@" >"$work/last.log" 2>&1 || { tail -20 "$work/last.log" >&2; exit 1; }
  echo $(( $(date +%s) - start ))
}

results=()
if [ "${1:-}" != "--skip-cold" ]; then
  git clone -q "$repo" "$work/cold"
  cold=$(cd "$work/cold" && CACHE_DIR="$work/cache" seconds make setup)
  results+=("cold set-up (empty cache: app venv, Rasa venv, training, database, demo): ${cold}s")
fi
git clone -q "$repo" "$work/cached"
cached=$(cd "$work/cached" && seconds make setup)
results+=("cached set-up (fresh clone, warm cache): ${cached}s")
tests=$(cd "$work/cached" && seconds make test)
results+=("make test (set-up, lint, rasa data validate, all tests${TEST_DATABASE_URL:+, with PostgreSQL}): ${tests}s")
grep -E "passed|failed" "$work/last.log" | tail -1 | sed 's/^/  pytest: /'
printf '%s\n' "${results[@]}"
