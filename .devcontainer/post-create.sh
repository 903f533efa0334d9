#!/usr/bin/env bash
# The README's set-up, inside the dev container: Jupyter's client, Chromium and CJK fonts (the book's
# browser tests; the Korean notation in chapter 00), the kernel tool, its Jupyter kernelspec, the
# library the notebooks load, and one run of every notebook (which also proves it all works).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo apt-get update -qq
sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  jupyter-client python3-nbclient python3-nbformat chromium fonts-noto-cjk >/dev/null
dotnet tool restore
# On a fresh home the per-user kernelspec folder may not exist yet; `jupyter install` needs it.
mkdir -p "${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels"
dotnet tool run dotnet-interactive -- jupyter install
dotnet run --project lib/Descent.Runner
