#!/usr/bin/env bash
# Builds VoxPop's libFuzzer targets and runs each for SECONDS (default 60).
#
#     tools/fuzz/run.sh [SECONDS] [TARGET...]      targets: http-parser campaign jwt blt csv vote writers
#
# SwiftPM renames an executable's `main`, which libFuzzer needs, so each target is built with
# swiftc over the sources of the modules it fuzzes, compiled as one module (their `import
# VoxPop...` lines dropped), with -sanitize=fuzzer,address. Committed seeds are in
# tools/fuzz/corpus/TARGET; inputs the fuzzer finds go to .build/fuzz/corpus/TARGET, crashes
# and hangs to .build/fuzz/artifacts/. Exits non-zero when any target finds a crash or a hang:
# turn the artifact into a regression test, fix, and keep the input in the seed corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(http-parser campaign jwt blt csv vote writers)

counting=(Sources/VoxPopFoundation Sources/VoxPopCounting)
campaigns=("${counting[@]}" Sources/VoxPopCampaigns)
sources_of() {
    case "$1" in
        http-parser) echo Sources/VoxPopHTTP/HTTPParser.swift Sources/VoxPopHTTP/HTTPRequest.swift ;;
        campaign) echo "${campaigns[@]}" ;;
        jwt) echo Sources/VoxPopFoundation Sources/VoxPopWeb/Identity/JWT.swift ;;
        blt | csv) echo "${counting[@]}" ;;
        vote) echo "${campaigns[@]}" Sources/VoxPopEngine/Votes/Vote.swift Sources/VoxPopEngine/Votes/VoteRules.swift \
            Sources/VoxPopEngine/Ballots/FrozenBallot.swift Sources/VoxPopEngine/Ballots/BallotCount.swift \
            Sources/VoxPopEngine/Ballots/WriteInDecision.swift Sources/VoxPopEngine/Ballots/CountAdjustments.swift \
            Sources/VoxPopWeb/API/VoteBody.swift \
            Sources/VoxPopWeb/Problems/Problem.swift Sources/VoxPopWeb/Problems/ProblemType.swift \
            Sources/VoxPopHTTP/HTTPResponse.swift ;;
        writers) echo "${campaigns[@]}" Sources/VoxPopEngine/Publication Sources/VoxPopEngine/Desk/OperatorLogEntry.swift ;;
        *) echo "unknown fuzz target: $1" >&2; exit 2 ;;
    esac
}

OUT=.build/fuzz
mkdir -p "$OUT/artifacts"
failed=0
for target in "${TARGETS[@]}"; do
    src="$OUT/src/$target"
    rm -rf "$src" && mkdir -p "$src"
    for path in $(sources_of "$target"); do
        find "$path" -name '*.swift' | while read -r file; do
            grep -v '^import VoxPop' "$file" >"$src/$(echo "$file" | tr / _)"
        done
    done
    cp "tools/fuzz/targets/$target.swift" "$src/"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz_${target//-/_}" \
        "$src"/*.swift -o "$OUT/$target" 2> >(grep -v 'Cannot export local symbol' >&2)
    mkdir -p "$OUT/corpus/$target"
    echo "fuzz $target for ${SECONDS_EACH}s"
    if ! "$OUT/$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$OUT/artifacts/$target-" "$OUT/corpus/$target" "tools/fuzz/corpus/$target" \
        2>"$OUT/$target.log"; then
        echo "fuzz $target: FAILED (see $OUT/$target.log and $OUT/artifacts/)" >&2
        tail -n 30 "$OUT/$target.log" >&2
        failed=1
    else
        grep -E '^stat::number_of_executed_units|^Done' "$OUT/$target.log" | tr '\n' ' ' | sed "s/^/fuzz $target: /"
        echo
    fi
done
exit $failed
