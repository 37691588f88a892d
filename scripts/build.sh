#!/usr/bin/env bash
# Configures (once) and builds with the given CMake preset (default: dev). Extra arguments go to the build,
# e.g. scripts/build.sh dev --target syncserver
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
shift || true
if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset"
fi
cmake --build --preset "$preset" "$@"
