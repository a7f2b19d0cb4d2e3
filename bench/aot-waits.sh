#!/usr/bin/env bash
# Which of the AOT cache's trained C2 compiles still wait after /ready, and for which classes. JDK 25 keeps a method
# the training run compiled with C2 at tier 2 until every class that compile looked at is initialized in this process
# (CompilationPolicy::trained_transition_from_limited_profile); one never initialized keeps it there for good, and
# one initialized late sends it to C2 in the middle of the first renders (docs/decisions.md D76). See bench/README.md.
#
#   bench/aot-waits.sh                     # after /ready and FIRST renders of the HTML invoice
#   BENCH_LAYOUT=synth FIRST=0 bench/aot-waits.sh
#
# Settings (environment): FIRST (200 renders after /ready; 0 for none), BENCH_LAYOUT (html | synth | openhtml),
# JAR (target/platen.jar, its cache the same path ending .aot). The server runs as ./platen serve runs it, with
# -XX:+AOTPrintTrainingInfo (the cache's compiles and the classes each depends on, printed as it starts) and
# -Xlog:class+init (each class as it is initialized). A dependency counts as met if it was initialized when the
# cache was mapped or before the point looked at.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "aot-waits.sh: $*" >&2; exit 2; }

FIRST="${FIRST:-200}"
[[ "$FIRST" =~ ^[0-9]{1,5}$ ]] || die "FIRST must be an integer from 0 to 99999"
export C="${C:-8}" BENCH_LAYOUT="${BENCH_LAYOUT:-html}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
[ -x "$JAVA" ] && [ -x "$JAVA_HOME/bin/javac" ] || die "set JAVA_HOME to a JDK 25"
JAR="${JAR:-target/platen.jar}"
AOT="${JAR%.jar}.aot"
[ -f "$JAR" ] && [ -f "$AOT" ] || die "$JAR or $AOT is missing: run ./platen build"

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
"$JAVA_HOME/bin/javac" -d "$tmp/classes" bench/Load.java || die "bench/Load.java did not compile"
KEY=ck_live_startupbench0000000000001

: > "$tmp/server.log"
env PLATEN_DATA_DIR="$tmp/data" PLATEN_PORT=0 PLATEN_BOOTSTRAP_KEY="$KEY" \
  "$JAVA" $(./platen jvm-options --with-aot-cache) -XX:AOTCache="$AOT" -Xlog:aot*=error \
  -XX:+UnlockDiagnosticVMOptions -XX:+AOTPrintTrainingInfo -Xlog:class+init=info:file="$tmp/init.log" \
  -jar "$JAR" > "$tmp/server.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 3000); do
  [ -z "$url" ] && url="$(grep -ao 'listening on http://localhost:[0-9]*' "$tmp/server.log" | head -n 1 | sed 's/^listening on //' || true)"
  if [ -n "$url" ] && curl -sf "$url/ready" -o /dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { tail -n 20 "$tmp/server.log" >&2; die "the server exited"; }
  sleep 0.05
done
curl -sf "$url/ready" -o /dev/null || die "the server was not ready after 150 s"
grep -q 'after all classes preloaded' "$tmp/server.log" || die "no training data printed: was $AOT made by ./platen build?"
if [ "$FIRST" -gt 0 ]; then
  N="$FIRST" PLATEN_URL="$url" PLATEN_KEY="$KEY" PLATEN_PID="$server" IDS_FILE="$tmp/ids" TIMEOUT_S=600 \
    "$JAVA" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -cp "$tmp/classes" Load renders \
    > "$tmp/out" 2>&1 || { cat "$tmp/out" >&2; die "the renders failed"; }
fi
cp "$tmp/init.log" "$tmp/init.seen"
kill -TERM "$server"; wait "$server" || true; server=""

echo "AOT cache $AOT, $BENCH_LAYOUT layout, looked at after /ready and $FIRST renders"
# the initialized classes, then the compiles printed after the classes were preloaded: a dependency printed with a
# state ([A]llocated, [D] loaded, [L]inked, [i]nitializing, [E]rror) was not initialized then
awk '
  FNR == NR { if (match($0, /Initializing .[^ (]+/)) { n = substr($0, RSTART + 14, RLENGTH - 14); sub(/.$/, "", n)
                sub(/\(no method\)$/, "", n); init[n] = 1 }
              next }
  /after all classes preloaded/ { dict = 1; next }
  dict && $0 ~ /(^| )C [^ ]+#[0-9]+L4( |$)/ {
    for (i = 1; i <= NF; i++) if ($i == "C") { m = $(i + 1); break }
    if (m in seen) next
    seen[m] = 1; compiles++; left = ""
    for (i = 1; i <= NF; i++) {
      if ($i !~ /^dep:/) continue
      d = substr($i, 5); if (d !~ /\[[ADLiE]\]I?$/) continue
      c = d; sub(/\[[ADLiE]\]I?$/, "", c)
      if (!(c in init)) { left = left " " c; waits[c]++ }
    }
    if (left != "") { waiting++; sub(/\[[ADLiE]\]/, "", m); byMethod[m] = left }
  }
  END {
    printf "trained C2 compiles: %d; still waiting: %d\n", compiles, waiting
    for (c in waits) printf "  %4d wait for %s\n", waits[c], c | "sort -rn"
    close("sort -rn")
    for (m in byMethod) printf "    %s:%s\n", m, byMethod[m] | "sort"
    close("sort")
  }' "$tmp/init.seen" "$tmp/server.log"
