#!/usr/bin/env bash
# Runs every test of the solution, after installing what the tests need (Debian's chromium for the browser
# tests, Debian's PostgreSQL for the scale-out tests, the local dotnet tools). Prints the totals as `Tests: N passed, N failed[, N skipped]` and exits
# non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Debian's chromium is needed for the browser tests: apt-get install -y chromium (as root)" >&2; exit 1; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null || exit 1
fi
# PostgreSQL (Debian's package) on 127.0.0.1 for the scale-out tests: installed and started if needed; the tests
# read the connection string from EVAL_TEST_POSTGRES and fail, never skip, without it.
if [ -z "${EVAL_TEST_POSTGRES:-}" ]; then
  EVAL_TEST_POSTGRES=$(bash .ci/postgres.sh) || { echo "PostgreSQL could not be set up (see above)" >&2; exit 1; }
  export EVAL_TEST_POSTGRES
fi
export ORT_DISABLE_TELEMETRY=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null || exit 1

results=artifacts/test-results
rm -rf "$results"
dotnet build Eval.sln -c Release -nologo -v q || { echo "Tests: 0 passed, 1 failed"; exit 1; }
# One test project at a time: each starts real hosts and ONNX sessions that use every core.
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  grep -q 'Microsoft.NET.Test.Sdk' "$project" || continue
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
line="Tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
