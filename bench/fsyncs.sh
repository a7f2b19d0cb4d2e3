#!/usr/bin/env bash
# Syncs per accepted render: a fresh server on a temporary data directory (SQLite, local files), a warm-up, then
# N renders through bench/load.sh with every fsync/fdatasync/mkdir of the server counted by strace, by file.
#
#   bench/fsyncs.sh                     # JAR=target/platen.jar N=1000 WARM=300 PORT=18481
#
# Needs strace and a JDK 21 or newer (JAVA_HOME, else Temurin 25, else java on PATH; see fresh-server.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
JAR="${JAR:-$here/../target/platen.jar}" N="${N:-1000}" WARM="${WARM:-300}" PORT="${PORT:-18481}"
command -v strace >/dev/null || { echo "fsyncs.sh: strace is not installed" >&2; exit 2; }
. "$here/fresh-server.sh"
fresh_server "$JAR" "$PORT" PLATEN_WARMUP=off
load() { PLATEN_URL=http://localhost:$PORT PLATEN_KEY=$KEY PLATEN_PID=$server N=$1 C=8 M=200 GET_TOOL=java \
  "$here/load.sh"; }
load "$WARM" > "$data/warm.txt" 2>&1
strace -f -y -e trace=fsync,fdatasync,mkdir,mkdirat -o "$data/strace.txt" -p $server 2>/dev/null &
tracer=$!
sleep 2
load "$N" 2>/dev/null | grep -E 'renders/s|server CPU'
sleep 1; kill $tracer; wait $tracer 2>/dev/null || true
python3 - "$data/strace.txt" "$N" <<'PY'
import collections, re, sys
counts = collections.Counter()
for line in open(sys.argv[1]):
    m = re.search(r'\b(fsync|fdatasync|mkdir|mkdirat)\(([^)]*)', line)
    if not m:
        continue
    if m[1].startswith('mkdir'):
        counts['mkdir'] += 1
        continue
    path = re.search(r'<([^>]*)>', m[2])
    p = path[1] if path else '?'
    kind = ('SQLite WAL' if p.endswith('-wal') else 'SQLite database (checkpoints)' if p.endswith('.db')
            else 'PDF file' if '.tmp-' in p or p.endswith('.pdf') else 'directory' if '/' in p else 'other')
    counts[kind] += 1
n = int(sys.argv[2])
for k, v in sorted(counts.items()):
    print(f'{k:32} {v / n:.3f} per render')
print(f'{"all fsyncs":32} {sum(v for k, v in counts.items() if k != "mkdir") / n:.3f} per render')
PY
