"""The report's stronger answer: the candidate's own sentences in STAR order, gaps marked."""

from simulator.report import rebuild_in_star_order


def test_own_sentences_in_story_order_with_the_missing_parts_marked() -> None:
    sentences = [
        {"text": "I spoke to her privately the same day.", "role": "action"},
        {"text": "I'm a very good communicator.", "role": "claim"},
        {"text": "A nurse on my ward kept missing her rounds.", "role": "situation"},
    ]
    rebuilt = rebuild_in_star_order(sentences)
    assert [p["part"] for p in rebuilt] == ["situation", "action", "result", "reflection"]
    assert rebuilt[0]["text"] == "A nurse on my ward kept missing her rounds."
    assert rebuilt[1]["text"] == "I spoke to her privately the same day."
    assert rebuilt[2]["missing"] and not rebuilt[2]["text"]
    assert all("communicator" not in p["text"] for p in rebuilt)  # claims are left out


def test_an_old_score_without_sentences_rebuilds_nothing() -> None:
    assert rebuild_in_star_order([]) == []
