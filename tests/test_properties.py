"""Property-based tests (Hypothesis) for diagnosis, scoring and report rendering.

Whatever a candidate types (odd Unicode, control characters, markup, script, prompt
injections, very long text) diagnosis and scoring never crash and stay in range, evidence
is always quoted verbatim from the answer, and the HTML and Markdown reports keep their
structure: user text can add no tag, attribute, heading, list or line.

Profiles: ``ci`` (the default: bounded and derandomized, so ``make test`` is quick and
repeatable) and ``thorough`` (``HYPOTHESIS_PROFILE=thorough``: many more random examples).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import escape

from evals.datasets_io import read_jsonl
from simulator.concern_finder import MAX_CONCERN, find_concern
from simulator.corpus import Corpus
from simulator.diagnosis import diagnose
from simulator.domain import DIMENSIONS, REASONS, Intake, SessionView, TurnView
from simulator.prompts import md_escape
from simulator.report import build_report, render_html, render_markdown
from simulator.scoring import ScoringContext
from simulator.services import Services
from tests.conftest import fake_settings

KNOWN_FLAGS = {
    "manipulation",
    "too_short",
    "padding",
    "non_english",
    "keyword_stuffing",
    "off_topic",
}
ATTACKS = [r for r in read_jsonl("injections.jsonl") if r["category"] != "benign_control"]

# -- strategies -----------------------------------------------------------------------------
ODD = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b[31m",
        "\x1c",
        "\x85",
        "\u2028",
        "\u2029",
        "\r\n",
        "\r",
        "\t",
        "\x0b\x0c",
        "\u200b",
        "\u200d",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\U000e0041\U000e0042",
        "e\u0301",
        "\u0345\u0345\u0345",
        "🙂",
        "👩\u200d💻",
        "\ufffd",
        "\uffff",
        "\U0010ffff",
        "ǅ",
        "ß",
        "İ",
        "ﬁ",
        "①",
        "ＡＢＣ",
        "٣",
        "שלום",
        "مرحبا",
        "你好。",
        "\u0430\u0435\u043e",
    ]
)
MARKUP = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        '"><script>alert(1)</script>',
        "'; alert(1); //",
        "</div></body></html>",
        "<!--",
        "-->",
        "<![CDATA[x]]>",
        "javascript:alert(1)",
        "&lt;script&gt;",
        "&#60;script&#62;",
        "{{ 7*7 }}",
        "{% raw %}",
        "${7*7}",
        "# Heading",
        "## Heading",
        "---",
        "===",
        "> quote",
        "- item",
        "* item",
        "+ item",
        "1. item",
        "| a | b |",
        "[link](javascript:alert(1))",
        "![x](http://x)",
        "**bold**",
        "_em_",
        "`code`",
        "```",
        "\\",
        "<",
        ">",
        "&",
        '"',
        "'",
    ]
)
SENTENCES = st.sampled_from(
    [
        "I led a team of five that rebuilt the billing system.",
        "At my last job I cut the month-end close from nine days to five.",
        "We delivered on time and errors fell by 40%.",
        "I read your latest annual report and saw the new product launch.",
        "Maybe I could have done better, I guess.",
        "Obviously I'm the best analyst you will meet.",
        "I understand why my SQL was a concern after round one.",
        "Is there anything from round one that still concerns you?",
        "Looking back, I should have escalated sooner.",
        "Our team worked together with the support staff every week.",
    ]
)
WORDS = st.sampled_from(
    ["I", "led", "the", "team", "we", "cut", "costs", "by", "30%", ".", "?", "!", "\n", "\n\n"]
)
PIECE = st.one_of(
    st.text(max_size=30),
    ODD,
    MARKUP,
    WORDS,
    SENTENCES,
    st.sampled_from([a["text"] for a in ATTACKS]),
)
SOUP = st.builds(
    lambda parts, sep: sep.join(parts), st.lists(PIECE, max_size=20), st.sampled_from([" ", ""])
)
HUGE = st.builds(
    lambda unit, n: (unit * n)[:20_000], st.text(min_size=1, max_size=40), st.integers(50, 800)
)


def texts(max_size: int = 300) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=max_size), SOUP, HUGE)


def visible(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text that survives ``strip()``: reports show blank fields differently."""
    return strategy.filter(lambda s: bool(s.strip()))


# -- fixtures -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Services:
    """One set of fake-provider services (real Chroma and SQLite) for every example."""
    services = Services(fake_settings(tmp_path_factory.mktemp("properties") / "data"))
    services.ingest(progress=False)
    return services


