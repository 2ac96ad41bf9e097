#!/usr/bin/env bash
# Installs what the tests drive besides Python packages: Debian's chromium (for
# the HTML view tests, driven by Playwright; Playwright's own browser download
# is never used) and Virtuoso (for the SPARQL store tests; the tests start it
# themselves with an ini of their own, nothing is started here). Does nothing
# when they are already there; needs root or sudo.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "install-test-services: cannot install ${missing[*]} (not root, no sudo); those tests will be skipped" >&2
  exit 0
fi
echo "install-test-services: installing ${missing[*]} from Debian" >&2
$sudo apt-get update -qq
# Where services may start on install, Debian also starts its own Virtuoso: the tests never use it.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
