#!/usr/bin/env bash
# Ensures Debian's PostgreSQL is installed and running on 127.0.0.1:5432 with the tests' role (eval_test, password
# auth over TCP, allowed to create databases: each test run makes its own and drops it). Used by test.sh and .ci/run.
# Prints the connection string the tests read from EVAL_TEST_POSTGRES.
set -euo pipefail

setup() {
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  run_root() {
    if [ "$SUDO" = none ]; then echo "PostgreSQL setup needs root (or sudo): $*" >&2; exit 1; fi
    $SUDO "$@"
  }
  as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else run_root -u postgres "$@"; fi
  }

  if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    run_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive run_root apt-get install -y -qq postgresql >/dev/null
  fi
  # The first cluster Debian created (15/main on bookworm); start it if it is down.
  read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
  if [ "$status" != online ]; then
    run_root pg_ctlcluster "$version" "$cluster" start
  fi
  for _ in $(seq 1 30); do
    as_postgres psql -p "$port" -qtAc 'SELECT 1' >/dev/null 2>&1 && break
    sleep 1
  done
  as_postgres psql -p "$port" -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eval_test') THEN CREATE ROLE eval_test LOGIN CREATEDB PASSWORD 'eval_test'; END IF; END \$\$;" >/dev/null
}

# Only the connection string goes to stdout, which callers capture: what the tools print goes to stderr. No other
# descriptor is opened, because a started server would inherit it and keep the caller's $(...) waiting forever.
setup >&2
echo "Host=127.0.0.1;Port=$port;Username=eval_test;Password=eval_test;Database=postgres"
