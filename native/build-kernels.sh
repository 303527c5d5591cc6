#!/usr/bin/env bash
# Builds libproxima_kernels.so (the AVX-512 VNNI and AVX2 int8 kernels) into $1 (default
# target/native-kernels/linux-x86_64). Run by Maven in generate-resources, after build.sh, which
# installs the compiler when it is missing. Never fails the build: when the library cannot be built
# here, it writes UNAVAILABLE with the reason, and the Java kernels are used instead.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
what="int8 kernels" lib_name="libproxima_kernels.so" default_dir="native-kernels"
. "$here/build-common.sh"
src="$here/src/main/c/proxima_kernels.c"

up_to_date "$src" && exit 0
require_linux_x86_64
command -v gcc > /dev/null || unavailable "no gcc (the native module's build.sh installs g++, which brings it)"
# No -march: the library must load on any x86-64; each kernel has its own target attribute.
gcc -std=c11 -O3 -fPIC -shared -fvisibility=hidden -Wall -Werror -o "$lib.tmp" "$src" 2> "$out/gcc.log" \
    || unavailable "gcc failed to build the int8 kernels (see $out/gcc.log)"
mv "$lib.tmp" "$lib"
echo "[native] built $lib" >&2
