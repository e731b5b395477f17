#!/usr/bin/env bash
# Installs the system libraries the package links against (Debian/Ubuntu). Safe to run repeatedly.
set -euo pipefail
need=()
for pkg in libopenblas-dev libjson-c-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
