#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on loopback (initdb in a temporary folder,
# run as the postgres user, stopped and removed at the end), CIC_TEST_DATABASE_URL pointing at it.
# CIC_TEST_PG_CTL names a script that stops (`stop`: fast shutdown) and starts (`start`) that
# cluster again, for fault tests. Without PostgreSQL binaries (Debian: apt-get install postgresql)
# it runs the command without one.
# CIC_TEST_PG_STANDBY=1 also starts a streaming standby of it (pg_basebackup -R, on the next free
# port, hot standby), waits until it accepts connections and has replayed all the primary wrote,
# and sets CIC_TEST_DATABASE_READ_URL to it: the read replica of replica tests.
# The binaries are found as the tests find them (scripts/test-tools.mjs: PG_BIN, Debian's folders, PATH).
set -euo pipefail
BIN="$(node "$(dirname "$0")/test-tools.mjs" postgres)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "[with-postgres] no PostgreSQL server binaries found: PostgreSQL tests will be skipped."
  exec "$@"
fi
# PG_PORT, else the first free port from 54329 (another run's cluster may hold one).
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${PG_PORT:-54329}"
if [ -z "${PG_PORT:-}" ]; then while listening "$PORT"; do PORT=$((PORT + 1)); done; fi
DIR="$(mktemp -d)"
chmod 755 "$DIR"
AS_POSTGRES=""
if [ "$(id -u)" = 0 ]; then AS_POSTGRES="runuser -u postgres -- "; chown postgres "$DIR"; fi
CTL="$DIR/pg-ctl"
# The same options for the first start and for every restart.
{
  echo '#!/usr/bin/env bash'
  echo 'case "${1:-}" in'
  printf '  start) exec %s%q -D %q -o %q -l %q -w start ;;\n' "$AS_POSTGRES" "$BIN/pg_ctl" "$DIR/data" \
    "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" "$DIR/log"
  printf '  stop) exec %s%q -D %q -m fast -w stop ;;\n' "$AS_POSTGRES" "$BIN/pg_ctl" "$DIR/data"
  echo '  *) echo "usage: $0 start|stop" >&2; exit 2 ;;'
  echo 'esac'
} > "$CTL"
chmod 755 "$CTL"
STANDBY_CTL="$DIR/pg-ctl-standby"
cleanup() {
  if [ -x "$STANDBY_CTL" ]; then "$STANDBY_CTL" stop >/dev/null 2>&1 || true; fi
  "$CTL" stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
$AS_POSTGRES "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
"$CTL" start >/dev/null
echo "[with-postgres] PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
export CIC_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export CIC_TEST_PG_CTL="$CTL"
if [ "${CIC_TEST_PG_STANDBY:-}" = 1 ]; then
  SPORT=$((PORT + 1))
  while listening "$SPORT"; do SPORT=$((SPORT + 1)); done
  # initdb's pg_hba.conf lets replication connections in from loopback (trust, as above).
  $AS_POSTGRES "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$DIR/standby" -R -X stream >/dev/null
  {
    echo '#!/usr/bin/env bash'
    echo 'case "${1:-}" in'
    printf '  start) exec %s%q -D %q -o %q -l %q -w start ;;\n' "$AS_POSTGRES" "$BIN/pg_ctl" "$DIR/standby" \
      "-p $SPORT -k $DIR -c listen_addresses=127.0.0.1 -c hot_standby=on" "$DIR/standby.log"
    printf '  stop) exec %s%q -D %q -m fast -w stop ;;\n' "$AS_POSTGRES" "$BIN/pg_ctl" "$DIR/standby"
    echo '  *) echo "usage: $0 start|stop" >&2; exit 2 ;;'
    echo 'esac'
  } > "$STANDBY_CTL"
  chmod 755 "$STANDBY_CTL"
  "$STANDBY_CTL" start >/dev/null
  # Caught up: the standby has replayed the primary's WAL up to where it is now (at most 30 s).
  TARGET="$("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc 'SELECT pg_current_wal_lsn()')"
  for _ in $(seq 300); do
    CAUGHT_UP="$("$BIN/psql" -h 127.0.0.1 -p "$SPORT" -U postgres -d postgres -Atc "SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= '$TARGET'::pg_lsn" 2>/dev/null || true)"
    [ "$CAUGHT_UP" = t ] && break
    sleep 0.1
  done
  if [ "$CAUGHT_UP" != t ]; then echo "[with-postgres] the standby on 127.0.0.1:$SPORT did not catch up" >&2; exit 1; fi
  echo "[with-postgres] streaming standby on 127.0.0.1:$SPORT"
  export CIC_TEST_DATABASE_READ_URL="postgres://postgres@127.0.0.1:$SPORT/postgres"
  export CIC_TEST_PG_STANDBY_CTL="$STANDBY_CTL"
fi
"$@"
