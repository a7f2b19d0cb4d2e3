#!/bin/bash
# A fresh server for each measurement: starts target/platen.jar on an empty data directory, runs bench/load.sh once
# to warm it up (WARM renders) and once to measure (N renders), prints the second table, stops the server.
#   bench/load-fresh.sh synth|html        (WARM=500, N=1000, C=8, PORT=18600 by default; SERVER_OPTS: more JVM options)
set -euo pipefail
LAYOUT=${1:-synth}
PORT=${PORT:-18600}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
cd "$(dirname "$0")/.."
[ -f target/platen.jar ] || { echo "bench/load-fresh.sh: build first (./platen build)" >&2; exit 1; }
DATA=$(mktemp -d)
KEY=ck_live_benchkey000000000000000001
# the heap ./platen serve gives the server (its JAVA_OPTS): a heap left to grow is collected quite differently
PLATEN_DATA_DIR=$DATA PLATEN_PORT=$PORT PLATEN_BOOTSTRAP_KEY=$KEY java -Xmx1g -Xms1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 ${SERVER_OPTS:-} \
  -jar target/platen.jar > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/ready" > /dev/null && break; sleep 0.5; done
export PLATEN_URL=http://localhost:$PORT PLATEN_KEY=$KEY PLATEN_PID=$PID BENCH_LAYOUT=$LAYOUT C=${C:-8}
N=${WARM:-500} M=1000 bench/load.sh > "$DATA/warm-up.txt" 2>&1
N=${N:-1000} M=${M:-5000} bench/load.sh
