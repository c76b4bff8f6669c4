#!/usr/bin/env bash
# Runs the test suite (browser tests excluded) on SQLite, then on PostgreSQL.
# DATABASE_URL picks the PostgreSQL server; default postgres://postgres@127.0.0.1:5432/test.
set -uo pipefail
cd "$(dirname "$0")/.."
which_dbs="${1:-all}"
pg_url="${TEST_DATABASE_URL:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}}"
status=0

run() {
  local label="$1"; shift
  echo "== tests on $label =="
  env "$@" .venv/bin/pytest -m "not e2e" --ignore=tests/e2e || status=1
}

if [ "$which_dbs" = all ] || [ "$which_dbs" = sqlite ]; then
  run SQLite DATABASE_URL=
fi
if [ "$which_dbs" = all ] || [ "$which_dbs" = postgres ]; then
  if .venv/bin/python - "$pg_url" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL is not reachable at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
  then
    run PostgreSQL DATABASE_URL="$pg_url"
  else
    echo "Skipping PostgreSQL: start it (see docs/operations.md) or set DATABASE_URL." >&2
    [ "$which_dbs" = postgres ] && status=1
    [ -n "${CI:-}" ] && status=1
  fi
fi
exit $status
