#!/usr/bin/env bash
# Runs the benchmark suite (a few minutes): ceiling, memory and Azurite targets, memory probes, cold open.
# Writes artifacts/benchmarks/results.json and results.md. Arguments are passed on (e.g. --quick, or "smoke").
set -euo pipefail
source "$(dirname "$0")/azurite.sh"
cd "$repo_root"

install_node_tools
dotnet build Orbitalyntra.sln --configuration Release -v quiet -nologo
ulimit -n "$(ulimit -Hn)"  # thousands of connections, each a file descriptor

data="$repo_root/.azurite/bench-$$"
start_azurite "$data" "$(free_port)" "$(free_port)" "$(free_port)"
cleanup() { stop_process_tree "${AZURITE_PID:-}"; rm -rf "$data"; }
trap cleanup EXIT

verb=suite
if [ "${1:-}" = smoke ]; then verb=smoke; shift; fi
dotnet tools/Orbitalyntra.Benchmarks/bin/Release/net10.0/Orbitalyntra.Benchmarks.dll "$verb" --storage "$AZURITE_CONNECTION_STRING" "$@"
