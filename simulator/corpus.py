"""Loads the project's data: guidance cards, the curated question bank and the personas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from simulator.conversation import Conversation, load_conversation
from simulator.domain import DIMENSIONS, REASONS, BankQuestion, FieldTitles, Passage, Persona


class CorpusError(ValueError):
    """A card, question or persona file is malformed."""


def _as_reasons(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or [])
    if "all" in items:
        return REASONS
    bad = [r for r in items if r not in REASONS]
    if bad or not items:
        raise CorpusError(f"{where}: unknown or missing callback_reasons {bad or items}")
    return tuple(items)


def _as_dimensions(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or [])
    bad = [d for d in items if d not in DIMENSIONS]
    if bad or not items:
        raise CorpusError(f"{where}: unknown or missing dimensions {bad or items}")
    return tuple(items)


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-delimited YAML front matter from a Markdown body."""
    if not text.startswith("---"):
        raise CorpusError(f"{where}: missing front matter")
    try:
        _, head, body = text.split("---", 2)
        meta = yaml.safe_load(head) or {}
    except (ValueError, yaml.YAMLError) as exc:
        raise CorpusError(f"{where}: bad front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise CorpusError(f"{where}: front matter is not a mapping")
    return meta, body.strip()


def parse_card(text: str, where: str) -> Passage:
    meta, body = split_front_matter(text, where)
    for key in ("id", "title"):
        if not meta.get(key):
            raise CorpusError(f"{where}: missing {key}")
    if not body:
        raise CorpusError(f"{where}: empty body")
    return Passage(
        id=str(meta["id"]),
        title=str(meta["title"]),
        text=body,
        source=str(meta.get("source", "practice")),
        callback_reasons=_as_reasons(meta.get("callback_reasons"), where),
        dimensions=_as_dimensions(meta.get("dimensions"), where),
        look_for=tuple(str(x).lower() for x in meta.get("look_for") or ()),
        situations=tuple(str(x) for x in meta.get("situations") or ()),
    )


def load_cards(corpus_dir: Path) -> list[Passage]:
    cards = [
        parse_card(p.read_text(encoding="utf-8"), str(p))
        for p in sorted((corpus_dir / "cards").glob("*.md"))
    ]
    ids = [c.id for c in cards]
    if len(set(ids)) != len(ids):
        raise CorpusError("duplicate card ids in corpus/cards")
    return cards


def load_question_bank(corpus_dir: Path) -> list[BankQuestion]:
    bank: list[BankQuestion] = []
    for path in sorted((corpus_dir / "questions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        reason = data.get("reason")
        if reason not in REASONS:
            raise CorpusError(f"{path}: unknown reason {reason!r}")
        for q in data.get("questions", []):
            bank.append(
                BankQuestion(
                    id=str(q["id"]),
                    reason=reason,
                    persona=str(q["persona"]),
                    dimensions=_as_dimensions(q.get("dimensions"), f"{path}:{q.get('id')}"),
                    text=str(q["text"]).strip(),
                )
            )
    return bank


def load_personas(corpus_dir: Path) -> dict[str, Persona]:
    path = corpus_dir / "personas.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    personas: dict[str, Persona] = {}
    for p in raw:
        personas[p["id"]] = Persona(
            id=p["id"],
            name=p["name"],
            role=p["role"],
            reasons=_as_reasons(p.get("reasons"), f"{path}:{p['id']}"),
            stance=p.get("stance", "neutral"),
            goal=p.get("goal", ""),
            style=p.get("style", ""),
            knows=p.get("knows", ""),
            concern=p.get("concern", "") or "",
            opening=p.get("opening", "") or "",
            probes=tuple(p.get("probes") or ()),
            move_on_templates=tuple(p.get("move_on_templates") or ()),
            named_only=bool(p.get("named_only", False)),
        )
    return personas


def load_fields(corpus_dir: Path) -> dict[str, FieldTitles]:
    path = corpus_dir / "fields.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "general" not in raw:
        raise CorpusError(f"{path}: no 'general' field")
    return {
        name: FieldTitles(
            keywords=tuple(str(k).lower() for k in spec.get("keywords") or ()),
            titles={str(k): str(v) for k, v in (spec.get("titles") or {}).items()},
        )
        for name, spec in raw.items()
    }


@dataclass(frozen=True)
class Corpus:
    """Everything under ``corpus/``, loaded once."""

    cards: tuple[Passage, ...]
    bank: tuple[BankQuestion, ...]
    personas: dict[str, Persona]
    conversation: Conversation
    fields: dict[str, FieldTitles]

    def card(self, card_id: str) -> Passage | None:
        return next((c for c in self.cards if c.id == card_id), None)


def load_corpus(corpus_dir: Path) -> Corpus:
    bank = load_question_bank(corpus_dir)
    personas = load_personas(corpus_dir)
    unknown = sorted({q.persona for q in bank} - set(personas))
    if unknown:
        raise CorpusError(f"question bank names unknown personas: {unknown}")
    conversation = load_conversation(corpus_dir / "conversation.yaml")
    probes = {k for p in personas.values() for k in p.probes}
    if probes - set(conversation.probes):
        raise CorpusError(
            f"personas name probes without forms: {sorted(probes - set(conversation.probes))}"
        )
    cards = tuple(load_cards(corpus_dir))
    unknown_cards = set(conversation.close_cards) - {c.id for c in cards}
    if unknown_cards:
        raise CorpusError(f"conversation.yaml names unknown close cards: {sorted(unknown_cards)}")
    return Corpus(
        cards=cards,
        bank=tuple(bank),
        personas=personas,
        conversation=conversation,
        fields=load_fields(corpus_dir),
    )
