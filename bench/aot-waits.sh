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
# JAR (target/platen.jar, its cache the same path ending .aot), PORT (18485). The server runs as ./platen serve runs
# it (bench/fresh-server.sh), plus -XX:+AOTPrintTrainingInfo (the cache's compiles and the classes each depends on,
# printed as it starts) and -Xlog:class+init (each class as it is initialized); bench/load.sh sends the renders. A
# dependency counts as met if it was initialized when the cache was mapped or before the point looked at.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "aot-waits.sh: $*" >&2; exit 2; }

FIRST="${FIRST:-200}"
[[ "$FIRST" =~ ^[0-9]{1,5}$ ]] || die "FIRST must be an integer from 0 to 99999"
export C="${C:-8}" BENCH_LAYOUT="${BENCH_LAYOUT:-html}"
JAR="${JAR:-target/platen.jar}"
AOT="${JAR%.jar}.aot"
[ -f "$JAR" ] && [ -f "$AOT" ] || die "$JAR or $AOT is missing: run ./platen build"
PORT="${PORT:-18485}"
. bench/fresh-server.sh
logs="$(mktemp -d)"
AOT_CACHE="$AOT" \
  SERVER_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+AOTPrintTrainingInfo -Xlog:class+init=info:file=$logs/init.log" \
  fresh_server "$JAR" "$PORT"
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data" "$logs"' EXIT
grep -q 'after all classes preloaded' "$data/server.log" \
  || die "no training data printed: was $AOT made by ./platen build?"
if [ "$FIRST" -gt 0 ]; then
  PLATEN_URL="http://localhost:$PORT" PLATEN_KEY="$KEY" PLATEN_PID="$server" N="$FIRST" M=1 GET_TOOL=java \
    bench/load.sh > "$logs/load.txt" 2>&1 || { cat "$logs/load.txt" >&2; die "the renders failed"; }
fi
cp "$logs/init.log" "$logs/init.seen"

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
  }' "$logs/init.seen" "$data/server.log"
