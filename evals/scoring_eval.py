"""``python -m evals.scoring_eval``: the scorer on the calibration set; the same as
``callback-sim eval --task scorer`` (other options pass through)."""

from __future__ import annotations

import sys

from evals.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["--task", "scorer", *sys.argv[1:]]))
