#!/usr/bin/env bash
# Times `voxpop check` on a large generated campaign (default 50,000 options, about 5 MB),
# release build, and prints a table with the median of several runs.
#
#     tools/bench-check.sh [OPTIONS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
options=${1:-50000}
runs=${2:-7}
swift build -c release --product voxpop >/dev/null
swift build -c release --product campaign-file-generator >/dev/null
bin=$(swift build -c release --show-bin-path)
file=$(mktemp --suffix=.json)
trap 'rm -f "$file"' EXIT
"$bin/campaign-file-generator" "$options" >"$file"
"$bin/voxpop" check "$file" >/dev/null  # must pass, or the timing means nothing

times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin/voxpop" check "$file" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((runs / 2))]}
peak_kb=$( { /usr/bin/time -f '%M' "$bin/voxpop" check "$file" >/dev/null; } 2>&1 | tail -1)
printf '| input | size | runs | median | min | max | peak memory |\n|---|---|---|---|---|---|---|\n'
printf '| %d options | %.1f MB | %d | %d ms | %d ms | %d ms | %d MB |\n' "$options" \
    "$(echo "$(stat -c %s "$file") / 1000000" | bc -l)" "$runs" "$median" "${sorted[0]}" "${sorted[$((runs - 1))]}" $((peak_kb / 1024))
