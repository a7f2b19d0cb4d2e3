#!/bin/bash
# A fresh server for each measurement: starts target/platen.jar on an empty data directory, runs bench/load.sh once
# to warm it up (WARM renders) and once to measure (N renders), prints the second table, stops the server.
#   bench/load-fresh.sh synth|html        (WARM=500, N=1000, C=8, PORT=18600 by default; SERVER_OPTS: more JVM options)
set -euo pipefail
LAYOUT=${1:-synth}
PORT=${PORT:-18600}
cd "$(dirname "$0")/.."
. bench/fresh-server.sh
fresh_server target/platen.jar "$PORT"
export PLATEN_URL=http://localhost:$PORT PLATEN_KEY=$KEY PLATEN_PID=$server BENCH_LAYOUT=$LAYOUT C=${C:-8}
N=${WARM:-500} M=1000 bench/load.sh > "$data/warm-up.txt" 2>&1
N=${N:-1000} M=${M:-5000} bench/load.sh
