"""Importing the product does no work: no exit hooks, no process-wide caches, no models."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from simulator.model_pool import ModelPool

PROBE = textwrap.dedent(
    """
    import atexit, functools, importlib, pkgutil, sys
    hooks = []
    real = atexit.register
    atexit.register = lambda f, *a, **k: hooks.append(getattr(f, "__module__", "?")) or f
    packages = ["simulator", "server", "ui", "evals", "callback_sim"]
    names = []
    for name in packages:
        package = importlib.import_module(name)
        names.append(name)
        for info in pkgutil.walk_packages(package.__path__, name + "."):
            if info.name.endswith(".__main__"):  # running it is its job
                continue
            importlib.import_module(info.name)
            names.append(info.name)
    ours = [h for h in hooks if h.split(".")[0] in packages]
    caches = [
        f"{name}.{attr}"
        for name in names
        for attr, value in vars(sys.modules[name]).items()
        if isinstance(value, functools._lru_cache_wrapper)
        and getattr(value, "__module__", "") == name
    ]
    heavy = [m for m in ("llama_cpp", "onnxruntime", "faster_whisper", "piper") if m in sys.modules]
    print(len(names), ours, caches, heavy, sep="|")
    """
)


def test_importing_every_module_registers_no_hook_and_no_cache() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=300
    ).stdout.strip()
    count, hooks, caches, heavy = out.splitlines()[-1].split("|")
    assert int(count) > 40  # the walk really imported the tree
    assert hooks == "[]", f"exit hooks registered at import: {hooks}"
    assert caches == "[]", f"process-wide caches at import: {caches}"
    assert heavy == "[]", f"model runtimes imported at import time: {heavy}"


class _Model:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_pool_loads_each_key_once_and_close_frees_and_reloads() -> None:
    pool = ModelPool()
    loads: list[int] = []

    def load() -> _Model:
        loads.append(1)
        return _Model()

    first = pool.get("m", load)
    assert pool.get("m", load) is first and len(loads) == 1
    pool.close()
    assert first.closed and pool.loaded() == []
    assert pool.get("m", load) is not first and len(loads) == 2


def test_two_pools_share_nothing() -> None:
    a, b = ModelPool(), ModelPool()
    assert a.get("m", _Model) is not b.get("m", _Model)
