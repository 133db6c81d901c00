#!/usr/bin/env bash
# Live results under load, measured with tools/load-generator (release build) in one run: a live
# plurality ballot and a live IRV ballot are filled with VOTES votes each (default 1,000,000),
# then `GET .../results` of each is timed (4 connections, DURATION seconds, default 10) alone and
# while fresh votes stream into the same ballot (48 connections). Prints a table: requests, rate
# and latency p50/p99/p99.9 of the results requests, and the votes/s beside them. Loopback only.
#
#     tools/bench-results.sh [VOTES] [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
VOTES=${1:-1000000}
DURATION=${2:-10}
swift build -c release --product voxpop >/dev/null
swift build -c release --product load-generator >/dev/null
BIN=$(swift build -c release --show-bin-path)
VOXPOP=${VOXPOP:-$BIN/voxpop}
WORK=$(mktemp -d)
trap '[ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/campaigns"
cat >"$WORK/campaigns/bench.json" <<JSON
{
  "id": "bench",
  "title": "Live results benchmark",
  "timeZone": "UTC",
  "audience": {"identity": "token", "secretEnv": "BENCH_SECRET"},
  "ballots": [
    {"id": "live", "question": "Yes or no?", "method": "plurality", "results": "live",
     "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]},
    {"id": "ranked", "question": "Rank yes and no", "method": "irv", "results": "live",
     "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]}
  ]
}
JSON
export BENCH_SECRET="results benchmark secret"
PORT=18183
"$VOXPOP" serve --campaigns "$WORK/campaigns" --db "$WORK/bench.sqlite" --port $PORT --publish "$WORK/published" \
    >"$WORK/log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/log" && break; sleep 0.1; done
LOAD="$BIN/load-generator --port $PORT --campaign bench"
echo "filling each ballot with $VOTES votes"
for ballot in live ranked; do
    $LOAD --mode votes --ballot $ballot --connections 64 --per-connection $((VOTES / 64)) --duration 3600 \
        --duplicates 0 --forged 0 >/dev/null 2>&1
done
curl -s "localhost:$PORT/v1/campaigns/bench/ballots/live/results" | grep -o '"votes":[0-9]*' | sed 's/^/live: /'
curl -s "localhost:$PORT/v1/campaigns/bench/ballots/ranked/results" | grep -o '"votes":[0-9]*' | sed 's/^/ranked: /'
echo
echo "| ballot | while | results requests | results/s | p50 | p99 | p99.9 | votes/s beside |"
echo "|---|---|---|---|---|---|---|---|"
row() {  # ballot, label, results line, votes line
    read -r requests rate p50 p99 p999 <<<"$(echo "$3" | sed -E 's/.*requests=([0-9]+).*rate=([0-9]+).*p50=([0-9.]+ms).*p99=([0-9.]+ms).*p99.9=([0-9.]+ms).*/\1 \2 \3 \4 \5/')"
    votes=$(echo "$4" | sed -nE 's/.*rate=([0-9]+).*/\1/p')
    echo "| $1 | $2 | $requests | $rate | $p50 | $p99 | $p999 | ${votes:--} |"
}
for ballot in live ranked; do
    path="/v1/campaigns/bench/ballots/$ballot/results"
    alone=$($LOAD --mode healthz --path "$path" --connections 4 --duration "$DURATION" 2>/dev/null)
    row $ballot "alone" "$alone" ""
    $LOAD --mode votes --ballot $ballot --connections 48 --duration $((DURATION + 2)) --duplicates 0 --forged 0 \
        >"$WORK/votes.txt" 2>/dev/null &
    sleep 1
    beside=$($LOAD --mode healthz --path "$path" --connections 4 --duration "$DURATION" 2>/dev/null)
    wait %% 2>/dev/null || true
    row $ballot "votes stream in" "$beside" "$(cat "$WORK/votes.txt")"
done
