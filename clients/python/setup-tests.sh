#!/usr/bin/env bash
# Installs what the Python SDK's tests need, Debian's packages only: httpx (the HTTP client, sync and
# async), websockets (the change feed), numpy and tqdm (optional at run time, exercised by the tests)
# and pytest. Cheap when everything is there. PythonSdkTest runs it before pytest; it can also be
# run by hand. Always checks /usr/bin/python3: the python3 on PATH may be a pyenv shim that does not
# see Debian's packages.
set -euo pipefail

PYTHON=/usr/bin/python3
# module to import -> Debian package that provides it
declare -A PACKAGES=(
  [httpx]=python3-httpx
  [websockets]=python3-websockets
  [numpy]=python3-numpy
  [tqdm]=python3-tqdm
  [pytest]=python3-pytest
)

fail() {
  echo "python sdk test setup: $*" >&2
  exit 1
}

[[ -x "$PYTHON" ]] || fail "$PYTHON is missing; as root: apt-get update && apt-get install -y python3"

missing=()
for module in "${!PACKAGES[@]}"; do
  "$PYTHON" -c "import $module" 2>/dev/null || missing+=("${PACKAGES[$module]}")
done

if (( ${#missing[@]} > 0 )); then
  command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    fail "missing ${missing[*]} and this user cannot install them; run as root: $command"
  fi
  start=$(date +%s)
  echo "python sdk test setup: installing ${missing[*]} with apt-get" >&2
  # Other builds may hold apt's lock for a while: wait for it rather than fail.
  apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  "${as_root[@]}" "${apt[@]}" update >&2 || fail "apt-get update failed; run as root: $command"
  "${as_root[@]}" "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2 \
    || fail "apt-get install failed; run as root: $command"
  echo "python sdk test setup: installed in $(( $(date +%s) - start )) s" >&2
  for module in "${!PACKAGES[@]}"; do
    "$PYTHON" -c "import $module" 2>/dev/null || fail "$module still cannot be imported by $PYTHON"
  done
fi

echo "python sdk test setup: ready ($("$PYTHON" --version), $("$PYTHON" -c 'import httpx, websockets, numpy, tqdm, pytest
print("httpx", httpx.__version__, "websockets", websockets.__version__, "numpy", numpy.__version__, "tqdm", tqdm.__version__, "pytest", pytest.__version__)'))"
