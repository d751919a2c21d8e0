"""The rubric registry is the one home of the dimensions and reasons."""

import re
from pathlib import Path

from simulator.domain import DIMENSIONS, REASONS
from simulator.rubric import DIMENSION_SPECS, REASON_DIMENSIONS, REASON_LABELS
from simulator.settings import PROJECT_ROOT


def test_the_types_and_the_registry_name_the_same_dimensions_and_reasons() -> None:
    assert tuple(DIMENSION_SPECS) == DIMENSIONS
    assert set(REASONS) == set(REASON_DIMENSIONS) == set(REASON_LABELS)
    assert all(d in DIMENSION_SPECS for dims in REASON_DIMENSIONS.values() for d in dims)


def test_no_module_writes_out_a_dimension_table_of_its_own() -> None:
    """A dict keyed by dimension names, written out anywhere but the registry, is a second home."""
    table = re.compile(r'^\s*"(' + "|".join(DIMENSION_SPECS) + r')"\s*:', re.MULTILINE)
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("simulator", "server", "ui", "evals", "callback_sim")
        for path in Path(PROJECT_ROOT / folder).rglob("*.py")
        if path.name != "rubric.py" and table.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
