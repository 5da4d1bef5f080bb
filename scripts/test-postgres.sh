#!/usr/bin/env bash
# Runs a command (default: npm test) with a throwaway PostgreSQL server: a fresh cluster in a
# temporary folder on a free loopback port, TEST_DATABASE_URL pointing at it, and the cluster
# stopped and deleted when the command ends (whatever its outcome). Needs PostgreSQL's server
# programs (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql).
#
#   scripts/test-postgres.sh                       # the whole suite, Postgres tests included
#   scripts/test-postgres.sh npx vitest run test/announce
#
# As root the cluster runs as the `postgres` user (Postgres refuses to run as root).
set -euo pipefail
if [ "$#" -eq 0 ]; then set -- npm test; fi
# A server given already (CI, or your own): use it.
if [ -n "${TEST_DATABASE_URL:-}" ]; then exec "$@"; fi

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && echo "$found"
}
INITDB=$(find_bin initdb || true)
PG_CTL=$(find_bin pg_ctl || true)
if [ -z "$INITDB" ] || [ -z "$PG_CTL" ]; then
  echo "test-postgres: initdb/pg_ctl not found; install PostgreSQL's server (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/sma-pg.XXXXXX")
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop() {
  as_owner "$PG_CTL" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

as_owner "$INITDB" --no-sync -D "$DIR/data" -U postgres --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
# A throwaway cluster: no fsync, sockets in its own folder, loopback only.
as_owner "$PG_CTL" -w -D "$DIR/data" -l "$DIR/server.log" \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "test-postgres: PostgreSQL on 127.0.0.1:$PORT (TEST_DATABASE_URL), removed afterwards" >&2
"$@"
