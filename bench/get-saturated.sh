#!/usr/bin/env bash
# GET /v1/renders/:id latency while the render threads have more work than they can do: a fresh server started as
# ./platen serve starts it (the launcher's heap options, the start-up warm-up; SERVER_OPTS added), WARM renders
# through bench/load.sh, then BACKLOG_S seconds of POSTs as fast as wrk sends them (until the project's queue is
# full), then wrk for 10 s on one succeeded render's record while the render threads work through that backlog.
#
#   bench/get-saturated.sh               # WARM=3000 BACKLOG_S=6 PORT=18483 BENCH_LAYOUT=synth
#
# Needs wrk and a JDK 21 or newer (JAVA_HOME, else Temurin 25, else java on PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$here/../target/platen.jar}" WARM="${WARM:-3000}" BACKLOG_S="${BACKLOG_S:-6}" PORT="${PORT:-18483}"
command -v wrk >/dev/null || { echo "get-saturated.sh: wrk is not installed" >&2; exit 2; }
. "$here/fresh-server.sh"
# a queue deep enough that the backlog outlasts the measurement (the default caps a project at 5,000)
fresh_server "$JAR" "$PORT" PLATEN_MAX_QUEUE_DEPTH=100000
base="http://localhost:$PORT"
PLATEN_URL=$base PLATEN_KEY=$KEY PLATEN_PID=$server N="$WARM" M=500 C=8 GET_TOOL=java "$here/load.sh" \
  > "$data/warm.txt" 2>&1
id=$(curl -sf -H "Authorization: Bearer $KEY" "$base/v1/renders?limit=1&status=succeeded" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["renders"][0]["id"])')
count() { # renders in status $1, up to 100
  curl -sf -H "Authorization: Bearer $KEY" "$base/v1/renders?limit=100&status=$1" \
    | python3 -c 'import json, sys; n = len(json.load(sys.stdin)["renders"]); print(n if n < 100 else "100 or more")'
}
echo "backlog: $(PLATEN_KEY=$KEY wrk -t2 -c8 -d"${BACKLOG_S}s" -s "$here/post_render.lua" \
  "$base/v1/templates/bench-load/render" | awk '/^ +[0-9]+ requests in/ {all=$1} /Non-2xx/ {no=$NF}
  END {printf "%d POSTs, %d accepted", all, all - no}'), $(count queued) queued"
cpu0=$(awk '{print $14 + $15}' "/proc/$server/stat")
wrk -t2 -c8 -d10s --latency -H "Authorization: Bearer $KEY" "$base/v1/renders/$id" \
  | grep -E '^ +(50|90|99)%|Requests/sec|Non-2xx'
cpu1=$(awk '{print $14 + $15}' "/proc/$server/stat")
echo "still queued when the GETs ended: $(count queued) (none means the render threads ran out of work: raise BACKLOG_S)"
echo "failed renders: $(count failed) (the backlog's renders must succeed, or the workers had less to do)"
echo "server CPU during the GETs: $(( (cpu1 - cpu0) * 1000 / $(getconf CLK_TCK) / 10 )) ms per second"
