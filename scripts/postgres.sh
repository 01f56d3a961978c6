#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store's tests and prints the
# DSN to use, e.g.
#
#   eval "$(scripts/postgres.sh start)"   # exports PRIVDIFF_TEST_POSTGRES and PRIVDIFF_PG_DIR
#   go test ./store
#   scripts/postgres.sh stop "$PRIVDIFF_PG_DIR"
#
# Installs Debian's postgresql when missing. The server runs from a temporary
# data directory on a free local port (initdb + pg_ctl, as the postgres user
# when run as root, since PostgreSQL refuses to run as root), with password
# authentication, a role privdiff and a database privdiff. Nothing of the
# system's own clusters is touched.
set -euo pipefail

bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
    pg_config --bindir; return
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  return 1
}

install() {
  bindir >/dev/null && return 0
  echo "postgres.sh: installing postgresql from Debian" >&2
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# as_owner runs a command as the data directory's owner: postgres when we
# are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  install
  local bin dir port
  bin=$(bindir)
  dir=$(mktemp -d /tmp/privdiff-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  echo postgres > "$dir/pw"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # A random port; another one if it is taken.
  local try
  for try in 1 2 3 4 5 6; do
    port=$((20000 + RANDOM % 30000))
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null 2>&1 && break
    [ "$try" = 6 ] && { cat "$dir/server.log" >&2; exit 1; }
  done
  PGPASSWORD=postgres "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE privdiff LOGIN PASSWORD 'privdiff'" -c "CREATE DATABASE privdiff OWNER privdiff" >&2
  echo "export PRIVDIFF_TEST_POSTGRES='postgres://privdiff:privdiff@127.0.0.1:$port/privdiff?sslmode=disable'"
  echo "export PRIVDIFF_PG_DIR='$dir'"
}

stop() {
  local dir=${1:?usage: postgres.sh stop DIR}
  [ -d "$dir/data" ] || return 0
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: postgres.sh start | stop DIR" >&2; exit 2 ;;
esac
