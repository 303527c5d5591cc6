#!/usr/bin/env bash
# Prepares the TypeScript SDK's tests: checks Node.js >= 20 (for its fetch and test runner),
# installs the dependencies package-lock.json pins (npm ci) and builds dist/ with tsc.
# TypeScriptSdkTest runs it before `npm test`; it can also be run by hand.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MIN_NODE=20

fail() {
  echo "typescript sdk setup: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || fail "node is not installed; install Node.js $MIN_NODE or newer (with npm)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed; install it with Node.js $MIN_NODE or newer"
node_major=$(node -p 'process.versions.node.split(".")[0]')
(( node_major >= MIN_NODE )) || fail "node $(node --version) is too old; install Node.js $MIN_NODE or newer"

cd "$HERE"
start=$(date +%s)
npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed (is the npm registry reachable?)"
npm run build --silent || fail "the build (tsc) failed"
echo "typescript sdk setup: node $(node --version), dependencies installed and built in $(( $(date +%s) - start )) s" >&2
