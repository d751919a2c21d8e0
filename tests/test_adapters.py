"""The fine-tuned readers' tables (``simulator/adapters.py``): a missing, unreadable or
incomplete table is refused with the command that rebuilds it, for every reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simulator.adapters import AdapterTables
from simulator.errors import ModelUnavailableError
from simulator.panel.name_tagger import TABLE, NameTaggerTables
from simulator.scoring.addressee import PACKAGED, AddresseeTables


@pytest.mark.parametrize(
    ("tables", "packaged", "rebuild"),
    [
        (AddresseeTables, PACKAGED, "tune_addressee"),
        (NameTaggerTables, TABLE, "train_name_tagger"),
    ],
)
@pytest.mark.parametrize("dropped", ["a:", "b:"])
def test_missing_or_broken_tables_are_refused(
    tmp_path: Path, tables: type[AdapterTables], packaged: Path, rebuild: str, dropped: str
) -> None:
    with pytest.raises(ModelUnavailableError, match=rebuild):
        tables.load(tmp_path / "none.npz")
    (tmp_path / "bad.npz").write_bytes(b"not a numpy archive")
    with pytest.raises(ModelUnavailableError, match=rebuild):
        tables.load(tmp_path / "bad.npz")
    arrays = dict(np.load(packaged))
    del arrays[next(k for k in arrays if k.startswith(dropped))]
    np.savez_compressed(tmp_path / "part.npz", **arrays)
    with pytest.raises(ModelUnavailableError, match="incomplete"):
        tables.load(tmp_path / "part.npz")
