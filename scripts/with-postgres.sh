#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on loopback (initdb in a temporary folder,
# run as the postgres user, stopped and removed at the end), CIC_TEST_DATABASE_URL pointing at it.
# Without PostgreSQL binaries (Debian: apt-get install postgresql) it runs the command without one.
# The binaries are found as the tests find them (scripts/test-tools.mjs: PG_BIN, Debian's folders, PATH).
set -euo pipefail
BIN="$(node "$(dirname "$0")/test-tools.mjs" postgres)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "[with-postgres] no PostgreSQL server binaries found: PostgreSQL tests will be skipped."
  exec "$@"
fi
PORT="${PG_PORT:-54329}"
DIR="$(mktemp -d)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
cleanup() { as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
as_postgres "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
as_postgres "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" -l "$DIR/log" -w start >/dev/null
echo "[with-postgres] PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
export CIC_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
