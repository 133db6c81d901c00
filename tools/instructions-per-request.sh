#!/usr/bin/env bash
# Instructions the server executes per answered request, counted by valgrind's callgrind: unlike a
# rate or a CPU time, the count hardly moves with what else the machine is doing, so a change of a
# few percent in the server's own code shows. User space only (the kernel's socket and disk work is
# not counted). The server runs under callgrind on a scratch campaign (as tools/bench-http.sh's),
# tools/load-generator drives it (16 connections), and the count covers an 8 s window after a
# warm-up, divided by the requests answered in it (from /metrics).
#
#     tools/instructions-per-request.sh [MODE=votes] [VOXPOP-BINARY...]
#
# MODE is votes or healthz; with no binary, this checkout's release build. Several binaries (say an
# older commit's build) are measured one after another into one table. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-votes}
shift || true
command -v valgrind >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq valgrind >/dev/null; }
swift build -c release --product voxpop >/dev/null
swift build -c release --product load-generator >/dev/null
BIN=$(swift build -c release --show-bin-path)
BINARIES=("$@")
[ ${#BINARIES[@]} -gt 0 ] || BINARIES=("$BIN/voxpop")

WORK=$(mktemp -d)
trap 'kill "${SERVER:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/campaigns"
sed -n '/^cat >"\$WORK\/campaigns\/bench.json"/,/^JSON$/p' tools/bench-http.sh | sed '1d;$d' >"$WORK/campaigns/bench.json"
export BENCH_SECRET="benchmark secret"
PORT=18197
answered() {
    curl -s "localhost:$PORT/metrics" | awk '/^voxpop_http_request_duration_seconds_count/ { n += $2 } END { print n + 0 }'
}
echo "| server | mode | requests counted | instructions | per request |"
echo "|---|---|---|---|---|"
for binary in "${BINARIES[@]}"; do
    run="$WORK/run"
    rm -rf "$run" && mkdir -p "$run"
    # Without its debug information: valgrind 3.19 cannot read the DWARF 5 forms clang writes for
    # the C targets, and gives up. The instructions run are the same.
    objcopy --strip-debug "$binary" "$run/voxpop"
    valgrind --tool=callgrind --callgrind-out-file="$run/cg.out" "$run/voxpop" serve --campaigns "$WORK/campaigns" \
        --db "$run/bench.sqlite" --port $PORT --publish "$run/published" >"$run/log" 2>&1 &
    SERVER=$!
    # Under callgrind a start takes tens of seconds on a busy machine.
    for _ in $(seq 600); do grep -q listening "$run/log" && break; sleep 0.2; done
    grep -q listening "$run/log" || { echo "$binary did not start under callgrind:" >&2; cat "$run/log" >&2; exit 1; }
    "$BIN/load-generator" --port $PORT --mode "$MODE" --connections 16 --duration 20 >"$run/load.txt" &
    LOAD=$!
    sleep 8
    callgrind_control -z "$SERVER" >/dev/null 2>&1
    before=$(answered)
    sleep 8
    after=$(answered)
    callgrind_control -d "$SERVER" >/dev/null 2>&1
    wait $LOAD
    kill "$SERVER" && wait "$SERVER" 2>/dev/null || true
    SERVER=
    dump=$(ls "$run"/cg.out.* | tail -1)
    total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
    requests=$((after - before - 1))  # the /metrics read for $before is itself counted in $after
    [ "$requests" -gt 0 ] || { echo "$binary answered no $MODE requests; its log:" >&2; tail "$run/log" >&2; exit 1; }
    printf '| %s | %s | %d | %d | %d |\n' "$binary" "$MODE" "$requests" "$total" $((total / requests))
done
