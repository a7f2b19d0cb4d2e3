#!/bin/sh
# Runs every render benchmark of docs/benchmarks.md, one after the other, and records the machine load around
# each run (the build machine is shared: numbers taken under load are not comparable).
# Usage: bench/jmh/run-all.sh [output-dir]   (after mvn package in the repository root and in bench/jmh)
set -eu
cd "$(dirname "$0")"
OUT=${1:-target/results}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# test-classes: the HTML equivalence corpus HtmlDirectBench renders
CP='target/classes:target/lib/*:../../target/platen.jar:../../target/test-classes'
mkdir -p "$OUT"
run() {
  name=$1; shift
  echo "before $name: $(uptime)" >> "$OUT/load.txt"
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$@" -rf json -rff "$OUT/$name.json" > "$OUT/$name.txt" 2>&1
  echo "after  $name: $(uptime)" >> "$OUT/load.txt"
}
run render 'RenderBench' -p engine=html,direct
run html-layout 'HtmlLayoutBench'
run html-direct 'HtmlDirectBench'
run large-html 'LargeBench' -p engine=html -p rows=10000
run large-direct 'LargeBench' -p engine=direct -p rows=1000,2500,5000,10000
for engine in direct html; do
  "$JAVA" -Xmx512m -Djava.awt.headless=true -cp "$CP" dev.platen.bench.MemoryCheck "$engine" 10000 2 2>&1 \
    | grep '^engine=' >> "$OUT/memory.txt"
done
for mode in cold warm; do
  "$JAVA" -Djava.awt.headless=true -cp "$CP" dev.platen.bench.FirstRender routing "$mode" 2>&1 \
    | grep '^engine=' >> "$OUT/first-render.txt"
done
