#!/usr/bin/env bash
# Renders docs/screenshot-en.png and docs/screenshot-zh_CN.png from the real
# window (offscreen, no display needed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKETSCOPE_BUILD_DIR:-$root/build}
"$root/scripts/deps.sh"
"$root/scripts/build.sh" >/dev/null
QT_QPA_PLATFORM=offscreen "$build/tests/gui/socketscope-screenshots" "$root/docs"
