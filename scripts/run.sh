#!/usr/bin/env bash
# The run command: installs what is missing, builds, starts syncserver with the demo shop on its embedded
# SQLite database, and opens the desktop. With no display it says so and keeps serving until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh dev --target syncserver xiaodian-desktop

port=${XD_PORT:-8080}
data_dir=${XD_DATA_DIR:-$PWD/build/run-data}
mkdir -p "$data_dir"
log="$data_dir/syncserver.log"

out="$data_dir/syncserver.out"
# stdout (address and demo credentials) goes to the terminal and to a file the desktop's sign-in is read from.
build/dev/syncserver/syncserver --demo --port "$port" --data-dir "$data_dir" 2>"$log" > >(tee "$out") &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run: syncserver did not start; its log ($log):" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.2
done

echo "Server log: $log"
for _ in $(seq 1 50); do grep -q '^demo login:' "$out" 2>/dev/null && break; sleep 0.1; done
shop=$(sed -n 's/^demo login: shop "\(.*\)", user.*/\1/p' "$out")
password=$(sed -n 's/^demo login: .*password "\(.*\)"$/\1/p' "$out")

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; then
    echo "Opening the desktop back office, signed in to the demo shop; closing it stops the server."
    printf '%s\n' "$password" | build/dev/desktop/xiaodian-desktop --server "http://127.0.0.1:$port" \
        --shop "$shop" --user owner --password-stdin || true
else
    echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set): the desktop cannot open here."
    echo "The server keeps serving at http://127.0.0.1:$port — press Ctrl+C to stop it."
    wait "$server_pid"
fi
