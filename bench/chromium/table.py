"""Medians of bench/chromium.sh's runs and Platen / Chromium ratios, as a Markdown table.

Usage: python3 bench/chromium/table.py OUT_DIR   (files ROUND-SIDE-DOC-C-STYLE.txt of RESULT lines)
"""
import glob
import os
import statistics
import sys

out = sys.argv[1]
runs = {}  # (side, doc, c, style) -> list of {name: value}
for path in sorted(glob.glob(os.path.join(out, "*-*-*-*-*.txt"))):
    _, side, doc, c, style = os.path.basename(path)[:-4].split("-")
    values = {}
    with open(path) as f:
        for line in f:
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[0] == "RESULT":
                values[parts[1]] = parts[2].strip()
    if "docs_per_s" in values:
        runs.setdefault((side, doc, int(c), style), []).append(values)


def med(side, doc, c, style, name):
    vals = [float(r[name]) for r in runs.get((side, doc, c, style), []) if r.get(name, "-") != "-"]
    return statistics.median(vals) if vals else None


def f(v, unit=""):
    if v is None:
        return "-"
    return ("%.0f" % v if v >= 100 else "%.1f" % v if v >= 10 else "%.2f" % v) + unit


def pages(side, doc, c, style):
    return "/".join(sorted({r.get("pages", "?") for r in runs.get((side, doc, c, style), [])}))


print("| document | style | C | side | runs | docs/s | p50 ms | p99 ms | CPU ms/doc | client CPU ms/doc | load | pages |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
keys = sorted({(d, s, c) for (_, d, c, s) in runs}, key=lambda k: (k[0] != "invoice", k[1], k[2]))
for doc, style, c in keys:
    for side in ("chromium", "platen"):
        n = len(runs.get((side, doc, c, style), []))
        print("| %s | %s | %d | %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            doc, style, c, side, n, f(med(side, doc, c, style, "docs_per_s")),
            f(med(side, doc, c, style, "latency_p50_ms")), f(med(side, doc, c, style, "latency_p99_ms")),
            f(med(side, doc, c, style, "cpu_ms_per_doc")), f(med(side, doc, c, style, "client_cpu_ms_per_doc")),
            f(med(side, doc, c, style, "load_before")), pages(side, doc, c, style)))
print()
print("Ratios of the medians (Platen over Chromium for throughput, Chromium over Platen for latency and CPU; "
      "target ≥ 25×):")
print()
print("| document | style | C | throughput | p50 latency | p99 latency | CPU per document | ≥ 25× on all three? |")
print("|---|---|---|---|---|---|---|---|")
for doc, style, c in keys:
    def ratio(name, platen_over):
        p, ch = med("platen", doc, c, style, name), med("chromium", doc, c, style, name)
        if not p or not ch:
            return None
        return p / ch if platen_over else ch / p
    r = [ratio("docs_per_s", True), ratio("latency_p50_ms", False), ratio("latency_p99_ms", False)]
    cpu = ratio("cpu_ms_per_doc", False)
    ok = all(x is not None and x >= 25 for x in r)
    print("| %s | %s | %d | %s | %s | %s | %s | %s |" % (
        doc, style, c, f(r[0], "×"), f(r[1], "×"), f(r[2], "×"), f(cpu, "×"), "yes" if ok else "no"))
