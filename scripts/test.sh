#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs the whole suite with ctest.
# Extra arguments go to ctest, e.g. scripts/test.sh -L storage
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh dev
cd build/dev
ctest --output-on-failure --no-tests=error --timeout 600 -j2 "$@"
