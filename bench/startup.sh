#!/usr/bin/env bash
# How fast a freshly started Platen renders: the first FIRST renders after /ready against the steady state of the
# same process, with the AOT cache (target/platen.aot, made by ./platen build) and without it. See bench/README.md.
# The steady state is measured as the first renders are, in phases of FIRST renders (the median of three), so that
# the ratio compares a fresh process with a warm one and not a short phase with a long one (a phase's client start
# and its pipeline filling and draining weigh more in 200 renders than in 500); a longer phase is shown beside it.
#
#   bench/startup.sh                       # both modes, 3 runs each, the synthesised (canvas) invoice
#   BENCH_LAYOUT=html MODES=cache RUNS=1 bench/startup.sh
#
# Settings (environment): MODES ("cache nocache"), RUNS (3), FIRST (200), WARM (2000), STEADY (1000), C (8),
# BENCH_LAYOUT (synth | html | openhtml), JAR (target/platen.jar; its cache is the same path ending .aot), SERVER_OPTS (JVM
# options added to the launcher's, to try one: SERVER_OPTS=-XX:CompileThresholdScaling=0.5), THREADS=1 (after each run,
# on stderr: the server's CPU by thread in the first phase and in the first steady one, so a slow run shows where its
# time went: the JIT compilers, the HTTP carriers, the render threads, the SQLite writer…), TRAPS=1 (after each run, on
# stderr: the uncommon traps that sent compiled code back to the interpreter in the first phase and in the first
# steady one, by method and reason, from -Xlog:deoptimization=debug; a trap at the first real requests is a path the
# start-up warm-up never took, D78). Each run starts the
# jar on a free port over an empty temporary data directory with the launcher's JVM options, and stops it with
# SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "startup.sh: $*" >&2; exit 2; }

MODES="${MODES:-cache nocache}" RUNS="${RUNS:-3}" FIRST="${FIRST:-200}" WARM="${WARM:-2000}" STEADY="${STEADY:-1000}"
export C="${C:-8}" BENCH_LAYOUT="${BENCH_LAYOUT:-synth}"
for v in RUNS FIRST WARM STEADY; do [[ "${!v}" =~ ^[1-9][0-9]{0,4}$ ]] || die "$v must be an integer from 1 to 99999"; done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
[ -x "$JAVA" ] && [ -x "$JAVA_HOME/bin/javac" ] || die "set JAVA_HOME to a JDK 25"
JAR="${JAR:-target/platen.jar}"
# the launcher's own, so that these runs are what ./platen serve runs (it adds some when it starts with the cache)
JVM_OPTS="$(./platen jvm-options)"
JVM_OPTS_AOT="$(./platen jvm-options --with-aot-cache)"
AOT="${JAR%.jar}.aot"
[ -f "$JAR" ] || die "$JAR is missing: run ./platen build"
case " $MODES " in *" cache "*) [ -f "$AOT" ] || die "$AOT is missing: run ./platen build" ;; esac

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
"$JAVA_HOME/bin/javac" -d "$tmp/classes" bench/Load.java || die "bench/Load.java did not compile"
KEY=ck_live_startupbench0000000000001

