#!/usr/bin/env bash
# Runs the benchmark suite (under an hour): ceiling, memory and Azurite targets, memory probes, cold open.
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

arguments=(suite --azurite-pid "$AZURITE_PID")
if [ "${1:-}" = smoke ]; then arguments=(smoke); shift; fi
# In a process group of its own, so that servers it started cannot outlive it, even if it crashes.
setsid dotnet tools/Orbitalyntra.Benchmarks/bin/Release/net10.0/Orbitalyntra.Benchmarks.dll "${arguments[@]}" --storage "$AZURITE_CONNECTION_STRING" "$@" &
tool=$!
status=0
wait "$tool" || status=$?
kill -KILL -- "-$tool" 2>/dev/null || true
exit "$status"
