#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests: initdb into a temporary folder, start it on a free
# port on 127.0.0.1, create the test database, and write its URL to STATE_DIR/pg.env; `stop` removes it all.
#   scripts/pg-throwaway.sh start STATE_DIR
#   scripts/pg-throwaway.sh stop STATE_DIR
# PostgreSQL refuses to run as root; as root (CI) the cluster runs as the 'postgres' system user that
# Debian's postgresql package creates.
set -euo pipefail

action=${1:?usage: pg-throwaway.sh start|stop STATE_DIR}
state_dir=${2:?usage: pg-throwaway.sh start|stop STATE_DIR}
mkdir -p "$state_dir"
state_dir=$(cd "$state_dir" && pwd)

pg_bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ]; then pg_bin=$candidate; break; fi
done
if [ -z "$pg_bin" ] && command -v initdb >/dev/null; then pg_bin=$(dirname "$(command -v initdb)"); fi
if [ -z "$pg_bin" ]; then
    echo "pg-throwaway: PostgreSQL server binaries not found (install Debian's 'postgresql' package: scripts/setup.sh)" >&2
    exit 1
fi

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
    if [ -f "$state_dir/cluster" ]; then
        local data_root
        data_root=$(cat "$state_dir/cluster")
        if [ -d "$data_root/data" ]; then
            as_pg "$pg_bin/pg_ctl" -D "$data_root/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$data_root"
        rm -f "$state_dir/cluster" "$state_dir/pg.env"
    fi
}

case "$action" in
start)
    stop_cluster # a cluster left over by an interrupted run
    data_root=$(mktemp -d /tmp/xd-pg.XXXXXX)
    echo "$data_root" > "$state_dir/cluster"
    chmod 755 "$data_root"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$data_root"; fi
    as_pg "$pg_bin/initdb" -D "$data_root/data" -U postgres --auth=trust -E UTF8 --no-locale >"$data_root/initdb.log" 2>&1 \
        || { cat "$data_root/initdb.log" >&2; exit 1; }
    port=""
    for _ in $(seq 1 50); do
        candidate=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    [ -n "$port" ] || { echo "pg-throwaway: no free port found" >&2; exit 1; }
    # fsync off: a test cluster need not survive a power cut, and it makes the suite faster.
    as_pg "$pg_bin/pg_ctl" -D "$data_root/data" -l "$data_root/server.log" -w -t 60 \
        -o "-p $port -k $data_root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$data_root/server.log" >&2; exit 1; }
    as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE xiaodian_test" >/dev/null
    echo "XD_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/xiaodian_test" > "$state_dir/pg.env"
    echo "pg-throwaway: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data_root)"
    ;;
stop)
    stop_cluster
    echo "pg-throwaway: stopped"
    ;;
*)
    echo "usage: pg-throwaway.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