# -- diagnosis ------------------------------------------------------------------------------
@given(
    fields=st.fixed_dictionaries(
        {
            "role": texts(60),
            "company": texts(60),
            "job_description": texts(),
            "round1_notes": texts(),
            "recruiter_message": texts(),
            "panel": texts(),
        }
    ),
    override=st.one_of(st.none(), st.sampled_from(REASONS)),
)
# Found by Hypothesis: cues only outside the fields the classifier reads crashed it (a 500).
@example(fields={"job_description": "This is the next round."}, override=None)
def test_diagnosis_never_crashes_and_returns_a_known_reason(
    svc: Services, fields: dict[str, str], override: str | None
) -> None:
    intake = Intake.from_dict(fields)
    result = diagnose(intake, svc.index.search, override, svc.classifier)
    assert result.reason in REASONS
    assert 0.0 <= result.confidence <= 1.0
    assert sorted(r for r, _ in result.ranked) == sorted(REASONS)
    assert all(0.0 <= p <= 1.0 for _, p in result.ranked)
    assert sum(p for _, p in result.ranked) == pytest.approx(1.0, abs=1e-6)
    if override:
        assert (result.reason, result.confidence) == (override, 1.0)
    else:
        assert result.reason == result.ranked[0][0]
    assert result.rationale.strip()
    card_ids = {c.id for c in svc.corpus.cards}
    assert set(result.citations) <= card_ids
    json.dumps(result.to_dict())  # what the API returns must serialise
    concern = find_concern(intake)
    assert isinstance(concern, str) and len(concern) <= MAX_CONCERN


# -- scoring --------------------------------------------------------------------------------
@given(
    answer=texts(600),
    question=texts(200),
    dims=st.lists(st.sampled_from(DIMENSIONS), max_size=7),
    concern=st.one_of(st.just(""), texts(80)),
    role=st.one_of(st.just(""), texts(40)),
    company=st.one_of(st.just(""), texts(40)),
    card_picks=st.lists(st.integers(0, 10_000), max_size=3),
)
# Found by Hypothesis: a comment removed mid-sentence left a quote that was not verbatim.
@example(
    answer="I led the team <!-- x --> and we cut costs by 30%.",
    question="",
    dims=["skill_depth"],
    concern="",
    role="",
    company="",
    card_picks=[],
)
def test_scores_stay_in_range_and_evidence_is_verbatim(
    svc: Services,
    answer: str,
    question: str,
    dims: list[str],
    concern: str,
    role: str,
    company: str,
    card_picks: list[int],
) -> None:
    cards = [svc.corpus.cards[i % len(svc.corpus.cards)] for i in card_picks]
    ctx = ScoringContext(question, dims, cards, "specific_concern", concern, role, company)
    out = svc.scorer.score(answer, ctx)
    wanted = list(dict.fromkeys(dims)) or ["skill_depth"]
    assert list(out.dimensions) == wanted
    assert all(isinstance(v, int) and 0 <= v <= 5 for v in out.dimensions.values())
    assert isinstance(out.overall, int) and 0 <= out.overall <= 100
    assert list(out.evidence) == wanted
    for quotes in out.evidence.values():
        assert len(quotes) <= 3
        for quote in quotes:
            assert quote.strip() and quote in answer  # verbatim, never rewritten
    assert set(out.flags) <= KNOWN_FLAGS and len(out.flags) == len(set(out.flags))
    assert out.feedback.strip()
    if not answer.strip():
        assert out.overall == 0 and "too_short" in out.flags
    json.dumps(out.to_dict())
    assert svc.scorer.score(answer, ctx) == out  # deterministic


CLEAN_ANSWERS = st.lists(SENTENCES, max_size=6).map(" ".join)


@given(
    base=CLEAN_ANSWERS,
    attack=st.sampled_from(ATTACKS),
    before=st.booleans(),
    gap=st.sampled_from([" ", "\n", "\n\n"]),
    dims=st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=4),
)
def test_an_attack_is_always_flagged_and_never_raises_the_score(
    svc: Services, base: str, attack: dict[str, Any], before: bool, gap: str, dims: list[str]
) -> None:
    """An attack set apart from the answer's own sentences is flagged and costs points.

    (One glued to a sentence of the answer, with no full stop or line break between them,
    is removed together with that sentence; that can change the answer's other features.)
    """
    ctx = ScoringContext("Tell me about a project you led and what changed.", dims)
    attacked = f"{attack['text']}\n{base}" if before else f"{base}{gap}{attack['text']}"
    clean, dirty = svc.scorer.score(base, ctx), svc.scorer.score(attacked, ctx)
    assert "manipulation" not in clean.flags
    assert "manipulation" in dirty.flags, attack["id"]
    assert dirty.overall <= clean.overall, attack["id"]
    for d in dims:
        assert dirty.dimensions[d] <= clean.dimensions[d] or clean.overall == 0, (attack["id"], d)


# -- report rendering -----------------------------------------------------------------------
FIELDS = ("role", "company", "question", "answer", "evidence", "persona", "persona_role", "cue")
SKELETON = dict.fromkeys(FIELDS, "PLACEHOLDER")


