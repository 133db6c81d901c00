#!/usr/bin/env bash
# VoxPop's HTTP path, measured with tools/load-generator (release build) in one run:
#   1. GET /healthz on nginx (Debian's nginx-light, one worker, a fixed body): the reference;
#   2. GET /healthz on voxpop serve: the server's own ceiling;
#   3. votes on voxpop serve: distinct voters with signed tokens, 5% duplicates, 5% forged,
#      every answer checked, synchronous=FULL (each 201 is on disk);
#   4. votes again while 10,000 idle keep-alive connections are held open.
# Each phase runs DURATION seconds (default 10) at CONNECTIONS connections (default 64). Each line
# ends with the CPU time per request of the load generator (client-cpu) and of the server
# (server-cpu, from /proc; in the last phase it includes opening the idle connections).
# Loopback only. Installs nginx-light when missing.
#
#     [VOXPOP=path/to/voxpop] tools/bench-http.sh [DURATION] [CONNECTIONS] [IDLE]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-64}
IDLE=${3:-10000}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # 10,000 idle connections need descriptors

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
swift build -c release --product voxpop >/dev/null
swift build -c release --product load-generator >/dev/null
BIN=$(swift build -c release --show-bin-path)
# VOXPOP=path runs another build of the server (an older commit's, for a side-by-side A/B).
VOXPOP=${VOXPOP:-$BIN/voxpop}

WORK=$(mktemp -d)
cleanup() {
    [ -n "${VOXPOP_PID:-}" ] && kill "$VOXPOP_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

NGINX_PORT=18181
VOXPOP_PORT=18180
mkdir -p "$WORK/nginx" "$WORK/campaigns"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 20000; }
http {
    access_log off;
    keepalive_requests 100000000;
    client_body_temp_path $WORK/nginx;
    proxy_temp_path $WORK/nginx;
    fastcgi_temp_path $WORK/nginx;
    uwsgi_temp_path $WORK/nginx;
    scgi_temp_path $WORK/nginx;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = /healthz { default_type text/plain; return 200 "ok\n"; }
    }
}
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf"

cat >"$WORK/campaigns/bench.json" <<'JSON'
{
  "id": "bench",
  "title": "Benchmark",
  "timeZone": "UTC",
  "audience": {"identity": "token", "secretEnv": "BENCH_SECRET"},
  "ballots": [
    {"id": "vote", "question": "Yes or no?", "method": "plurality",
     "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]}
  ]
}
JSON
export BENCH_SECRET="benchmark secret"
"$VOXPOP" serve --campaigns "$WORK/campaigns" --db "$WORK/bench.sqlite" --port $VOXPOP_PORT \
    --publish "$WORK/published" >"$WORK/voxpop.log" 2>&1 &
VOXPOP_PID=$!
for _ in $(seq 50); do grep -q "listening" "$WORK/voxpop.log" && break; sleep 0.1; done

LOAD="$BIN/load-generator --connections $CONNECTIONS --duration $DURATION"
echo "## $(date -u +%FT%TZ), $(nproc) cores, load generator on the same machine"
# A server's CPU time (user + system, all threads) in microseconds, from /proc: per request it
# does not move with the machine's noise the way a rate does.
TICK=$(getconf CLK_TCK)
cpu_us() { awk -v tick="$TICK" '{ printf "%d", ($14 + $15) * 1000000 / tick }' "/proc/$1/stat"; }
# Runs one phase against the server with pid $1 and appends its CPU per answered request.
phase() {
    local pid=$1 name=$2
    shift 2
    local before after line requests
    before=$(cpu_us "$pid")
    line=$($LOAD "$@")
    after=$(cpu_us "$pid")
    requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")
    awk -v name="$name" -v line="$line" -v cpu=$((after - before)) -v n="$requests" \
        'BEGIN { printf "%-11s %s server-cpu=%.1fus/request\n", name, line, cpu / n }'
}
MASTER=$(cat "$WORK/nginx.pid")
NGINX_PID=$(awk '{ print $1 }' "/proc/$MASTER/task/$MASTER/children")  # the one worker, not the master
phase "$NGINX_PID" nginx --port $NGINX_PORT --mode healthz
phase $VOXPOP_PID voxpop --port $VOXPOP_PORT --mode healthz
phase $VOXPOP_PID voxpop --port $VOXPOP_PORT --mode votes
phase $VOXPOP_PID voxpop --port $VOXPOP_PORT --mode votes --idle "$IDLE"
kill -TERM $VOXPOP_PID
wait $VOXPOP_PID
VOXPOP_PID=
"$VOXPOP" audit --db "$WORK/bench.sqlite" bench
