#!/usr/bin/env bash
# Two builds of the CLI compared in the same minutes (this VM's speed drifts by ±15 % within an hour): ROUNDS rounds of
# measure.sh 2 runs each, new then old. Each build keeps its own load cache and history facts, so the old build runs on
# a copy of the repository (cp -a REPO COPY && git -C COPY update-index --refresh); run each once first to warm them.
# Usage: interleave.sh ROUNDS NEW_DLL OLD_DLL REPO COPY -- GATE_ARGS...   e.g.
#   interleave.sh 5 artifacts/cli/Release/EvidenceTasks.dll /tmp/cli-old/EvidenceTasks.dll /tmp/bigg /tmp/bigg2 -- --as-of 2026-10-07T00:00:00Z --base main
set -uo pipefail
rounds=$1; new=$2; old=$3; repo=$4; copy=$5; shift 6
M="$(dirname "$0")/measure.sh"
for _ in $(seq "$rounds"); do
  "$M" 2 new -- dotnet "$new" gate --root "$repo" "$@" | grep median
  "$M" 2 old -- dotnet "$old" gate --root "$copy" "$@" | grep median
done