def _view(f: dict[str, str], corpus: Corpus, session_id: str, created: str) -> SessionView:
    """A session whose every candidate- or model-written field comes from ``f``."""
    cards = [c.id for c in corpus.cards[:2]]
    score = {
        "overall": 55,
        "dimensions": {"concern_addressed": 2, "skill_depth": 4},
        "flags": ["manipulation"],
        "evidence": {"concern_addressed": [f["evidence"]], "skill_depth": []},
        "citations": cards,
        "feedback": "Weakest here: concern addressed (2/5).",
        "notes": [],
    }
    turn: dict[str, Any] = {
        "persona": "skeptic",
        "persona_name": f["persona"],
        "persona_role": f["persona_role"],
        "question": f["question"],
        "citations": cards,
        "dimensions": ["concern_addressed", "skill_depth"],
        "used_fallback": False,
    }
    return SessionView(
        id=session_id,
        created_at=created,
        intake={"role": f["role"], "company": f["company"]},
        diagnosis={
            "reason": "specific_concern",
            "confidence": 0.71,
            "rationale": f'One specific concern to clear up: the intake mentions "{f["cue"]}".',
        },
        personas=[],
        state="interviewing",
        turns=[
            TurnView(index=0, is_follow_up=False, answer=f["answer"], score=score, **turn),
            TurnView(index=1, is_follow_up=True, answer=f["answer"], score=score, **turn),
            TurnView(index=2, is_follow_up=False, **turn),
        ],
    )


def _report(f: dict[str, str], corpus: Corpus) -> dict[str, Any]:
    earlier = _view(f, corpus, "earlier", "2025-01-01T09:00:00+00:00")
    return build_report(_view(f, corpus, "now", "2025-02-01T09:00:00+00:00"), corpus, [earlier])


class _Tags(HTMLParser):
    """The document's element structure: every tag with its attribute names, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(("start", tag, tuple(name for name, _ in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("end", tag, ()))

    def handle_comment(self, data: str) -> None:
        self.tags.append(("comment", data, ()))

    def handle_decl(self, decl: str) -> None:
        self.tags.append(("decl", decl, ()))

    def handle_pi(self, data: str) -> None:
        self.tags.append(("pi", data, ()))

    def unknown_decl(self, data: str) -> None:
        self.tags.append(("unknown", data, ()))


def _structure(html: str) -> list[tuple[str, str, tuple[str, ...]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


USER_TEXT = visible(st.one_of(st.text(max_size=80), SOUP, MARKUP, ODD))


@given(f=st.fixed_dictionaries(dict.fromkeys(FIELDS, USER_TEXT)))
def test_html_report_escapes_user_text(svc: Services, f: dict[str, str]) -> None:
    html = render_html(_report(f, svc.corpus), svc.prompts)
    skeleton = render_html(_report(SKELETON, svc.corpus), svc.prompts)
    assert _structure(html) == _structure(skeleton)  # no tag or attribute came from the text
    assert "<script" not in html.lower()
    assert str(escape(f["answer"])) in html
    assert str(escape(f["question"])) in html


_BLOCK = re.compile(r"^(#{1,6} |> ?|[-*+] |\d+[.)] |\||```|~~~|---|===|    |\s*$)?")


def _kind(line: str) -> tuple[str, int]:
    """What Markdown makes of a line: its block syntax, and its cells if it is a table row."""
    start = _BLOCK.match(line)
    cells = len(re.findall(r"(?<!\\)\|", line)) if line.startswith("|") else 0
    return (start.group(0) if start else "", cells)


@given(f=st.fixed_dictionaries(dict.fromkeys(FIELDS, USER_TEXT)))
def test_markdown_report_escapes_user_text(svc: Services, f: dict[str, str]) -> None:
    md = render_markdown(_report(f, svc.corpus), svc.prompts)
    skeleton = render_markdown(_report(SKELETON, svc.corpus), svc.prompts)
    lines, expected = md.split("\n"), skeleton.split("\n")
    assert len(lines) == len(expected)  # user text never adds or removes a line
    for got, want in zip(lines, expected, strict=True):
        assert _kind(got) == _kind(want), (got, want)  # nor changes what a line is
        if "PLACEHOLDER" in want:  # and the text before the user's is the template's
            assert got.startswith(want.split("PLACEHOLDER", 1)[0]), (got, want)
    assert "<" not in md and ">" not in md.replace("\n> ", "\n")
    assert md_escape(f["answer"]) in md


@given(text=st.one_of(st.text(), SOUP, MARKUP, ODD))
def test_md_escape_leaves_nothing_markdown_or_html_can_act_on(text: str) -> None:
    out = md_escape(text)
    assert not re.search(r"[<>\n\r]", out)
    assert len(out.splitlines()) <= 1
    unescaped = re.sub(r"\\[\\`*_\[\]#|~]", "", out)  # drop every escaped special
    assert not re.search(r"[\\`*_\[\]#|~]", unescaped)
    assert re.fullmatch(r"([^&]|&(amp|lt|gt);)*", out)  # every & is an entity md_escape wrote
