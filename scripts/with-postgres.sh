#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: installs Debian's `postgresql` package if it is missing,
# starts a server in a temporary folder on a free port (trust authentication, loopback only), sets
# TEST_POSTGRES_URL (and POSTGRES_URL) for the command, and stops and deletes the server afterwards, whatever the
# command's outcome. Usage: scripts/with-postgres.sh <command...>
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "Installing PostgreSQL for the tests (Debian package 'postgresql')..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# The server runs as an unprivileged user: `postgres` when we are root (initdb refuses root), else ourselves.
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi

DIR="$(mktemp -d /tmp/lrt-postgres.XXXXXX)"
chmod 755 "$DIR"
if [ "$(id -u)" = "0" ]; then chown postgres "$DIR"; fi
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
# Durability is not what these tests measure: no fsync keeps a throwaway server quick.
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
# How a test restarts this server (ending every connection), to prove the API rides out a database restart.
export TEST_POSTGRES_RESTART="${RUN_AS[*]} $PG_BIN/pg_ctl -D $DIR/data -l $DIR/server.log -w -t 60 -m fast restart"
export POSTGRES_URL="$TEST_POSTGRES_URL"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at 127.0.0.1:$PORT for: $*"
"$@"
