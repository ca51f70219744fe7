#!/usr/bin/env bash
# Builds the Debian package into build/ (or $SOCKETSCOPE_BUILD_DIR):
# socketscope_VERSION_ARCH.deb with the program, its .desktop file and icon,
# a man page generated from --help and bash completion.
# Install it with: sudo apt-get install ./build/socketscope_*.deb
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKETSCOPE_BUILD_DIR:-$root/build}
"$root/scripts/deps.sh"
"$root/scripts/build.sh" "$@"
rm -f "$build"/socketscope_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/socketscope_*.deb
