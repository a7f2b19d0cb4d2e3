#!/usr/bin/env bash
# Bounded load test of a Platen running on this machine. See bench/README.md.
#
#   PLATEN_KEY=ck_live_… bench/load.sh
#
# Settings (environment): PLATEN_URL (http://localhost:8080), PLATEN_KEY (required), N renders (500),
# C concurrent clients (8), M GET requests (5000), TIMEOUT_S per phase (600), POLL_MS (50),
# BENCH_SLUG (bench-load), BENCH_LAYOUT (synth | html | openhtml), GET_TOOL (auto | wrk | java), PLATEN_PID (found from the
# port when unset).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

die() { echo "load.sh: $*" >&2; exit 2; }

export PLATEN_URL="${PLATEN_URL:-http://localhost:8080}"
PLATEN_URL="${PLATEN_URL%/}"
export N="${N:-500}" C="${C:-8}" M="${M:-5000}" TIMEOUT_S="${TIMEOUT_S:-600}" POLL_MS="${POLL_MS:-50}"
export BENCH_SLUG="${BENCH_SLUG:-bench-load}"
GET_TOOL="${GET_TOOL:-auto}"

[ -n "${PLATEN_KEY:-}" ] || die "set PLATEN_KEY to a ck_live_ or ck_test_ key of the server under test"
export PLATEN_KEY
case "$PLATEN_KEY" in ck_live_*|ck_test_*) ;; *) die "PLATEN_KEY must start with ck_live_ or ck_test_" ;; esac
case "$PLATEN_URL" in
  http://localhost|http://localhost:*|http://127.0.0.1|http://127.0.0.1:*|http://\[::1\]|http://\[::1\]:*) ;;
  *) die "PLATEN_URL must be http://localhost[:port]: this benchmark only talks to this machine" ;;
esac
check_int() { # name value min max
  [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] || die "$1 must be an integer from $3 to $4, got '$2'"
}
check_int N "$N" 1 100000
check_int C "$C" 1 256
check_int M "$M" 1 1000000
check_int TIMEOUT_S "$TIMEOUT_S" 1 3600
check_int POLL_MS "$POLL_MS" 1 5000
case "$GET_TOOL" in auto|wrk|java) ;; *) die "GET_TOOL must be auto, wrk or java" ;; esac

# A JDK 17 or newer compiles and runs bench/Load.java (one file, no dependencies).
java_ok() { [ -x "$1" ] && [ -x "$(dirname "$1")/javac" ] && "$1" -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; }
JAVA=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
  [ -n "$candidate" ] && candidate="$(readlink -f "$candidate")"
  if [ -n "$candidate" ] && java_ok "$candidate"; then JAVA="$candidate"; break; fi
done
[ -n "$JAVA" ] || die "a JDK 17 or newer is needed (set JAVA_HOME)"

if [ "$GET_TOOL" = auto ]; then
  if command -v wrk >/dev/null 2>&1; then GET_TOOL=wrk; else GET_TOOL=java; fi
fi
[ "$GET_TOOL" = java ] || command -v wrk >/dev/null 2>&1 || die "GET_TOOL=wrk but wrk is not installed"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export IDS_FILE="$tmp/ids.txt"
# Compiled first rather than run as a source file: the compiler's own JIT work would otherwise run on into the
# measured phase. C1 only and the serial collector keep the client's CPU per render low (bench/README.md).
"$(dirname "$JAVA")/javac" -d "$tmp/classes" "$here/Load.java" || die "bench/Load.java did not compile"
client=("$JAVA" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -cp "$tmp/classes" Load)
# Belt and braces: the Java client gives up after TIMEOUT_S itself; coreutils timeout stops it if it cannot.
hard_limit=$((TIMEOUT_S + 30))

echo "Platen load test: $PLATEN_URL, template $BENCH_SLUG, $N renders, $C clients, $M GETs ($GET_TOOL)" >&2

# ---- phase 1: renders/s ------------------------------------------------------------------------------------------
rc_renders=0
timeout "$hard_limit" "${client[@]}" renders > "$tmp/renders.out" || rc_renders=$?
if [ ! -s "$IDS_FILE" ]; then
  cat "$tmp/renders.out" >&2
  die "the renders phase did not complete (exit $rc_renders); not measuring GET latency"
fi

