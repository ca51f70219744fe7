#!/usr/bin/env bash
# Installs what is missing, builds, and opens the SocketScope window.
# Arguments are passed to socketscope (e.g. a headless subcommand).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
exec "${SOCKETSCOPE_BUILD_DIR:-$root/build}/app/socketscope" "$@"
