#!/usr/bin/env bash
# Prints the path of a Chromium/Chrome binary for the end-to-end tests, installing Debian's
# `chromium` package when none is found and we run as root on Debian. Exits 1 with advice otherwise.
# Playwright's own browser download is never used (it needs network access this project can't assume).
set -euo pipefail

candidates=(
  "${CHROMIUM_PATH:-}"
  /usr/bin/chromium
  /usr/bin/chromium-browser
  /usr/bin/google-chrome
  /usr/bin/google-chrome-stable
  /snap/bin/chromium
  "/Applications/Chromium.app/Contents/MacOS/Chromium"
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
)
for c in "${candidates[@]}"; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    echo "$c"
    exit 0
  fi
done

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && [ -f /etc/debian_version ]; then
  echo "No Chromium found: installing Debian's chromium package (root, Debian)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends chromium >&2
  if [ -x /usr/bin/chromium ]; then
    echo /usr/bin/chromium
    exit 0
  fi
fi

cat >&2 <<'MSG'
No Chromium or Chrome found for the end-to-end tests.
Install one and run the tests again, e.g.
  Debian/Ubuntu:  sudo apt-get install chromium
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium
or point CHROMIUM_PATH at an existing Chromium/Chrome binary.
MSG
exit 1
