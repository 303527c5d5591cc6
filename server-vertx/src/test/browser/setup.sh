#!/usr/bin/env bash
# Installs what the dashboard's browser test needs, on a fresh machine too: Debian's chromium (once,
# with apt-get, as root or through password-less sudo) and playwright-core from npm, at the version
# package-lock.json pins, without any browser download of its own. Cheap when everything is there.
# DashboardBrowserTest runs it before the spec; it can also be run by hand.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHROMIUM="${PROXIMA_CHROMIUM:-/usr/bin/chromium}"
MIN_NODE=20

fail() {
  echo "dashboard browser test setup: $*" >&2
  exit 1
}

elapsed() { echo $(( $(date +%s) - $1 )); }

# Node.js: not installed here, because Debian 12's own nodejs (18) is too old for playwright-core.
command -v node >/dev/null 2>&1 || fail "node is not installed; install Node.js $MIN_NODE or newer (with npm)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed; install it with Node.js $MIN_NODE or newer"
node_major=$(node -p 'process.versions.node.split(".")[0]')
(( node_major >= MIN_NODE )) || fail "node $(node --version) is too old; install Node.js $MIN_NODE or newer"

if [[ ! -x "$CHROMIUM" ]]; then
  start=$(date +%s)
  echo "dashboard browser test setup: $CHROMIUM is missing; installing Debian's chromium with apt-get (once)" >&2
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    fail "$CHROMIUM is missing and this user cannot install it; run as root: apt-get update && apt-get install -y chromium"
  fi
  # Other builds may hold apt's lock for a while: wait for it rather than fail.
  apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  "${as_root[@]}" "${apt[@]}" update >&2 \
    || fail "apt-get update failed (no network to Debian's mirrors?); install chromium: apt-get install -y chromium"
  "${as_root[@]}" "${apt[@]}" install -y --no-install-recommends chromium >&2 \
    || fail "apt-get install chromium failed; install it by hand: apt-get install -y chromium"
  [[ -x "$CHROMIUM" ]] || fail "chromium was installed but $CHROMIUM is not there"
  echo "dashboard browser test setup: chromium installed in $(elapsed "$start") s" >&2
fi

# playwright-core at exactly the locked version; npm ci only when node_modules does not have it.
wanted=$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' "$HERE/package-lock.json")
installed=$(node -p 'try { require(process.argv[1]).version } catch (e) { "" }' \
  "$HERE/node_modules/playwright-core/package.json")
if [[ "$installed" != "$wanted" ]]; then
  start=$(date +%s)
  echo "dashboard browser test setup: installing playwright-core $wanted with npm ci" >&2
  (cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2) \
    || fail "npm ci failed in $HERE (no access to the npm registry?); run it there by hand"
  echo "dashboard browser test setup: playwright-core installed in $(elapsed "$start") s" >&2
fi

echo "dashboard browser test setup: ready (node $(node --version), $("$CHROMIUM" --version 2>/dev/null | head -1), playwright-core $wanted)"
