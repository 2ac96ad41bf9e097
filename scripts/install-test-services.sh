#!/usr/bin/env bash
# Installs what the tests drive besides Python packages: Debian's chromium (for
# the HTML view tests, driven by Playwright; Playwright's own browser download
# is never used). Does nothing when it is already there; needs root or sudo.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "install-test-services: cannot install ${missing[*]} (not root, no sudo); those tests will be skipped" >&2
  exit 0
fi
echo "install-test-services: installing ${missing[*]} from Debian" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
