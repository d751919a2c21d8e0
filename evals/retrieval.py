"""``python -m evals.retrieval``: hit@3 and MRR of the guidance index; the same as
``callback-sim eval --task retrieval`` (other options pass through)."""

from __future__ import annotations

import sys

from evals.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["--task", "retrieval", *sys.argv[1:]]))
