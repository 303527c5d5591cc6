#!/usr/bin/env bash
# Installs what the AXIS training pipeline (bench/axis/train_config_model.py, train_query_model.py) needs from the
# distribution's packages when it is missing: scikit-learn, onnx and numpy for Debian's /usr/bin/python3.
#   bench/axis/install-training.sh
# Exits at once when all is there; installs as root, otherwise through sudo. Writes only to standard error.
set -euo pipefail

packages=(python3-sklearn python3-onnx python3-numpy)
# Debian's python, not a python3 found first on PATH (a pyenv shim there sees no Debian package).
present() { [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import sklearn, onnx, numpy' 2>/dev/null; }

if present; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "install-training: the training needs Debian packages; as root, install them with:" >&2
  echo "  apt-get update && apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "install-training: installing ${packages[*]} with apt-get" >&2
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
present || { echo "install-training: ${packages[*]} installed but /usr/bin/python3 still cannot import them" >&2; exit 1; }
