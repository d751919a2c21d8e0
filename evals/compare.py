"""``--compare RUN_A RUN_B``: each metric's change from run A to run B, with both intervals."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from evals.records import fmt, read_run, verdict


def compare(run_a: Path, run_b: Path) -> list[dict[str, Any]]:
    """One entry per metric in either run: both values and intervals, the delta, and whether
    the change is clear (the intervals do not overlap) and in which direction."""
    _, a_metrics = read_run(run_a)
    _, b_metrics = read_run(run_b)
    a = {m["name"]: m for m in a_metrics}
    b = {m["name"]: m for m in b_metrics}
    out = []
    for name in [*a, *(n for n in b if n not in a)]:
        ma, mb = a.get(name), b.get(name)
        entry: dict[str, Any] = {"name": name, "a": ma, "b": mb, "delta": None, "change": ""}
        if ma and mb and not (math.isnan(ma["value"]) or math.isnan(mb["value"])):
            entry["delta"] = mb["value"] - ma["value"]
            apart = mb["ci_low"] > ma["ci_high"] or mb["ci_high"] < ma["ci_low"]
            entry["change"] = _direction(mb, entry["delta"]) if apart else "within noise"
        out.append(entry)
    return out


def _direction(metric: dict[str, Any], delta: float) -> str:
    t = metric.get("threshold") or {}
    if "max" in t:
        return "better" if delta < 0 else "worse"
    if "min" in t:
        return "better" if delta > 0 else "worse"
    return "higher" if delta > 0 else "lower"


def format_comparison(rows: list[dict[str, Any]], run_a: Path, run_b: Path) -> str:
    def cell(m: dict[str, Any] | None) -> str:
        if m is None:
            return "-"
        unit = m.get("unit", "")
        return f"{fmt(m['value'], unit)} [{fmt(m['ci_low'], unit)}, {fmt(m['ci_high'], unit)}]"

    lines = [
        f"A: {run_a}",
        f"B: {run_b}",
        "",
        f"{'metric':<40} {'A (95% CI)':<30} {'B (95% CI)':<30} {'delta':>9}  "
        f"{'verdict A -> B':<15} change",
    ]
    for r in rows:
        unit = (r["a"] or r["b"] or {}).get("unit", "")
        delta = (
            ""
            if r["delta"] is None
            else f"{r['delta']:+.3f}"
            if unit != "ms"
            else f"{r['delta']:+.0f}"
        )
        verdicts = f"{verdict(r['a'] or {}) or '-'} -> {verdict(r['b'] or {}) or '-'}"
        lines.append(
            f"{r['name']:<40} {cell(r['a']):<30} {cell(r['b']):<30} {delta:>9}  "
            f"{verdicts:<15} {r['change']}"
        )
    return "\n".join(lines)
