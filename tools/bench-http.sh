#!/usr/bin/env bash
# VoxPop's HTTP path, measured with tools/load-generator (release build) in one run:
#   1. GET /healthz on nginx (Debian's nginx-light, one worker, a fixed body): the reference;
#   2. GET /healthz on voxpop serve: the server's own ceiling;
#   3. votes on voxpop serve: distinct voters with signed tokens, 5% duplicates, 5% forged,
#      every answer checked, synchronous=FULL (each 201 is on disk);
#   4. votes again while 10,000 idle keep-alive connections are held open.
# Each phase runs DURATION seconds (default 10) at CONNECTIONS connections (default 64).
# Loopback only. Installs nginx-light when missing.
#
#     tools/bench-http.sh [DURATION] [CONNECTIONS] [IDLE]
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
"$BIN/voxpop" serve --campaigns "$WORK/campaigns" --db "$WORK/bench.sqlite" --port $VOXPOP_PORT \
    --publish "$WORK/published" >"$WORK/voxpop.log" 2>&1 &
VOXPOP_PID=$!
for _ in $(seq 50); do grep -q "listening" "$WORK/voxpop.log" && break; sleep 0.1; done

LOAD="$BIN/load-generator --connections $CONNECTIONS --duration $DURATION"
echo "## $(date -u +%FT%TZ), $(nproc) cores, load generator on the same machine"
$LOAD --port $NGINX_PORT --mode healthz | sed 's/^/nginx       /'
$LOAD --port $VOXPOP_PORT --mode healthz | sed 's/^/voxpop      /'
$LOAD --port $VOXPOP_PORT --mode votes | sed 's/^/voxpop      /'
$LOAD --port $VOXPOP_PORT --mode votes --idle "$IDLE" | sed 's/^/voxpop      /'
kill -TERM $VOXPOP_PID
wait $VOXPOP_PID
VOXPOP_PID=
"$BIN/voxpop" audit --db "$WORK/bench.sqlite" bench
