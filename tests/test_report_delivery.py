"""Delivery figures in the report: per answer in words, per session over time (no models)."""

from __future__ import annotations

from simulator.domain import SessionView, TurnView
from simulator.prompts import Prompts
from simulator.report import delivery_averages, delivery_text, render_delivery_chart
from simulator.settings import PROJECT_ROOT

FIGURES = {
    "words": 60, "spoken_s": 25.0, "words_per_minute": 144.0, "fillers": {"um": 2, "you know": 1},
    "filler_count": 3, "fillers_per_minute": 7.2, "pauses": [{"after": "x", "start": 1.0,
    "end": 3.5, "seconds": 2.5}], "pause_s": 2.0, "longest_pause_s": 2.5, "guide_s": 120.0,
    "over_guide_s": -95.0, "sentences": 4, "hedged_sentences": 1, "hedged_share": 0.25,
    "timed": True,
}  # fmt: skip


def _session(day: int, wpm: float | None) -> SessionView:
    figures = None if wpm is None else {**FIGURES, "words_per_minute": wpm}
    turn = TurnView(0, "p", "Pat", "Lead", "Why?", [], [], False, False, "Because.", None)
    turn.delivery = figures
    return SessionView(f"s{day}", f"2026-11-0{day}T09:00:00", {}, {}, [], "finished", [turn])


def test_delivery_reads_in_plain_words() -> None:
    text = delivery_text(FIGURES)
    assert text.startswith("144 words a minute · 7.2 fillers a minute (um 2, you know 1)")
    assert "1 pause over 2 s (longest 2.5 s)" in text
    assert "0:25 long, within the 2:00 guide" in text and "1 of 4 sentences hedged" in text


def test_delivery_over_sessions_is_averaged_and_charted_oldest_first() -> None:
    sessions = [_session(3, 120.0), _session(1, 160.0), _session(2, None)]
    assert delivery_averages(sessions[2]) is None
    assert delivery_averages(sessions[0]) == {
        "spoken_answers": 1,
        "words_per_minute": 120.0,
        "fillers_per_minute": 7.2,
    }
    html = render_delivery_chart(sessions, Prompts(PROJECT_ROOT / "prompts"))
    assert html.count("<svg") == 2 and html.count("<polyline") == 2
    assert html.index("2026-11-01") < html.index("2026-11-03")
    assert "No spoken answers yet" in render_delivery_chart([], Prompts(PROJECT_ROOT / "prompts"))
