# Sourced by the bench scripts that measure a freshly started server (load-fresh.sh, fsyncs.sh, get-saturated.sh):
#   fresh_server JAR PORT [NAME=VALUE…]
# starts JAR on PORT over an empty temporary data directory with the JVM options ./platen serve gives it (plus
# SERVER_OPTS), waits until /ready answers, and stops it and removes the directory when the script exits. Sets
# JAVA, KEY (the bootstrapped live key), server (its pid) and data (the directory, which also holds server.log).
# With AOT_CACHE set (a cache path), it starts as ./platen serve does with that cache.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/java}"
[ -x "${JAVA:-}" ] || JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$JAVA" ] || JAVA="$(command -v java)"
KEY=ck_live_benchkey000000000000000001

fresh_server() {
  local jar=$1 port=$2
  shift 2
  [ -f "$jar" ] || { echo "bench: $jar is missing: build first (./platen build)" >&2; exit 1; }
  data="$(mktemp -d)"
  # the JVM options ./platen serve gives the server (its JAVA_OPTS): other settings collect and compile differently.
  # GC_OPTS replaces the collector options, to compare another collector.
  local opts
  opts="$("$(dirname "${BASH_SOURCE[0]}")/../platen" jvm-options ${AOT_CACHE:+--with-aot-cache})"
  [ -z "${AOT_CACHE:-}" ] || opts="$opts -XX:AOTCache=$AOT_CACHE -Xlog:aot*=error"
  if [ -n "${GC_OPTS:-}" ]; then
    local g1="-XX:+UseG1GC -XX:MaxGCPauseMillis=20"
    [[ "$opts" == *"$g1"* ]] || { echo "bench: GC_OPTS replaces '$g1', which ./platen jvm-options no longer prints" >&2; exit 2; }
    opts="${opts/"$g1"/$GC_OPTS}"
  fi
  env "$@" PLATEN_DATA_DIR="$data" PLATEN_PORT="$port" PLATEN_BOOTSTRAP_KEY=$KEY \
    "$JAVA" $opts ${SERVER_OPTS:-} -jar "$jar" > "$data/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 1 240); do curl -sf "localhost:$port/ready" > /dev/null 2>&1 && return 0; sleep 0.5; done
  echo "bench: the server did not become ready; its log:" >&2
  cat "$data/server.log" >&2
  exit 2
}
