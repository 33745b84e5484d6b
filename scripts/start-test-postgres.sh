#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the integration suite and prints the
# connection string. Uses Debian's postgresql package (installed by .ci/run). The cluster
# lives in a temporary folder and listens on 127.0.0.1 only.
#
#   export BFM_TEST_DATABASE_URL=$(scripts/start-test-postgres.sh)
set -euo pipefail

port="${BFM_TEST_PG_PORT:-54329}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bindir" ]; then
  echo "start-test-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
dir="${BFM_TEST_PG_DIR:-$(mktemp -d /tmp/bfm-pg.XXXXXX)}"
mkdir -p "$dir"
run() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$dir"
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}
if [ ! -f "$dir/data/PG_VERSION" ]; then
  run "'$bindir/initdb' -D '$dir/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >&2
fi
run "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c max_connections=200\" start" >&2
echo "postgres://postgres@127.0.0.1:$port/postgres"
