#!/usr/bin/env bash
# GET /v1/renders/:id latency while the render threads are saturated: a fresh server (the launcher's heap options,
# SERVER_OPTS added), WARM renders to warm it up, then SAT more submitted by bench/load.sh in the background and,
# 4 s into them, wrk for 10 s on one succeeded render's record.
#
#   bench/get-saturated.sh               # WARM=3000 SAT=4000 PORT=18483 BENCH_LAYOUT=synth
#
# Needs wrk and a JDK 21 or newer (JAVA_HOME, else Temurin 25, else java on PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$here/../target/platen.jar}" WARM="${WARM:-3000}" SAT="${SAT:-4000}" PORT="${PORT:-18483}"
command -v wrk >/dev/null || { echo "get-saturated.sh: wrk is not installed" >&2; exit 2; }
. "$here/fresh-server.sh"
fresh_server "$JAR" "$PORT" PLATEN_WARMUP=off
load() { PLATEN_URL=http://localhost:$PORT PLATEN_KEY=$KEY PLATEN_PID=$server N=$1 M=$2 C=8 GET_TOOL=java \
  "$here/load.sh"; }
load "$WARM" 500 > "$data/warm.txt" 2>&1
id=$(curl -sf -H "Authorization: Bearer $KEY" "localhost:$PORT/v1/renders?limit=1" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["renders"][0]["id"])')
load "$SAT" 100 > "$data/saturate.txt" 2>&1 &
saturate=$!
sleep 4
wrk -t2 -c8 -d10s --latency -H "Authorization: Bearer $KEY" "http://localhost:$PORT/v1/renders/$id" \
  | grep -E '^ +(50|90|99)%|Requests/sec|Non-2xx'
wait $saturate
grep -E 'renders/s|server CPU|POST render' "$data/saturate.txt"
