"""The one home of the rubric: each dimension's name, what it asks, advice, follow-up wording,
evidence roles and answer outline, and the dimensions each callback reason calls for.

The scorer, planner, question writer, engine and report all read this table; nothing else
defines a dimension.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DimensionSpec:
    """One rubric dimension, as every part of the product speaks of it."""

    id: str
    label: str
    # What a question on this dimension is about (the planner's and question writer's topic).
    topic: str
    # One line of advice when the dimension is weak.
    advice: str
    # The noun phrase a follow-up asks for ("Can you be more specific about {missing}?").
    follow_up: str
    # Sentence roles (see ``simulator.scoring.roles``) whose sentences are this dimension's evidence.
    evidence_roles: tuple[str, ...]
    # Steps of a stronger answer, shown in the report.
    outline: tuple[str, ...]


DIMENSION_SPECS: dict[str, DimensionSpec] = {
    spec.id: spec
    for spec in (
        DimensionSpec(
            id="concern_addressed",
            label="Concern addressed",
            topic="the doubt left from round one, answered head-on",
            advice="Name the concern yourself and answer it with one concrete example.",
            follow_up="the concern itself, answered directly",
            evidence_roles=("action", "result", "reflection", "question"),
            outline=(
                "Name the concern in one sentence, in your own words.",
                "Give one example where you did exactly that kind of work: the situation and your part.",
                "Quote a number or a result that shows it went well.",
                "Say what you have done since round one to get stronger there, then ask if that settles it.",
            ),
        ),
        DimensionSpec(
            id="skill_depth",
            label="Skill depth",
            topic="specific evidence: actions taken, numbers, outcomes",
            advice="Give one specific example: what you did, with numbers and the outcome.",
            follow_up="a concrete example with what you did and the result",
            evidence_roles=("action", "result", "situation"),
            outline=(
                "Set the scene in one sentence: where, when, what was at stake.",
                "Say what you did yourself, with two or three concrete actions.",
                "Give the result with a number (time, money, people, error rate).",
                "Close with what you would do the same or differently here.",
            ),
        ),
        DimensionSpec(
            id="role_research",
            label="Role research",
            topic="what the candidate knows about the company and this role, up to date",
            advice="Show up-to-date research: what the company is doing now and what the role needs.",
            follow_up="what you know about this role and company today",
            evidence_roles=("research", "reflection"),
            outline=(
                "Mention something current about the company (a launch, a result, a change).",
                "Link it to what this role needs, from the job description.",
                "Map one of your examples onto that need.",
                "Ask a question that only someone who did the research would ask.",
            ),
        ),
        DimensionSpec(
            id="culture_fit",
            label="Culture fit",
            topic="how the candidate works with people and fits the team's way of working",
            advice="Show how you work with others: a team situation, your part in it, what you learned.",
            follow_up="how you worked with the people around you",
            evidence_roles=("action", "reflection", "result"),
            outline=(
                "Pick a moment of working with others: a disagreement, a hand-off, a shared goal.",
                "Say how you listened, adapted or supported others, specifically.",
                "Give the outcome for the team, not only for you.",
                "Tie it to how this team says it works.",
            ),
        ),
        DimensionSpec(
            id="demeanor",
            label="Demeanor",
            topic="confidence without arrogance under pressure",
            advice="Sound sure of your skills without dismissing others; drop hedges and boasts.",
            follow_up="a clear, confident account of your own part",
            evidence_roles=("action", "reflection"),
            outline=(
                "State your strength plainly, without hedges (maybe, kind of).",
                "Back it with one fact rather than a superlative.",
                "Credit others where they contributed.",
                "Leave room for the interviewer's view: ask, don't lecture.",
            ),
        ),
        DimensionSpec(
            id="improvement",
            label="Improvement on round one",
            topic="what the candidate adds or corrects since round one",
            advice="Say what you would add to or correct from round one, explicitly.",
            follow_up="what you would add to what you said in round one",
            evidence_roles=("reflection", "action", "research"),
            outline=(
                "Say what you would add to or correct from round one, explicitly.",
                "Give the example or detail you left out last time.",
                "Show what you have done since (learning, practice, research).",
                "Connect it to what the panel said it needs.",
            ),
        ),
    )
}

# Which rubric dimensions each callback reason calls for.
REASON_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "standard_process": ("skill_depth", "culture_fit", "role_research", "demeanor"),
    "specific_concern": ("concern_addressed", "skill_depth", "improvement"),
    "different_role": ("role_research", "skill_depth", "culture_fit"),
    "second_choice": ("improvement", "skill_depth", "role_research", "demeanor"),
    "split_panel": ("concern_addressed", "culture_fit", "skill_depth", "demeanor"),
}
REASON_LABELS: dict[str, str] = {
    "standard_process": "Callbacks are a normal stage here (senior panel)",
    "specific_concern": "One specific concern to clear up",
    "different_role": "Being considered for a different role",
    "second_choice": "The first-choice candidate fell through",
    "split_panel": "The panel could not agree",
}
# Reasons whose sessions are about one doubt: every answer is also judged on it.
CONCERN_REASONS: tuple[str, ...] = ("specific_concern", "split_panel")


def dimensions_for(reason: str, asked: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The dimensions an answer is scored on: those the question asks about (or, with none,
    the reason's), plus the concern wherever the reason is about one."""
    dims = list(dict.fromkeys(asked)) or list(REASON_DIMENSIONS.get(reason, ("skill_depth",)))
    if reason in CONCERN_REASONS and "concern_addressed" not in dims:
        dims.append("concern_addressed")
    return dims


# What each dimension asks about, in words ("specific evidence of the skill").
DIMENSION_TOPICS: dict[str, str] = {d: spec.topic for d, spec in DIMENSION_SPECS.items()}
