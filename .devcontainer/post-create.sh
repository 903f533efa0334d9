#!/usr/bin/env bash
# The README's set-up, inside the dev container: the kernel tool, its Jupyter kernelspec, the
# library the notebooks load, and one run of every notebook (which also proves it all works).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo apt-get update -qq
sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jupyter-client python3-nbclient >/dev/null
dotnet tool restore
dotnet tool run dotnet-interactive -- jupyter install
dotnet run --project lib/Descent.Runner
