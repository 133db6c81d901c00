#!/usr/bin/env bash
# The counting benchmark of docs/benchmarks.md: a table per method for a million ranked ballots
# over 10 and 20 candidates (parse, count, peak memory), then `voxpop tally` end to end on the
# same BLT files. Release builds.
#
#     tools/bench-counting.sh [BALLOTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ballots=${1:-1000000}
runs=${2:-5}
swift build -c release --product counting-benchmark >/dev/null
swift build -c release --product voxpop >/dev/null
bin=$(swift build -c release --show-bin-path)
"$bin/counting-benchmark" "$ballots" "$runs"

echo
echo "| voxpop tally end to end | file | median of $runs | peak memory |"
echo "|---|---|---|---|"
for set in 10 20 20-complete; do
    candidates=${set%%-*}
    file="${TMPDIR:-/tmp}/voxpop-bench-${candidates}x${ballots}${set#$candidates}.blt"
    for method in plurality irv stv schulze; do
        times=()
        peak=0
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            kb=$( { /usr/bin/time -f '%M' "$bin/voxpop" tally --method "$method" "$file" >/dev/null; } 2>&1 | tail -1)
            end=$(date +%s%N)
            times+=($(((end - start) / 1000000)))
            peak=$((kb > peak ? kb : peak))
        done
        sorted=($(printf '%s\n' "${times[@]}" | sort -n))
        echo "| --method $method | ${set} candidates, $(($(stat -c %s "$file") / 1000000)) MB | ${sorted[$((runs / 2))]} ms | $((peak / 1024)) MB |"
    done
done
