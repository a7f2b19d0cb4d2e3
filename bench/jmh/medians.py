#!/usr/bin/env python3
"""Median of per-fork means from JMH JSON results (-rf json), as docs/benchmarks.md reports them.

Usage: medians.py results/*.json
"""
import json
import statistics
import sys

rows = []
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        m = r["primaryMetric"]
        forks = [statistics.mean(f) for f in m["rawData"]]
        params = r.get("params", {})
        rows.append((r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1],
                     params.get("engine", ""), params.get("rows", ""),
                     statistics.median(forks), min(forks), max(forks), m["score"], m["scoreError"],
                     m["scoreUnit"], r["mode"], len(forks)))

print("| benchmark | engine | rows | median of fork means | fork means (min–max) | JMH mean ± error | forks |")
print("|---|---|---|---|---|---|---|")
for b, e, n, med, lo, hi, score, err, unit, mode, forks in rows:
    print(f"| {b} ({mode}) | {e} | {n} | **{med:.2f} {unit}** | {lo:.2f}–{hi:.2f} | {score:.2f} ± {err:.2f} | {forks} |")
