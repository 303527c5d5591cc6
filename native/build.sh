#!/usr/bin/env bash
# Builds libproxima_faiss.so (the C++ shim over FAISS) into $1 (default target/native/linux-x86_64).
# Run by Maven in generate-resources. Never fails the build for a missing toolchain: when the
# library cannot be built here, it writes UNAVAILABLE with the reason instead, which the Java side
# reports through Plugin.checkAvailable, so that every other module still builds and tests.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
what="faiss shim" lib_name="libproxima_faiss.so" default_dir="native"
. "$here/build-common.sh"
src="$here/src/main/cpp/proxima_faiss.cpp"
header="$here/src/main/cpp/proxima_faiss.h"

up_to_date "$src" "$header" && exit 0
require_linux_x86_64

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
