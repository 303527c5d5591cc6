#!/usr/bin/env bash
# Installs what a benchmark peer needs from the distribution's packages when it is missing.
#   bench/install-peers.sh hnswlib   # g++ and the header-only libhnswlib-dev (/usr/include/hnswlib)
#   bench/install-peers.sh faiss     # python3-faiss for Debian's /usr/bin/python3
# Run by `proxima bench ann --peer NAME` every time (it exits at once when all is there); installs
# only as root, otherwise says what to run. Writes only to standard error.
set -euo pipefail

peer="${1:?usage: install-peers.sh PEER (hnswlib | faiss)}"
case "$peer" in
  hnswlib)
    packages=(g++ libhnswlib-dev)
    present() { command -v g++ >/dev/null && [[ -f /usr/include/hnswlib/hnswlib.h ]]; }
    ;;
  faiss)
    # Debian's python, not a python3 found first on PATH (a pyenv shim there sees no Debian package).
    packages=(python3-faiss)
    present() { [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import faiss, numpy' 2>/dev/null; }
    ;;
  *) echo "install-peers: unknown peer '$peer'; known: hnswlib, faiss" >&2; exit 2 ;;
esac

if present; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-peers: $peer needs Debian packages; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "install-peers: installing ${packages[*]} with apt-get" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
present || { echo "install-peers: ${packages[*]} installed but $peer is still not usable" >&2; exit 1; }
