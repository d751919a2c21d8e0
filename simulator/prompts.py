"""Renders the templates in ``prompts/`` with Jinja2; a missing variable is an error, never blank."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(value: object) -> str:
    """User text inside Markdown: no tags, no headings, no emphasis, no tables, one line."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


class Prompts:
    def __init__(self, prompts_dir: Path) -> None:
        self.dir = prompts_dir
        self.env = Environment(
            loader=FileSystemLoader(str(prompts_dir)),
            undefined=StrictUndefined,
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = md_escape

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def names(self) -> list[str]:
        return sorted(str(p.relative_to(self.dir)) for p in self.dir.rglob("*.j2"))
