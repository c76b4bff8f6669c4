#!/usr/bin/env bash
# Installs Debian's chromium (and an emoji font, for faithful screenshots) for the browser tests:
# Playwright cannot download browsers here.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-color-emoji >/dev/null 2>&1; then
  exit 0
fi
if command -v chromium >/dev/null 2>&1 && [ "$(id -u)" -ne 0 ]; then
  exit 0  # emoji fonts only make screenshots faithful; not worth failing for
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing: run 'sudo apt-get install chromium' (browser tests need /usr/bin/chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null
