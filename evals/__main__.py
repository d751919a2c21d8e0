"""``python -m evals``: the same as ``callback-sim eval``."""

from evals.cli import main

raise SystemExit(main())
