#!/usr/bin/env bash
# Issue 12's side-by-side bench: Platen over HTTP against a warm headless Chromium (a new tab per document, as
# Puppeteer/Gotenberg-style services run it), on the HTML invoice and a 1,000-row HTML statement, both sides
# interleaved, ROUNDS times; prints the medians and the ratios. See bench/README.md ("Side by side with Chromium").
#
#   bench/chromium.sh            (after ./platen build or mvn -B -q -o -DskipTests package)
#
# Settings (environment): ROUNDS (3), CS ("2 8"), STYLES ("inline css"), PORT (18700), CHROMIUM (/usr/bin/chromium),
# N_INVOICE_CHROMIUM (120), N_STATEMENT_CHROMIUM (24), N_INVOICE_PLATEN (600), N_STATEMENT_PLATEN (80),
# WARM_INVOICE_PLATEN (1000), WARM_STATEMENT_PLATEN (20) documents per style and warm-up round, rounds until the
# server's JIT compiler threads take under JIT_SETTLED (0.15) of its CPU in a round, at most WARM_ROUNDS (12),
# DOCS (a directory with your own invoice and statement instead of the built-in ones),
# OUT (a new temporary directory; the raw RESULT lines of every run are kept there).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
ROUNDS=${ROUNDS:-3}
CS=${CS:-2 8}
# DOCS=dir: your own documents (invoice.template.json, invoice.data.json, statement.…; SideBySide.docs())
if [ -n "${DOCS:-}" ]; then STYLES=docs; export DOCS=$(cd "$DOCS" && pwd); fi
STYLES=${STYLES:-inline css}
PORT=${PORT:-18700}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -f target/platen.jar ] || { echo "bench/chromium.sh: build first (./platen build --no-aot-cache)" >&2; exit 2; }
[ -x "$CHROMIUM" ] || { echo "bench/chromium.sh: no $CHROMIUM (apt-get install -y chromium)" >&2; exit 2; }

OUT=${OUT:-$(mktemp -d /tmp/bench-chromium-out.XXXXXX)}
mkdir -p "$OUT"
WORK=$(mktemp -d)
KEY=ck_live_benchkey000000000000000001
SPID=""
cleanup() {
  if [ -n "$SPID" ]; then kill "$SPID" 2>/dev/null || true; wait "$SPID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

javac -d "$WORK/classes" -cp target/platen.jar bench/chromium/SideBySide.java bench/Load.java
sbs() { java -XX:+UseSerialGC -cp "$WORK/classes:target/platen.jar" SideBySide "$@"; }

{
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "cores: $(nproc); start: $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt" >&2

# A fresh Platen (empty data directory, SQLite, no AOT cache) with the JVM options ./platen serve gives it.
mkdir -p "$WORK/data"
PLATEN_DATA_DIR="$WORK/data" PLATEN_PORT=$PORT PLATEN_BOOTSTRAP_KEY=$KEY java $(./platen jvm-options) \
  -jar target/platen.jar \
  > "$WORK/server.log" 2>&1 &
SPID=$!
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/ready" > /dev/null && break; sleep 0.5; done
curl -sf "localhost:$PORT/ready" > /dev/null || { cat "$WORK/server.log" >&2; exit 2; }
export PLATEN_URL=http://localhost:$PORT PLATEN_KEY=$KEY PLATEN_PID=$SPID

for style in $STYLES; do STYLE=$style sbs publish | grep template_ | tee -a "$OUT/machine.txt" >&2; done
# CPU ticks of the server so far: all its threads, then its JIT compiler threads alone (a thread's name may hold a
# space, so /proc's stat is read from after the name's closing parenthesis).
cpu_ticks() { sed 's/.*) //' "/proc/$SPID/stat" | awk '{print $12 + $13}'; }
jit_ticks() {
  local t sum=0
  for t in /proc/$SPID/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) sum=$((sum + $(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}'))) ;;
    esac
  done
  echo "$sum"
}
# Platen's warm-up, until it is warm: with one C2 thread on 2 cores, the JIT was still compiling after 5,000
# documents, spending 20-33% of the server's CPU there (docs/benchmarks.md, "The JIT in the measured window"), so
# rounds run until the compiler threads take under JIT_SETTLED of the server's CPU.
for round in $(seq 1 "${WARM_ROUNDS:-12}"); do
  cpu0=$(cpu_ticks); jit0=$(jit_ticks)
  for style in $STYLES; do
    STYLE=$style DOC=invoice C=8 WARM=0 N="${WARM_INVOICE_PLATEN:-1000}" sbs platen > /dev/null 2>> "$OUT/log.txt"
    STYLE=$style DOC=statement C=8 WARM=0 N="${WARM_STATEMENT_PLATEN:-20}" sbs platen > /dev/null 2>> "$OUT/log.txt"
  done
  cpu1=$(cpu_ticks); jit1=$(jit_ticks)
  share=$(awk -v j=$((jit1 - jit0)) -v c=$((cpu1 - cpu0)) 'BEGIN { printf "%.3f", (c > 0 ? j / c : 1) }')
  echo "platen warm-up round $round: JIT share of server CPU $share" | tee -a "$OUT/machine.txt" >&2
  awk -v s="$share" -v t="${JIT_SETTLED:-0.15}" 'BEGIN { exit !(s < t) }' && break
done

measure() { # side doc c style round
  local side=$1 doc=$2 c=$3 style=$4 round=$5 n warm
  if [ "$side" = chromium ]; then
    if [ "$doc" = invoice ]; then n=${N_INVOICE_CHROMIUM:-120}; warm=$((c * 3)); else n=${N_STATEMENT_CHROMIUM:-24}; warm=$c; fi
  else
    if [ "$doc" = invoice ]; then n=${N_INVOICE_PLATEN:-600}; warm=100; else n=${N_STATEMENT_PLATEN:-80}; warm=10; fi
  fi
  echo "round $round: $side $doc C=$c style=$style N=$n (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  STYLE=$style DOC=$doc C=$c WARM=$warm N=$n sbs "$side" > "$OUT/$round-$side-$doc-$c-$style.txt" 2>> "$OUT/log.txt"
}

for round in $(seq 1 "$ROUNDS"); do
  # interleaved, and which side goes first alternates from round to round
  if [ $((round % 2)) = 1 ]; then sides="platen chromium"; else sides="chromium platen"; fi
  for doc in invoice statement; do
    for c in $CS; do
      for style in $STYLES; do
        for side in $sides; do measure "$side" "$doc" "$c" "$style" "$round"; done
      done
    done
  done
done
echo "end: $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2
python3 bench/chromium/table.py "$OUT"
echo "raw results: $OUT" >&2
