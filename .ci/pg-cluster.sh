#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests, on loopback, in temporary folders owned by the postgres user (PostgreSQL
# refuses to run as root). Debian's binaries in /usr/lib/postgresql/15/bin (or $PG_BIN).
#
#   eval "$(.ci/pg-cluster.sh start)"   initdb + start; prints shell assignments:
#                                         PG_CLUSTER_DIR, PG_CLUSTER_PORT, PG_CLUSTER_URL (an Npgsql connection string
#                                         to the maintenance database "postgres" as superuser "postgres")
#   eval "$(.ci/pg-cluster.sh start-pair)"
#                                       a primary and a synchronous streaming standby (pg_basebackup -R, application_name
#                                         "standby", synchronous_standby_names = 'FIRST 1 (standby)' in the primary's
#                                         postgresql.conf, which the standby inherits); waits until the standby is "sync";
#                                         prints PG_PRIMARY_DIR, PG_PRIMARY_PORT, PG_STANDBY_DIR, PG_STANDBY_PORT
#   .ci/pg-cluster.sh promote DIR       promotes the standby in DIR and clears its synchronous_standby_names (no standby
#                                         is left to wait for), then reloads it
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

new_dir() {
  local dir
  dir=$(mktemp -d /tmp/coffer-pg.XXXXXX)
  chmod 700 "$dir"
  chown postgres:postgres "$dir"
  echo "$dir"
}

# initdb into DIR/data with the test settings; extra postgresql.conf lines on stdin.
init_cluster() {
  local dir=$1
  as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  { cat <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 400
shared_buffers = 64MB
logging_collector = off
CONF
    cat; } | as_postgres tee -a "$dir/data/postgresql.conf" >/dev/null
  # Only TCP from loopback (and the socket inside the folder); no other host may connect.
  as_postgres tee "$dir/data/pg_hba.conf" >/dev/null <<HBA
local all all trust
local replication all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
HBA
}

# Starts the cluster in DIR/data on a free loopback port; prints the port.
start_on_free_port() {
  local dir=$1 attempt port
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$port" || continue
    if as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      echo "$port"
      return 0
    fi
  done
  cat "$dir/server.log" >&2 || true
  rm -rf "$dir"
  echo "pg-cluster.sh: could not start PostgreSQL" >&2
  exit 1
}

require_pg() {
  [ -x "$pg_bin/initdb" ] || { echo "pg-cluster.sh: no PostgreSQL in $pg_bin (apt-get install postgresql)" >&2; exit 1; }
}

# psql as postgres on the socket of the cluster in DIR (its port read from postmaster.pid).
psql_in() {
  local dir=$1; shift
  as_postgres "$pg_bin/psql" -X -q -A -t -h "$dir" -p "$(sed -n 4p "$dir/data/postmaster.pid")" -U postgres -d postgres "$@"
}

start() {
  require_pg
  local dir port
  dir=$(new_dir)
  init_cluster "$dir" </dev/null
  port=$(start_on_free_port "$dir")
  echo "PG_CLUSTER_DIR=$dir"
  echo "PG_CLUSTER_PORT=$port"
  echo "PG_CLUSTER_URL='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
}

start_pair() {
  require_pg
  local primary standby pport sport attempt state=""
  primary=$(new_dir)
  init_cluster "$primary" <<CONF
synchronous_standby_names = 'FIRST 1 (standby)'
wal_level = replica
max_wal_senders = 4
CONF
  pport=$(start_on_free_port "$primary")
  standby=$(new_dir)
  as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$standby/data" -R -X stream -c fast \
    >"$standby/basebackup.log" 2>&1 || { cat "$standby/basebackup.log" >&2; stop "$primary"; rm -rf "$standby"; exit 1; }
  # The copy has the primary's settings; the standby gets its own socket folder and a name the primary waits for.
  as_postgres tee -a "$standby/data/postgresql.conf" >/dev/null <<CONF
unix_socket_directories = '$standby'
CONF
  as_postgres tee -a "$standby/data/postgresql.auto.conf" >/dev/null <<CONF
primary_conninfo = 'host=127.0.0.1 port=$pport user=postgres application_name=standby'
CONF
  sport=$(start_on_free_port "$standby")
  for attempt in $(seq 1 120); do
    state=$(psql_in "$primary" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'" 2>/dev/null || true)
    [ "$state" = sync ] && break
    sleep 0.5
  done
  if [ "$state" != sync ]; then
    echo "pg-cluster.sh: the standby did not become synchronous (state '$state')" >&2
    cat "$standby/server.log" >&2 || true
    stop "$standby"; stop "$primary"
    exit 1
  fi
  echo "PG_PRIMARY_DIR=$primary"
  echo "PG_PRIMARY_PORT=$pport"
  echo "PG_STANDBY_DIR=$standby"
  echo "PG_STANDBY_PORT=$sport"
}

promote() {
  local dir=${1:?usage: pg-cluster.sh promote DIR}
  check_dir "$dir"
  as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
  # It inherited synchronous_standby_names from the old primary: with no standby left, every commit would wait.
  psql_in "$dir" -c "ALTER SYSTEM SET synchronous_standby_names = ''" >/dev/null
  psql_in "$dir" -c "SELECT pg_reload_conf()" >/dev/null
}

check_dir() {
  case "$1" in /tmp/coffer-pg.*) ;; *) echo "pg-cluster.sh: $1 is not a cluster folder of this script" >&2; exit 1 ;; esac
}

stop() {
  local dir=${1:?usage: pg-cluster.sh stop DIR} mode=${2:-fast}
  check_dir "$dir"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 || true
  fi
  [ "$mode" = immediate ] || rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  start-pair) start_pair ;;
  promote) promote "${2:-}" ;;
  stop) stop "${2:-}" ;;
  kill) stop "${2:-}" immediate ;;
  *) echo "usage: pg-cluster.sh start | start-pair | promote DIR | stop DIR | kill DIR" >&2; exit 2 ;;
esac
