"""A run's record: a folder with its settings and provenance, every row, the metrics, and
a report in JSON, Markdown and HTML (with charts); and reading one back for comparison."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from pathlib import Path
from typing import Any

from evals.runner import RunResult


def new_run_dir(out: Path, suite: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"{stamp}-{suite}"
    n = 1
    while path.exists():
        n += 1
        path = out / f"{stamp}-{suite}-{n}"
    path.mkdir(parents=True)
    return path


def write_run(result: RunResult, folder: Path) -> None:
    metrics = [m.to_dict() for m in result.metrics]
    (folder / "meta.json").write_text(json.dumps(result.meta, indent=2), encoding="utf-8")
    with (folder / "rows.jsonl").open("w", encoding="utf-8") as out:
        for row in result.rows:
            out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    errors = _errors(result)
    report = {"meta": result.meta, "metrics": metrics, "errors": errors}
    (folder / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (folder / "report.md").write_text(markdown(result.meta, metrics, errors), "utf-8")
    (folder / "report.html").write_text(html_report(result.meta, metrics, errors), "utf-8")


def read_run(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(meta, metrics) of a recorded run; a clear error when the folder is not one."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{folder} is not a readable eval run ({exc})") from exc
    return meta, metrics


def _errors(result: RunResult) -> list[dict[str, str]]:
    return [{"task": r.task, "id": r.id, "error": r.error} for r in result.rows if r.error]


def fmt(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def verdict(metric: dict[str, Any]) -> str:
    return {True: "pass", False: "FAIL", None: ""}[metric.get("passed")]


def target(metric: dict[str, Any]) -> str:
    t = metric.get("threshold") or {}
    parts = [f"≥ {t['min']}" if "min" in t else "", f"≤ {t['max']}" if "max" in t else ""]
    text = " ".join(p for p in parts if p)
    return f"{text} (CI low)" if text and t.get("bound") == "ci_low" else text


def table_rows(metrics: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            m["name"],
            fmt(m["value"], m["unit"]),
            f"[{fmt(m['ci_low'], m['unit'])}, {fmt(m['ci_high'], m['unit'])}]",
            str(m["n"]),
            target(m),
            verdict(m),
        ]
        for m in metrics
    ]


HEADER = ["metric", "value", "95% CI", "n", "target", "verdict"]


def markdown(
    meta: dict[str, Any], metrics: list[dict[str, Any]], errors: list[dict[str, str]]
) -> str:
    lines = [
        f"# Callback eval: {meta['suite']} suite",
        "",
        f"- model: `{meta['model']}`; embeddings: `{meta['providers'].get('embeddings', '')}`",
        f"- commit `{meta['git']['commit'][:12]}`{' (uncommitted changes)' if meta['git'].get('dirty') else ''}",
        f"- started {meta['started']}, took {meta['duration_s']} s; {meta['rows']} rows, "
        f"{meta['errored_rows']} with errors",
        f"- verdict: **{'passed' if meta['passed'] else 'FAILED'}**",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
    ]
    lines += ["| " + " | ".join(r) + " |" for r in table_rows(metrics)]
    lines += ["", "Datasets: " + ", ".join(f"{k} `{v}`" for k, v in meta["datasets"].items())]
    if errors:
        lines += ["", "## Rows that failed", ""]
        lines += [f"- {e['task']} `{e['id']}`: {e['error']}" for e in errors]
    return "\n".join(lines) + "\n"


def _bar(metric: dict[str, Any]) -> str:
    """An inline SVG: the value as a bar, its interval as a whisker, the target as a line."""
    value, low, high = metric["value"], metric["ci_low"], metric["ci_high"]
    t = metric.get("threshold") or {}
    goal = t.get("min", t.get("max"))
    points = [
        v for v in (value, low, high, goal) if isinstance(v, int | float) and not math.isnan(v)
    ]
    if not points:
        return ""
    top = max(max(points), 1e-9) * 1.1 if max(points) > 1 else 1.0
    x = lambda v: 4 + 192 * max(0.0, min(float(v), top)) / top  # noqa: E731
    colour = {True: "#2e7d32", False: "#c62828", None: "#607d8b"}[metric.get("passed")]
    parts = [
        '<svg width="200" height="18" role="img" aria-label="value and interval">',
        f'<rect x="4" y="5" width="{x(value) - 4:.1f}" height="8" fill="{colour}"/>'
        if not math.isnan(value)
        else "",
    ]
    if not (math.isnan(low) or math.isnan(high)):
        parts.append(f'<line x1="{x(low):.1f}" x2="{x(high):.1f}" y1="9" y2="9" stroke="#000"/>')
    if goal is not None:
        parts.append(
            f'<line x1="{x(goal):.1f}" x2="{x(goal):.1f}" y1="1" y2="17" stroke="#ff8f00" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def html_report(
    meta: dict[str, Any], metrics: list[dict[str, Any]], errors: list[dict[str, str]]
) -> str:
    e = html.escape
    body = [
        f"<h1>Callback eval: {e(meta['suite'])} suite</h1>",
        f"<p>Model <code>{e(meta['model'])}</code>, commit <code>{e(meta['git']['commit'][:12])}</code>, "
        f"started {e(meta['started'])}, {meta['duration_s']} s, {meta['rows']} rows "
        f"({meta['errored_rows']} with errors). Verdict: <strong>{'passed' if meta['passed'] else 'FAILED'}</strong>.</p>",
        "<p>Bars: value; black whisker: 95% bootstrap interval; orange line: target.</p>",
        "<table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in [*HEADER, "chart"])
        + "</tr></thead><tbody>",
    ]
    for m, cells in zip(metrics, table_rows(metrics), strict=True):
        body.append(
            "<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + f"<td>{_bar(m)}</td></tr>"
        )
    body.append("</tbody></table>")
    if errors:
        body.append("<h2>Rows that failed</h2><ul>")
        body += [
            f"<li>{e(x['task'])} <code>{e(x['id'])}</code>: {e(x['error'])}</li>" for x in errors
        ]
        body.append("</ul>")
    style = (
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;"
        "text-align:left}"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Callback eval</title><style>{style}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
