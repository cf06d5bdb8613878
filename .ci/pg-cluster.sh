#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests, on loopback, in temporary folders owned by the postgres user (PostgreSQL
# refuses to run as root). Debian's binaries in /usr/lib/postgresql/15/bin (or $PG_BIN).
#
#   eval "$(.ci/pg-cluster.sh start)"   initdb + start; prints shell assignments:
#                                         PG_CLUSTER_DIR, PG_CLUSTER_PORT, PG_CLUSTER_URL (an Npgsql connection string
#                                         to the maintenance database "postgres" as superuser "postgres")
#   .ci/pg-cluster.sh stop DIR          stops the cluster in DIR (fast shutdown) and removes the folder
#   .ci/pg-cluster.sh kill DIR          stops it with -m immediate (a crash, for failover tests) and keeps the folder
#
# Settings: listen_addresses=127.0.0.1 on a free port, the socket inside the folder, fsync=on, synchronous_commit=on,
# trust authentication for 127.0.0.1 only (the cluster lives for one test run and holds no real data).
set -euo pipefail
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  [ -x "$pg_bin/initdb" ] || { echo "pg-cluster.sh: no PostgreSQL in $pg_bin (apt-get install postgresql)" >&2; exit 1; }
  local dir
  dir=$(mktemp -d /tmp/coffer-pg.XXXXXX)
  chmod 700 "$dir"
  chown postgres:postgres "$dir"
  as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 400
shared_buffers = 64MB
logging_collector = off
CONF
  # Only TCP from loopback; no other host may connect.
  cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
host all all 127.0.0.1/32 trust
HBA
  local attempt port
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$port" || continue
    if as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      echo "PG_CLUSTER_DIR=$dir"
      echo "PG_CLUSTER_PORT=$port"
      echo "PG_CLUSTER_URL='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
      return 0
    fi
  done
  cat "$dir/server.log" >&2 || true
  rm -rf "$dir"
  echo "pg-cluster.sh: could not start PostgreSQL" >&2
  exit 1
}

stop() {
  local dir=${1:?usage: pg-cluster.sh stop DIR} mode=${2:-fast}
  case "$dir" in /tmp/coffer-pg.*) ;; *) echo "pg-cluster.sh: $dir is not a cluster folder of this script" >&2; exit 1 ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 || true
  fi
  [ "$mode" = immediate ] || rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  kill) stop "${2:-}" immediate ;;
  *) echo "usage: pg-cluster.sh start | stop DIR | kill DIR" >&2; exit 2 ;;
esac
