# What build.sh and build-kernels.sh share; sourced by both, never run. Before sourcing, the script
# sets here (its directory), what (the library in messages: "faiss shim", "int8 kernels"),
# lib_name (its file name) and default_dir (its directory under target/ when $1 is empty). This
# sets out and lib, clears an earlier UNAVAILABLE marker and defines the helpers below.
out="${1:-$here/target/$default_dir/linux-x86_64}"
mkdir -p "$out"
rm -f "$out/UNAVAILABLE"
lib="$out/$lib_name"

# unavailable REASON: writes the marker the Java side reports through Plugin.checkAvailable and
# ends the build without failing it, so that every other module still builds and tests.
unavailable() {
    rm -f "$lib"
    echo "$1" > "$out/UNAVAILABLE"
    echo "[native] $what not built: $1" >&2
    exit 0
}

# up_to_date SOURCE...: the library is newer than every source and than both build scripts.
up_to_date() {
    [ -f "$lib" ] || return 1
    local file
    for file in "$@" "$0" "$here/build-common.sh"; do
        [ "$lib" -nt "$file" ] || return 1
    done
}

require_linux_x86_64() {
    [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] \
        || unavailable "the $what is built for linux-x86_64 only, this is $(uname -s)-$(uname -m)"
}
