#!/usr/bin/env bash
# Whole-process timing: run a command N times under /usr/bin/time -v; print each run and the median wall time, CPU
# (user+sys) and peak RSS. Usage: measure.sh N LABEL -- COMMAND...
set -uo pipefail
n=$1; label=$2; shift 3
walls=(); rss=(); cpus=()
for i in $(seq "$n"); do
  /usr/bin/time -o /tmp/measure.$$ -f "%e %U %S %M %x" "$@" > /dev/null 2>&1
  out=$(tail -1 /tmp/measure.$$)
  read -r wall user sys kb code <<< "$out"
  walls+=("$wall"); rss+=("$kb"); cpus+=("$(echo "$user + $sys" | bc)")
  echo "  run $i: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $((kb / 1024)) MiB peak RSS, exit $code, load $(cut -d' ' -f1 /proc/loadavg)"
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "$label: median $(med "${walls[@]}") s wall, $(med "${cpus[@]}") s CPU, $(( $(med "${rss[@]}") / 1024 )) MiB peak RSS over $n runs"