# ---- phase 2: GET /v1/renders/:id latency ------------------------------------------------------------------------
rc_get=0
if [ "$GET_TOOL" = wrk ]; then
  export BENCH_IDS_FILE="$IDS_FILE" BENCH_MARKER_FILE="$tmp/wrk-threads-done"
  export BENCH_PER_THREAD=$(( (M + C - 1) / C ))
  : > "$BENCH_MARKER_FILE"
  # wrk always sleeps for -d; each thread stops itself after its share, and once all have, SIGINT makes wrk
  # print its report at once. -d is only the time bound.
  wrk -t "$C" -c "$C" -d "${TIMEOUT_S}s" --timeout 10s -s "$here/get_render.lua" "$PLATEN_URL/" \
    > "$tmp/wrk.out" 2>&1 &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    if [ "$(wc -l < "$BENCH_MARKER_FILE")" -ge "$C" ]; then kill -INT "$wrk_pid" 2>/dev/null || true; break; fi
    sleep 0.05
  done
  wait "$wrk_pid" || rc_get=$?
  grep -q '^RESULT get_requests' "$tmp/wrk.out" || { cat "$tmp/wrk.out" >&2; die "wrk did not report"; }
  grep '^RESULT ' "$tmp/wrk.out" > "$tmp/get.out"
  echo "RESULT get_clients $C" >> "$tmp/get.out"
  if [ "$(awk '$2 == "get_errors" {print $3}' "$tmp/get.out")" != 0 ]; then rc_get=1; fi
else
  timeout "$hard_limit" "${client[@]}" get > "$tmp/get.out" || rc_get=$?
fi

# ---- summary -----------------------------------------------------------------------------------------------------
cat "$tmp/renders.out" "$tmp/get.out" | awk '
  $1 == "RESULT" { v[$2] = $3 }
  END {
    line = "-------------------------------------------------------------+------------------"
    printf "\n%-60s | %s\n%s\n", "Platen load test", "value", line
    printf "%-60s | %s\n", "renders submitted / succeeded / failed", v["renders_submitted"] " / " v["renders_succeeded"] " / " v["renders_failed"]
    printf "%-60s | %s\n", "concurrent clients / layout", v["renders_clients"] " / " v["renders_layout"]
    printf "%-60s | %s s\n", "first POST -> last completedAt", v["renders_wall_s"]
    printf "%-60s | %s\n", "renders/s (succeeded / that time)", v["renders_per_s"]
    printf "%-60s | %s s\n", "first POST -> every render seen terminal by polling", v["renders_observed_s"]
    printf "%-60s | %s / %s ms\n", "render durationMs p50 / p99 (queue wait included)", v["render_duration_p50_ms"], v["render_duration_p99_ms"]
    printf "%-60s | %s / %s ms\n", "POST render latency p50 / p99", v["post_p50_ms"], v["post_p99_ms"]
    printf "%-60s | %s\n", "POST retries after 503", v["post_retries_503"]
    printf "%-60s | %s (long-poll: %s)\n", "GET polls while waiting", v["polls"], v["long_poll"]
    printf "%-60s | %s ms\n", "server CPU per render (its /proc/<pid>/stat)", v["server_cpu_ms_per_render"]
    printf "%-60s | %s ms\n", "client CPU per render (this client, JVM start excluded)", v["client_cpu_ms_per_render"]
    printf "%s\n", line
    printf "%-60s | %s\n", "GET /v1/renders/:id requests (" v["get_tool"] ", " v["get_clients"] " clients)", v["get_requests"]
    printf "%-60s | %s / %s ms\n", "GET latency median / p99", v["get_p50_ms"], v["get_p99_ms"]
    printf "%-60s | %s ms\n", "GET latency mean", v["get_mean_ms"]
    printf "%-60s | %s\n", "GET requests/s (approximate)", v["get_per_s"]
    printf "%-60s | %s\n", "GET errors (non-2xx or socket)", v["get_errors"]
  }'

if [ "$rc_renders" -ne 0 ] || [ "$rc_get" -ne 0 ]; then
  echo "load.sh: finished with errors (renders phase exit $rc_renders, GET phase exit $rc_get)" >&2
  # 1: some renders failed or some GETs were not 200; 2 and above: a phase did not finish
  if [ "$rc_renders" -ge 2 ] || [ "$rc_get" -ge 2 ]; then exit 2; fi
  exit 1
fi