# per_thread: the server's CPU so far by thread name (numbered threads of a pool summed), in ms
per_thread() {
  cat /proc/"$server"/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{
    o = index($0, "("); c = 0
    for (i = length($0); i > o; i--) if (substr($0, i, 1) == ")") { c = i; break }
    n = substr($0, o + 1, c - o - 1); gsub(/ /, "_", n); sub(/[-#_]?[0-9]+$/, "", n)
    split(substr($0, c + 2), f, " "); t[n] += f[12] + f[13]
  } END { for (k in t) print k, t[k] * 1000 / hz }'
}
# snap N: with THREADS=1, per_thread into $tmp/threads.N; with TRAPS=1, the time into $tmp/at.N (as -Xlog's "utctime")
snap() {
  if [ "${THREADS:-}" = 1 ]; then per_thread > "$tmp/threads.$1"; fi
  if [ "${TRAPS:-}" = 1 ]; then date -u +%Y-%m-%dT%H:%M:%S.%3N > "$tmp/at.$1"; fi
}
# traps FROM TO: the uncommon traps logged between snaps FROM and TO, as "count method reason", most first
traps() {
  awk -v a="$(cat "$tmp/at.$1")" -v b="$(cat "$tmp/at.$2")" -F'[][]' '
    /trap_bci=/ { t = substr($2, 1, 23); if (t < a || t > b) next
      m = $0; sub(/.*level=[0-9] /, "", m); split(m, f, " "); sub(/\(.*/, "", f[1])
      r = m; sub(/.*trap_bci=[0-9]+ /, "", r); split(r, g, " "); n[f[1] " " g[1]]++ }
    END { for (k in n) print n[k], k }' "$tmp/deopt.log" | sort -rn | head -n 8 | tr '\n' ';'
}

# renders N LABEL: one renders phase of bench/Load.java; prints "renders/s server-CPU-ms-per-render"
renders() {
  N="$1" PLATEN_KEY="$KEY" PLATEN_PID="$server" IDS_FILE="$tmp/ids" TIMEOUT_S=600 \
    "$JAVA" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -cp "$tmp/classes" Load renders \
    2>>"$tmp/client.log" > "$tmp/out" || { cat "$tmp/client.log" "$tmp/out" >&2; die "the $2 renders failed"; }
  echo "$(awk '$2 == "renders_per_s" {print $3}' "$tmp/out") $(awk '$2 == "server_cpu_ms_per_render" {print $3}' "$tmp/out")"
}

echo "Start-up benchmark: $JAR, $BENCH_LAYOUT layout, first $FIRST renders, then $WARM to warm up, then 3 × $FIRST" \
  "steady and $STEADY in one phase; $C clients; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '%-8s %3s | %8s | %12s %12s | %12s %12s | %10s | %6s\n' mode run "ready s" "first r/s" "cpu ms/r" \
  "steady r/s" "cpu ms/r" "long r/s" "ratio" | tee "$tmp/table"
for mode in $MODES; do
  for run in $(seq 1 "$RUNS"); do
    aot=()
    opts="$JVM_OPTS"
    if [ "$mode" = cache ]; then aot=(-XX:AOTCache="$AOT" -Xlog:aot*=error); opts="$JVM_OPTS_AOT"; fi
    opts="$opts ${SERVER_OPTS:-}"
    if [ "${TRAPS:-}" = 1 ]; then opts="$opts -Xlog:deoptimization=debug:file=$tmp/deopt.log:utctime:filecount=0"; fi
    rm -f "$tmp/deopt.log"
    rm -rf "$tmp/data"
    start=$(date +%s%N)
    # the launcher's command line (./platen serve), on a free port
    env PLATEN_DATA_DIR="$tmp/data" PLATEN_PORT=0 PLATEN_BOOTSTRAP_KEY="$KEY" \
      "$JAVA" $opts ${aot[@]+"${aot[@]}"} -jar "$JAR" > "$tmp/server.log" 2>&1 &
    server=$!
    url=""
    ready_ok=false
    for _ in $(seq 1 3000); do
      [ -z "$url" ] && url="$(grep -o 'listening on http://localhost:[0-9]*' "$tmp/server.log" | head -n 1 | sed 's/^listening on //' || true)"
      if [ -n "$url" ] && curl -sf "$url/ready" -o /dev/null; then ready_ok=true; break; fi
      kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log" >&2; die "the server exited"; }
      # a cache made for another jar (rebuilt by mvn package since) is refused by the JVM, which then starts
      # without it: the run would measure a start without the cache under the cache's name
      if grep -q '\[error *\]\[aot' "$tmp/server.log"; then
        grep '\[aot' "$tmp/server.log" | head -n 3 >&2; die "the JVM refused $AOT: run ./platen build"
      fi
      sleep 0.05
    done
    $ready_ok || { cat "$tmp/server.log" >&2; die "the server was not ready after 150 s"; }
    ready=$(( ($(date +%s%N) - start) / 1000000 ))
    export PLATEN_URL="$url"
    # not in a subshell, so that a failed phase ends the script
    snap 0
    renders "$FIRST" first > "$tmp/phase"
    snap 1
    read -r first first_cpu < "$tmp/phase"
    renders "$WARM" warm-up > /dev/null
    : > "$tmp/steady"
    snap 2
    renders "$FIRST" steady >> "$tmp/steady"
    snap 3
    for _ in 2 3; do renders "$FIRST" steady >> "$tmp/steady"; done
    if [ "${THREADS:-}" = 1 ]; then
      # thread groups that used 10 ms or more in either phase, as "name first/steady"
      awk 'FNR == 1 { file++ } { cpu[$1, file] = $2; names[$1] }
        END { for (n in names) { a = cpu[n, 2] - cpu[n, 1]; b = cpu[n, 4] - cpu[n, 3]
          if (a >= 10 || b >= 10) printf " %s %d/%d", n, a, b } }' \
        "$tmp/threads.0" "$tmp/threads.1" "$tmp/threads.2" "$tmp/threads.3" \
        | xargs echo "$mode run $run, server CPU ms by thread, first $FIRST / one steady $FIRST:" >&2
    fi
    if [ "${TRAPS:-}" = 1 ]; then
      echo "$mode run $run, uncommon traps, first $FIRST: $(traps 0 1)" >&2
      echo "$mode run $run, uncommon traps, one steady $FIRST: $(traps 2 3)" >&2
    fi
    read -r steady steady_cpu < <(sort -n "$tmp/steady" | sed -n 2p)
    renders "$STEADY" long > "$tmp/phase"
    read -r long _ < "$tmp/phase"
    kill -TERM "$server"; wait "$server" || true; server=""
    ratio=$(awk -v a="$first" -v b="$steady" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    printf '%-8s %3s | %8.2f | %12s %12s | %12s %12s | %10s | %6s\n' "$mode" "$run" \
      "$(awk -v r="$ready" 'BEGIN { print r / 1000 }')" "$first" "$first_cpu" "$steady" "$steady_cpu" "$long" "$ratio" \
      | tee -a "$tmp/table"
  done
done
echo "medians:"
for mode in $MODES; do
  awk -v m="$mode" '$1 == m { n++; r[n] = $4; f[n] = $6; s[n] = $9; l[n] = $12; q[n] = $14 + 0 }
    function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    END { if (n) printf "%-8s ready %.2f s, first %s r/s, steady %s r/s (%s in the longer phase), ratio %s%% (median of %d runs)\n", m, med(r, n), med(f, n), med(s, n), med(l, n), med(q, n), n }' "$tmp/table"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
