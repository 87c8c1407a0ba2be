# Sourced by scripts/engines and scripts/benchmark (--engine): installs and starts what an engine
# other than DuckDB needs, and stops it again on exit. Needs $WORK (a scratch folder it may fill).
#   engine_up postgres|spark   install the pinned adapter (pyproject.toml extra), then
#       postgres: PostgreSQL from the Debian packages when missing; a throw-away cluster in
#                 $WORK/pg on 127.0.0.1 and a free port, exported as SIS_EXTRACTS_PG_*;
#       spark:    OpenJDK 17 from the Debian packages when missing; the Spark warehouse (tables and
#                 catalog) in $WORK/spark (SIS_EXTRACTS_SPARK_WAREHOUSE). Spark runs in-process.
#   engines_down               stop the cluster (called on exit)
PG_DATA=""
apt_install() {
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) \
    || { echo "could not install $* from the Debian packages" >&2; exit 1; }
}
# PostgreSQL refuses to run as root: as root, the cluster is the postgres user's
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

engine_up() {
  local engine="$1"
  echo "=== [$engine] installing the pinned adapter (pyproject.toml extra '$engine')" >&2
  python -m pip install --quiet -e ".[$engine]" >&2
  if [ "$engine" = postgres ]; then
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      echo "=== [postgres] installing PostgreSQL (Debian packages)" >&2
      apt_install postgresql
    fi
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    PG_DATA="$WORK/pg/data"
    mkdir -p "$WORK/pg"
    if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg"; fi
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres >/dev/null
    local port
    port="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -l "$WORK/pg/server.log" \
      -o "-k $WORK/pg -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    export SIS_EXTRACTS_PG_HOST=127.0.0.1 SIS_EXTRACTS_PG_PORT="$port" SIS_EXTRACTS_PG_USER=postgres \
      SIS_EXTRACTS_PG_PASSWORD="" SIS_EXTRACTS_PG_DBNAME=postgres
    echo "=== [postgres] throw-away cluster on 127.0.0.1:$port" >&2
  else
    if ! java -version 2>&1 | grep -q 'version "17'; then
      echo "=== [spark] installing OpenJDK 17 (Debian packages)" >&2
      apt_install openjdk-17-jre-headless
    fi
    export SIS_EXTRACTS_SPARK_WAREHOUSE="$WORK/spark"
    # a local session on the loopback address (Spark warns when the host name resolves to it)
    export SPARK_LOCAL_IP=127.0.0.1
  fi
}

engines_down() {
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  PG_DATA=""
}
