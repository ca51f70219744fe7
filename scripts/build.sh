#!/usr/bin/env bash
# Configures and builds SocketScope into build/ (or $SOCKETSCOPE_BUILD_DIR).
# Extra arguments go to CMake, e.g. -DSOCKETSCOPE_WERROR=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKETSCOPE_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
