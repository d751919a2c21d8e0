"""``callback-sim eval`` (also ``python -m evals``): run a suite, record it, judge it; or
compare two recorded runs.

Exit status: 0 when every metric meets its threshold, 1 when one falls short, 2 when the
run could not happen (a folder that is not a run, an index to rebuild, a missing model).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from evals.names import SUITES, TASKS
from simulator.errors import CallbackError
from simulator.settings import Settings

PROVIDERS = ("embedded", "openai", "fake")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--suite", choices=SUITES, default="smoke", help="smoke (quick) or full")
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        help="the models to evaluate (default: as configured, CALLBACK_PROVIDER etc.)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("eval-runs"), help="folder for run records"
    )
    parser.add_argument(
        "--task",
        action="append",
        choices=TASKS,
        help="run only this task (repeatable; default: every task)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap intervals")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("RUN_A", "RUN_B"),
        help="show metric changes from one recorded run to another (nothing is run)",
    )


def run(args: argparse.Namespace) -> int:
    # Imported here: `callback-sim serve` builds this parser too, and needs none of it.
    from evals.compare import compare, format_comparison
    from evals.records import HEADER, new_run_dir, table_rows, write_run
    from evals.runner import run_suite
    from evals.tasks import all_tasks

    if args.compare:
        run_a, run_b = args.compare
        try:
            print(format_comparison(compare(run_a, run_b), run_a, run_b))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    folder = new_run_dir(args.out, args.suite)
    overrides: dict[str, object] = {
        # The simulated sessions go to the run's own database, never into anyone's history.
        "database": {"url": f"sqlite:///{(folder / 'sessions.sqlite3').resolve()}"}
    }
    if args.provider:
        overrides["provider"] = args.provider
    settings = Settings(**overrides)  # type: ignore[arg-type]
    try:
        tasks = [t for t in all_tasks() if not args.task or t.name in args.task]
        result = run_suite(
            settings, args.suite, tasks=tasks, seed=args.seed, progress=not args.quiet
        )
    except CallbackError as exc:  # e.g. the index is stale or a model package is missing
        shutil.rmtree(folder, ignore_errors=True)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_run(result, folder)
    metrics = [m.to_dict() for m in result.metrics]
    widths = [max(len(h), *(len(r[i]) for r in table_rows(metrics))) for i, h in enumerate(HEADER)]
    print("  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)))
    for row in table_rows(metrics):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    errored = result.meta["errored_rows"]
    print(
        f"\n{result.meta['suite']} suite on {result.meta['model']}: {len(result.rows)} rows "
        f"({errored} with errors) in {result.meta['duration_s']} s; record in {folder}"
    )
    if result.failed:
        names = ", ".join(m.name for m in result.failed)
        print(f"FAILED: {names}", file=sys.stderr)
        return 1
    print("all thresholds met")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
