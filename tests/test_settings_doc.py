"""Each setting and limit is defined once, in ``simulator/settings.py``: the README's table
documents every one with its real default, and no module writes a limit out again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from simulator.settings import PROJECT_ROOT, LimitsSettings, Settings, SpeechSettings

README = PROJECT_ROOT / "README.md"
CODE = ("simulator", "server", "ui", "callback_sim", "evals")


def _leaves(model: type[BaseModel], prefix: str = "CALLBACK_") -> Iterator[tuple[str, Any]]:
    for name, spec in model.model_fields.items():
        kind = spec.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _leaves(kind, f"{prefix}{name.upper()}__")
        else:
            yield f"{prefix}{name.upper()}", spec.default


def _shown(value: Any) -> str:
    """A default as the README writes it."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Path):
        return "./" + str(value.relative_to(PROJECT_ROOT))
    return str(value)


def _documented() -> dict[str, str]:
    """Variable -> default, from the README's configuration table. A cell may name several
    variables ("`CALLBACK_LLM__TIMEOUT_S` / `CALLBACK_LLM__MAX_RETRIES`", or `__API_KEY` for the
    same section) with one default each, or one default for all."""
    table: dict[str, str] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`CALLBACK_"):
            continue
        names = re.findall(r"`([A-Z_]+)`", cells[0])
        section = re.match(r"(CALLBACK_(?:[A-Z]+__)?)", names[0])
        assert section is not None
        names = [section.group(1) + n[2:] if n.startswith("__") else n for n in names]
        defaults = [d.strip().strip("`") for d in cells[1].split(" / ")]
        if len(defaults) == 1:
            defaults *= len(names)
        assert len(defaults) == len(names), line
        table.update(zip(names, defaults, strict=True))
    return table


def test_the_readme_documents_every_setting_with_its_real_default() -> None:
    documented = _documented()
    settings = dict(_leaves(Settings))
    assert sorted(set(settings) - set(documented)) == [], "settings missing from the README"
    assert sorted(set(documented) - set(settings)) == [], "the README names unknown settings"
    wrong = {
        k: (documented[k], _shown(v)) for k, v in settings.items() if documented[k] != _shown(v)
    }
    assert wrong == {}, "README default != settings default (README, settings)"


def _spellings(n: int) -> list[str]:
    """How a limit may be written in code: 10000, 10_000, or 10 * 1_048_576 for 10 MB."""
    forms = [re.escape(str(n)), re.escape(f"{n:_}")]
    if n % 1_048_576 == 0:
        forms.append(rf"{n // 1_048_576}\s*\*\s*1_?048_?576")
    return [rf"(?<![\w.]){f}(?![\w.])" for f in forms]


# The limits a user meets; small numbers (300 characters of a title, say) are left out, as
# their spellings are too common to tell apart.
LIMITS = {
    "max_answer_chars": Settings.model_fields["max_answer_chars"].default,
    "limits.max_file_bytes": LimitsSettings.model_fields["max_file_bytes"].default,
    "limits.max_upload_bytes": LimitsSettings.model_fields["max_upload_bytes"].default,
    "speech.max_audio_bytes": SpeechSettings.model_fields["max_audio_bytes"].default,
}


def test_no_module_writes_a_limit_out_again() -> None:
    found = []
    for folder in CODE:
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            if path.name == "settings.py":
                continue
            text = path.read_text(encoding="utf-8")
            for name, value in LIMITS.items():
                if any(re.search(p, text) for p in _spellings(int(value))):
                    found.append(f"{path.relative_to(PROJECT_ROOT)}: {name} = {value}")
    assert found == [], "limits written out outside simulator/settings.py"


def test_the_limit_check_sees_every_spelling() -> None:
    for text in ("x = 10000", "x: int = 10_000", "y = 10 * 1_048_576", "f(10*1048576)"):
        value = 10_000 if "10_000" in text or "10000" in text else 10 * 1_048_576
        assert any(re.search(p, text) for p in _spellings(value)), text
    assert not any(re.search(p, "x = 100000") for p in _spellings(10_000))
