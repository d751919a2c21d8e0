"""``python -m evals.diagnosis``: diagnosis top-1 accuracy on held-out intakes; the same as
``callback-sim eval --task diagnosis`` (other options pass through)."""

from __future__ import annotations

import sys

from evals.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["--task", "diagnosis", *sys.argv[1:]]))
