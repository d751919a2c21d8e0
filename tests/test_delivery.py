"""Delivery figures from hand-built transcripts: fillers, pauses, pace, length, hedges."""

from __future__ import annotations

import pytest

from simulator.speech.delivery import delivery
from simulator.speech.transcript import Transcript, Word


def timed(text: str, gaps: dict[int, float] | None = None, word_s: float = 0.4) -> Transcript:
    """``text`` spoken at one word per ``word_s`` seconds, with extra silence before the
    words at the indexes in ``gaps``."""
    words: list[Word] = []
    at = 0.0
    for i, token in enumerate(text.split()):
        at += (gaps or {}).get(i, 0.0)
        words.append(Word(token, at, at + word_s))
        at += word_s
    return Transcript(text, words, duration_s=at, language="en")


def fillers(text: str) -> dict[str, int]:
    return delivery(timed(text)).fillers


def test_single_word_fillers_and_their_spellings() -> None:
    text = "Um, I think, uh, we shipped it. Erm, umm, uhm, er, it worked. Uhh."
    assert fillers(text) == {"um": 3, "uh": 2, "er": 2}


def test_a_two_word_filler_counts_once() -> None:
    text = "So, you know, I mean, we sort of fixed it and it was kind of hard."
    assert fillers(text) == {"you know": 1, "i mean": 1, "sort of": 1, "kind of": 1}
    assert delivery(timed(text)).filler_count == 4


def test_phrases_used_plainly_are_not_fillers() -> None:
    text = (
        "Do you know what kind of project it was? That sort of thing. "
        "As you know, it is what I mean to say. I mean it."
    )
    assert fillers(text) == {}


def test_like_as_a_verb_or_comparison_is_not_a_filler() -> None:
    text = (
        "I like the team. We would like to grow. It looks like rain. I'd like more. "
        "It feels like home. We used tools like Excel. It was like a marathon. "
        "They like it and do not like change."
    )
    assert fillers(text) == {}


def test_like_set_off_or_after_be_is_a_filler() -> None:
    text = (
        "Like, it was hard. I was like really nervous. And like we had, like, no time. "
        "I, like, froze."
    )
    assert fillers(text) == {"like": 5}


def test_pauses_over_the_threshold_and_the_longest() -> None:
    text = "First point. Second point after a wait. Third after a longer wait."
    result = delivery(timed(text, gaps={2: 2.5, 11: 3.25, 5: 1.0}), pause_s=2.0)
    assert [(p.after, p.seconds) for p in result.pauses] == [("point.", 2.5), ("longer", 3.25)]
    assert result.longest_pause_s == pytest.approx(3.25)
    assert result.to_dict()["pauses"][0] == {
        "after": "point.",
        "start": pytest.approx(0.8),
        "end": pytest.approx(3.3),
        "seconds": 2.5,
    }


def test_a_gap_of_exactly_the_threshold_is_not_a_pause() -> None:
    result = delivery(timed("one two", gaps={1: 2.0}), pause_s=2.0)
    assert result.pauses == ()
    assert result.longest_pause_s == pytest.approx(2.0)


def test_words_per_minute_over_the_spoken_span() -> None:
    # 30 words at 0.5 s each: 15 s spoken, so 120 words a minute; leading silence ignored.
    words = [Word(f"w{i}", 3.0 + i * 0.5, 3.5 + i * 0.5) for i in range(30)]
    result = delivery(Transcript("x", words, duration_s=20.0))
    assert result.spoken_s == pytest.approx(15.0)
    assert result.words_per_minute == pytest.approx(120.0)


def test_fillers_per_minute() -> None:
    # 20 words of 0.75 s: 15 s; 2 fillers in 15 s is 8 a minute.
    text = "um " + "word " * 18 + "uh"
    result = delivery(timed(text, word_s=0.75))
    assert result.filler_count == 2
    assert result.fillers_per_minute == pytest.approx(8.0)


def test_length_against_the_guide() -> None:
    words = [Word("a", 0.0, 0.5), Word("b", 149.5, 150.0)]
    result = delivery(Transcript("a b", words, duration_s=150.0), guide_s=120.0)
    assert result.spoken_s == pytest.approx(150.0)
    assert result.over_guide_s == pytest.approx(30.0)
    assert delivery(timed("short answer"), guide_s=120).over_guide_s < 0


def test_share_of_hedged_sentences() -> None:
    text = (
        "I think the plan worked. We cut costs by a third. Maybe it was luck. "
        "I'm not sure it would scale. It might need more staff. The team agreed."
    )
    result = delivery(timed(text))
    assert (result.sentences, result.hedged_sentences) == (6, 4)
    assert result.hedged_share == pytest.approx(0.667)


def test_an_empty_transcript() -> None:
    result = delivery(Transcript("", [], duration_s=0.0))
    assert result.words == 0
    assert result.words_per_minute == 0.0
    assert result.fillers == {}
    assert result.fillers_per_minute == 0.0
    assert result.pauses == ()
    assert result.longest_pause_s is None
    assert result.sentences == 0
    assert result.hedged_share == 0.0
    assert result.to_dict()["timed"] is False


def test_without_word_timings_counts_come_from_the_text() -> None:
    result = delivery(Transcript("Um, we, you know, shipped it.", [], duration_s=6.0))
    assert result.fillers == {"um": 1, "you know": 1}
    assert result.words == 6
    assert result.words_per_minute == pytest.approx(60.0)
    assert result.longest_pause_s is None
    assert not result.timed
