#!/usr/bin/env bash
# Installs what building, running and testing Xiaodian need on Debian 12, from Debian's own archive.
# Idempotent: installs only the packages that are missing, and refreshes the package lists only then.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git clang-format
    # Qt 6.4 (Debian 12); qt6-base-dev brings Widgets and PrintSupport (the desktop's order receipts)
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
    libqt6sql6-sqlite libqt6sql6-psql
    # libraries
    qtkeychain-qt6-dev libsqlcipher-dev libssl-dev libsodium-dev libxml2-dev
    # the sqlcipher command-line tool (tests open the desktop cache with it), PostgreSQL for the storage tests
    sqlcipher postgresql
    # Chinese text in the desktop on Linux
    fonts-noto-cjk
    # the run script's health check
    curl
    # HTTP load generator for the benchmarks (bench/wrk-catalog.sh, docs/performance.md)
    wrk
)

if [ ! -r /etc/debian_version ] || ! command -v dpkg-query >/dev/null; then
    echo "setup: this script installs Debian packages; on other systems see docs/building.md" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#packages[@]} packages present"
    exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian's postgresql package may start a system cluster; the tests run a throwaway cluster of their own.
echo "setup: done"
