#!/usr/bin/env bash
# The catalog's HTTP speed with wrk, beside the bare-server ceiling measured in the same run (docs/performance.md).
#
#   bench/wrk-catalog.sh [BUILD_DIR] [PRODUCTS]        e.g. bench/wrk-catalog.sh build/bench 100000
#
# BUILD_DIR is a Release tree configured with -DXD_BUILD_BENCH=ON and built with
#   cmake --build BUILD_DIR --target syncserver bench_seed bench_http_ceiling
# Seeds (once; kept in $XD_WRK_DATA, default /tmp/xd-wrk-<PRODUCTS>) a SQLite shop of PRODUCTS products with search
# grams, starts a syncserver on 127.0.0.1, runs wrk on the product list, a product, three searches (1, 2 and
# 3 Chinese characters) and the ceiling (bench_http_ceiling: our HttpServer adapter answering a constant body as
# large as the list page) right before each of them, and prints one table. Needs wrk and curl
# (scripts/setup.sh installs both). Environment: XD_WRK_DURATION (10s), XD_WRK_CONNECTIONS (32), XD_WRK_THREADS (2).
set -euo pipefail

build=${1:-build/bench}
products=${2:-100000}
data=${XD_WRK_DATA:-/tmp/xd-wrk-$products}
duration=${XD_WRK_DURATION:-10s}
connections=${XD_WRK_CONNECTIONS:-32}
threads=${XD_WRK_THREADS:-2}

server_bin=$build/syncserver/syncserver
seed_bin=$build/bench/bench_seed
ceiling_bin=$build/bench/bench_http_ceiling
for tool in "$server_bin" "$seed_bin" "$ceiling_bin"; do
    [ -x "$tool" ] || { echo "wrk-catalog: $tool is missing (see the build command above)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk-catalog: wrk is missing (scripts/setup.sh installs it)" >&2; exit 1; }
command -v curl >/dev/null || { echo "wrk-catalog: curl is missing" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Starts a server in the background; its stdout and stderr go to $work/$1.log, its pid to $work/$1.pid.
start() {
    local name=$1
    shift
    "$@" >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    pids+=("$!")
}

# Waits for "listening on ...:PORT" in a log and prints PORT.
port_of() {
    local log=$1
    for _ in $(seq 1 300); do
        local port
        port=$(sed -n 's/.*listening on .*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
        if [ -n "$port" ]; then echo "$port"; return 0; fi
        sleep 0.1
    done
    echo "wrk-catalog: no 'listening on' in $log:" >&2
    cat "$log" >&2
    return 1
}

# Percent-encodes UTF-8 text for a query string, byte by byte.
urlencode() {
    local LC_ALL=C text=$1 out="" i c
    for ((i = 0; i < ${#text}; i++)); do
        c=${text:i:1}
        case $c in
        [a-zA-Z0-9.~_-]) out+=$c ;;
        *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

# Seeding: the demo shop first (syncserver --demo, then stopped), then the products with their grams.
if [ ! -f "$data/seeded" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    start demo "$server_bin" --port 0 --data-dir "$data" --demo
    port_of "$work/demo.log" >/dev/null
    kill "$(cat "$work/demo.pid")"
    wait "$(cat "$work/demo.pid")" 2>/dev/null || true
    echo "seeding $products products with search grams into $data (slow: about 1,000 products/s) ..."
    "$seed_bin" --data-dir "$data" --rows "$products" --entity product --search-index
    touch "$data/seeded"
fi

start server "$server_bin" --port 0 --data-dir "$data" --demo
port=$(port_of "$work/server.log")
server_pid=$(cat "$work/server.pid")
for _ in $(seq 1 100); do
    grep -q 'demo shop:' "$work/server.log" && break
    sleep 0.1
done
shop=$(sed -n 's/^demo shop: .* (id \([0-9a-f-]*\))$/\1/p' "$work/server.log" | head -n 1)
[ -n "$shop" ] || { echo "wrk-catalog: no demo shop id in the server's output" >&2; exit 1; }
base="http://127.0.0.1:$port/api/v1/shops/$shop"

list_body=$(curl -fsS "$base/products?limit=20")
list_bytes=$(printf '%s' "$list_body" | wc -c)
product=$(printf '%s' "$list_body" | grep -o '"id":"[0-9a-f-]\{36\}"' | head -n 1 | cut -d'"' -f4)
[ -n "$product" ] || { echo "wrk-catalog: the list page has no product" >&2; exit 1; }

start ceiling "$ceiling_bin" --port 0 --bytes "$list_bytes"
ceiling_port=$(port_of "$work/ceiling.log")

rows=()
ceilings=()
# Runs wrk on a URL; prints "requests/s|p50|p99|bytes".
wrk_row() {
    local label=$1 url=$2 out rps p50 p99 bytes non2xx
    bytes=$(curl -fsS "$url" | wc -c)
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url")
    non2xx=$(printf '%s\n' "$out" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
    if [ -n "$non2xx" ]; then
        echo "wrk-catalog: $label answered $non2xx errors" >&2
        exit 1
    fi
    rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
    p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
    p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
    echo "$rps|$p50|$p99|$bytes"
}

# The ceiling right before each route: the machine's load drifts, the share of one adjacent pair is what counts.
measure() {
    local label=$1 url=$2 ceiling route
    ceiling=$(wrk_row ceiling "http://127.0.0.1:$ceiling_port/ceiling")
    route=$(wrk_row "$label" "$url")
    ceilings+=("$ceiling")
    rows+=("$label|$route|${ceiling%%|*}")
}

echo "wrk -t$threads -c$connections -d$duration --latency; $products products; list page $list_bytes bytes"
echo "searches: 1 character = 茶, 2 = 红茶, 3 = 复印纸"
measure "list, page of 20" "$base/products?limit=20"
measure "list, price ascending" "$base/products?limit=20&sort=price_asc"
measure "product detail" "$base/products/$product"
measure "search, 1 character" "$base/products?limit=20&q=$(urlencode 茶)"
measure "search, 2 characters" "$base/products?limit=20&q=$(urlencode 红茶)"
measure "search, 3 characters" "$base/products?limit=20&q=$(urlencode 复印纸)"

printf '\n| %-22s | %10s | %9s | %9s | %7s | %10s | %s |\n' "route" "requests/s" "p50" "p99" "bytes" "ceiling" "share"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------" "------------" "-----------" "-----------" "---------" \
    "------------" "-------"
for row in "${rows[@]}"; do
    IFS='|' read -r label rps p50 p99 bytes ceiling <<<"$row"
    share=$(awk -v r="$rps" -v c="$ceiling" 'BEGIN {printf "%.0f%%", 100 * r / c}')
    printf '| %-22s | %10s | %9s | %9s | %7s | %10s | %s |\n' "$label" "$rps" "$p50" "$p99" "$bytes" "$ceiling" "$share"
done
echo
echo "ceiling = bench_http_ceiling (same body size as the list page) run right before each route;"
echo "ceiling latency p50/p99 of those runs:"
for c in "${ceilings[@]}"; do IFS='|' read -r rps p50 p99 _ <<<"$c"; echo "  $rps requests/s, $p50 / $p99"; done
grep -E '^(VmHWM|VmRSS)' "/proc/$server_pid/status" | sed 's/^/syncserver /'
grep -E '^(VmHWM|VmRSS)' "/proc/$(cat "$work/ceiling.pid")/status" | sed 's/^/bench_http_ceiling /'
