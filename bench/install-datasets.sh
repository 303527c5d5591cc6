#!/usr/bin/env bash
# Installs a benchmark data set from the distribution's packages when its files are missing.
#   bench/install-datasets.sh fashion-mnist
# Run by `proxima bench ann` when needed; installs only as root, otherwise says what to run.
set -euo pipefail

dataset="${1:?usage: install-datasets.sh DATASET (fashion-mnist)}"
case "$dataset" in
  fashion-mnist) package=dataset-fashion-mnist; files=/usr/share/datasets/fashion-mnist ;;
  *) echo "install-datasets: unknown data set '$dataset'; known: fashion-mnist" >&2; exit 2 ;;
esac

if [[ -d "$files" ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-datasets: $files is missing; install it with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y $package" >&2
  exit 1
fi
echo "install-datasets: installing $package with apt-get" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
[[ -d "$files" ]] || { echo "install-datasets: $package installed but $files is still missing" >&2; exit 1; }
