#!/usr/bin/env bash
# Builds libproxima_faiss.so (the C++ shim over FAISS) into $1 (default target/native/linux-x86_64).
# Run by Maven in generate-resources. Never fails the build for a missing toolchain: when the
# library cannot be built here, it writes UNAVAILABLE with the reason instead, which the Java side
# reports through Plugin.checkAvailable, so that every other module still builds and tests.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/target/native/linux-x86_64}"
mkdir -p "$out"
rm -f "$out/UNAVAILABLE"
lib="$out/libproxima_faiss.so"
src="$here/src/main/cpp/proxima_faiss.cpp"
header="$here/src/main/cpp/proxima_faiss.h"

unavailable() {
    rm -f "$lib"
    echo "$1" > "$out/UNAVAILABLE"
    echo "[native] faiss shim not built: $1" >&2
    exit 0
}

# Up to date: nothing to do.
if [ -f "$lib" ] && [ "$lib" -nt "$src" ] && [ "$lib" -nt "$header" ] && [ "$lib" -nt "$0" ]; then
    exit 0
fi

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] || unavailable "the faiss shim is built for linux-x86_64 only, this is $(uname -s)-$(uname -m)"

packages="libfaiss-dev libopenblas-dev g++"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    command -v apt-get > /dev/null || unavailable "missing packages:$missing and no apt-get to install them"
    if [ "$(id -u)" = 0 ]; then
        echo "[native] installing$missing" >&2
        # A fresh machine's package lists may be empty or stale: update them first.
        { apt-get -o DPkg::Lock::Timeout=600 update -q && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q $missing; } > "$out/apt.log" 2>&1 \
            || unavailable "apt-get install$missing failed (see $out/apt.log)"
    else
        unavailable "missing packages:$missing; install them with: sudo apt-get install -y$missing"
    fi
fi

faiss_a="$(dpkg -L libfaiss-dev | grep '/libfaiss\.a$' | head -1)"
[ -n "$faiss_a" ] || unavailable "libfaiss-dev ships no libfaiss.a"

start=$(date +%s)
# FAISS, statically linked and hidden (--exclude-libs) so that only the pxf_ API is exported;
# OpenBLAS and OpenMP (libgomp) are shared system libraries.
g++ -std=c++17 -O2 -fPIC -shared -fvisibility=hidden -fopenmp \
    -o "$lib.tmp" "$src" "$faiss_a" -lopenblas -Wl,--exclude-libs,ALL -Wl,--no-undefined -Wl,-z,defs \
    2> "$out/g++.log" || unavailable "g++ failed to build the faiss shim (see $out/g++.log)"
mv "$lib.tmp" "$lib"
echo "[native] built $lib in $(( $(date +%s) - start )) s" >&2
