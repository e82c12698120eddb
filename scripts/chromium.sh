# Sourced by test.sh: installs Debian's Chromium for the browser tests (tests/browser/*.mjs) when it is missing.
# Playwright never downloads a browser here: playwright-core drives /usr/bin/chromium.

install_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  echo "Installing Debian's chromium for the browser tests (first run only)..."
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
}
