"""The code stays easy to find one's way around: short functions, no import cycles."""

from __future__ import annotations

from evals.structure import LAYOUT, cycles, import_graph, long_functions
from simulator.settings import PROJECT_ROOT


def test_no_function_is_longer_than_a_screen_outside_layout_code() -> None:
    long = [f for f in long_functions(PROJECT_ROOT) if f[1] not in LAYOUT]
    assert long == [], "split these functions (lines, file, name)"


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = import_graph(PROJECT_ROOT)
    assert len(graph) > 50 and sum(map(len, graph.values())) > 100  # the graph was read
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
