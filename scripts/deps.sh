#!/usr/bin/env bash
# Installs the Debian 12 packages SocketScope needs to build, run and test,
# skipping what is already there. Run as root, or with sudo available.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
    libgl-dev libfontconfig-dev libqt6svg6 qt6-translations-l10n fonts-wqy-microhei fonts-dejavu-core
    xvfb xauth python3 iproute2
    libboost-dev help2man dpkg-dev file
    libtins-dev libpcap-dev libwiretap-dev libwsutil-dev libglib2.0-dev tshark tcpdump curl
    libssl-dev openssl
    clang-14 libclang-rt-14-dev
    socat
    python3-dogtail python3-pyatspi dbus-daemon at-spi2-core
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
