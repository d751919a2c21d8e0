"""What the UI does, as plain functions of the services and the form values (no Gradio here)."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator.concern import spoken
from simulator.domain import REASON_LABELS, REASONS, Intake, SessionView
from simulator.errors import CallbackError, InvalidInputError
from simulator.ownership import hash_token
from simulator.prompts import md_escape
from simulator.report import (
    delivery_text,
    render_charts,
    render_delivery_chart,
    render_html,
    render_markdown,
)
from simulator.services import Services
from simulator.speech.audio import read_wav, wav_stream
from simulator.uploads import upload_text

AUTO = "Let Callback decide"
# (label shown, value passed to the handlers)
REASON_CHOICES = [(AUTO, AUTO), *((REASON_LABELS[r], r) for r in REASONS)]


@dataclass
class Screen:
    """Everything the UI shows after one step."""

    session_id: str
    diagnosis_md: str
    chat: list[dict[str, Any]]
    status: str
    finished: bool
    report_md: str = ""
    charts_html: str = ""  # the report's charts (inline SVG), shown in the report step
    answer_draft: str = ""  # text kept in the answer box when it could not be saved
    report_files: list[str] = field(default_factory=list)


def _escape(text: str) -> str:
    """User text shown as Markdown must never become markup."""
    return md_escape(text)


def diagnosis_markdown(view: SessionView, services: Services) -> str:
    d = view.diagnosis
    reason = str(d.get("reason", ""))
    lines = [
        f"**Likely reason for this callback:** {REASON_LABELS.get(reason, reason)} "
        f"({float(d.get('confidence', 0)):.0%})",
        "",
        _escape(str(d.get("rationale", ""))),
    ]
    lines += _doubt_lines(reason, str(d.get("concern", "")))
    ranked = d.get("ranked") or []
    if ranked:
        lines += [
            "",
            "Other readings: "
            + ", ".join(f"{REASON_LABELS.get(r, r)} {p:.0%}" for r, p in ranked[1:3]),
        ]
    cards = [services.corpus.card(c) for c in d.get("citations", [])]
    if any(cards):
        lines += ["", "Guidance: " + "; ".join(f"*{c.title}*" for c in cards if c)]
    names = ", ".join(f"{p['name']} ({p['role']})" for p in view.personas)
    lines += ["", f"**Interviewing you:** {names}"]
    return "\n".join(lines)


def _doubt_lines(reason: str, concern: str) -> list[str]:
    """The doubt the panel will press on, as read from the intake, so that a wrong reading
    can be put right before the session goes far."""
    if concern:
        return ["", f"**The doubt the panel will press on:** {_escape(spoken(concern))}"]
    if reason in ("specific_concern", "split_panel"):
        return [
            "",
            "*No doubt found in your notes or the recruiter's message: the panel will speak of "
            "the area the first panel was unsure about. To have it named, say it in your "
            'round-one notes, as in "They were not convinced about my budgeting."*',
        ]
    return []


def chat_messages(view: SessionView, coach: bool) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for t in view.turns:
        tag = " · follow-up" if t.is_follow_up else ""
        speaker = f"**{_escape(t.persona_name)}** ({_escape(t.persona_role)})"
        said = f"{_escape(t.preamble)}\n\n" if t.preamble else ""
        messages.append(
            {"role": "assistant", "content": f"{speaker}{tag}\n\n{said}{_escape(t.question)}"}
        )
        if t.answer is not None:
            messages.append({"role": "user", "content": _escape(t.answer) or "*(no answer)*"})
            if coach and t.delivery:
                messages.append(
                    {
                        "role": "assistant",
                        "content": _escape(delivery_text(t.delivery)),
                        "metadata": {"title": "Delivery"},
                    }
                )
            if t.reply:
                messages.append(
                    {"role": "assistant", "content": f"{speaker}\n\n{_escape(t.reply)}"}
                )
            if coach and t.score:
                messages.append(
                    {
                        "role": "assistant",
                        "content": f"{t.score['overall']}/100. {_escape(t.score['feedback'])}",
                        "metadata": {"title": "Coach feedback"},
                    }
                )
    return messages


def screen_for(services: Services, view: SessionView, coach: bool, status: str = "") -> Screen:
    finished = view.current is None
    report_md, charts, files = "", "", []
    if finished:  # built once, then rendered three ways and shown
        report = services.report(view.id)
        report_md = render_markdown(report, services.prompts)
        charts = render_charts(report, services.prompts)
        files = write_report_files(services, view.id, report, report_md)
    if view.current is not None and view.current.notice:
        status = f"{status} {view.current.notice}".strip()

    return Screen(
        session_id=view.id,
        diagnosis_md=diagnosis_markdown(view, services),
        chat=chat_messages(view, coach),
        status=status
        or (
            "Session finished: your report is ready in step 3."
            if finished
            else "Answer the question, then press Send."
        ),
        finished=finished,
        report_md=report_md,  # user text in it is escaped by the report template
        charts_html=charts,
        report_files=files,
    )


def write_report_files(
    services: Services, session_id: str, report: dict[str, Any], markdown: str
) -> list[str]:
    """The report as Markdown, HTML and JSON files for download."""
    if not session_id.isalnum():  # ids are hex; never let one become a path
        raise ValueError(f"bad session id {session_id!r}")
    folder = services.settings.data_dir / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "md": markdown,
        "html": render_html(report, services.prompts),
        "json": json.dumps(report, ensure_ascii=False, indent=2),
    }
    paths = []
    for suffix, text in contents.items():
        path = folder / f"callback-report-{session_id}.{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def start_session(
    services: Services,
    token: str,
    role: str,
    company: str,
    job_description: str,
    round1_notes: str,
    recruiter_message: str,
    panel: str,
    reason_choice: str,
    coach: bool,
) -> Screen:
    intake = Intake.from_dict(
        {
            "role": role,
            "company": company,
            "job_description": job_description,
            "round1_notes": round1_notes,
            "recruiter_message": recruiter_message,
            "panel": panel,
        }
    )
    reason = None if reason_choice in ("", AUTO, None) else reason_choice
    try:
        view = services.start(intake, reason=reason, owner_hash=hash_token(token))
    except CallbackError as exc:
        return Screen("", "", [], f"Could not start the session: {exc}", False)
    return screen_for(services, view, coach, "Session started. Answer the first question.")


PANEL_HINT = "Not right? Write one person per line in the panel field, as *Name – Title*."


def panel_preview(services: Services, round1_notes: str, recruiter_message: str, panel: str) -> str:
    """Who the session will seat from what the candidate wrote, before it starts."""
    intake = Intake.from_dict(
        {"round1_notes": round1_notes, "recruiter_message": recruiter_message, "panel": panel}
    )
    people = services.read_panel(intake)
    if not people:
        if not any(t.strip() for t in (panel, round1_notes, recruiter_message)):
            return ""
        return (
            "*No names found: the panel will be the usual one for the reason. To name "
            "yours, write one person per line in the panel field, as Name – Title.*"
        )
    leaning = {"doubts": " · had doubts", "supports": " · backed you"}
    rows = [
        f"- **{_escape(p.name)}**"
        + (f" — {_escape(p.title)}" if p.title else "")
        + leaning.get(p.leaning, "")
        for p in people
    ]
    return "**The panel as read from what you wrote:**\n" + "\n".join(rows) + f"\n\n{PANEL_HINT}"


def submit_answer(
    services: Services,
    token: str,
    session_id: str,
    answer: str,
    coach: bool,
    delivery: dict[str, Any] | None = None,
) -> Screen:
    owner = hash_token(token)
    if not session_id:
        return Screen("", "", [], "Start a session first.", False)
    if len(answer) > services.settings.max_answer_chars:
        view = services.get(session_id, owner)
        screen = screen_for(
            services,
            view,
            coach,
            f"Your answer is {len(answer):,} characters; the limit is "
            f"{services.settings.max_answer_chars:,}. Nothing was saved; please shorten it.",
        )
        screen.answer_draft = answer
        return screen
    try:
        view = services.answer(session_id, answer, owner_hash=owner, delivery=delivery)
    except CallbackError as exc:
        try:
            view = services.get(session_id, owner)
        except CallbackError:
            return Screen("", "", [], f"Could not save the answer: {exc}", False)
        screen = screen_for(services, view, coach, f"Could not save the answer: {exc}")
        screen.answer_draft = answer
        return screen
    return screen_for(services, view, coach)


def resume_session(services: Services, token: str, session_id: str, coach: bool) -> Screen | None:
    try:
        view = services.get(session_id, hash_token(token))
    except CallbackError:
        return None
    return screen_for(services, view, coach, "Welcome back: your session is where you left it.")


def history_rows(services: Services, token: str) -> list[list[Any]]:
    """This browser's sessions, newest first, with their average scores."""
    rows = []
    for view in services.history(hash_token(token)):
        scores = [t.score["overall"] for t in view.turns if t.score]
        rows.append(
            [
                view.created_at[:16].replace("T", " "),
                view.intake.get("role") or "-",
                view.intake.get("company") or "-",
                REASON_LABELS.get(reason := view.diagnosis.get("reason", ""), reason),
                view.state,
                round(sum(scores) / len(scores), 1) if scores else None,
            ]
        )
    return rows


def restart_with_reason(
    services: Services, token: str, session_id: str, reason: str, coach: bool
) -> Screen:
    """A new session from the same intake, with the reason the candidate chose."""
    if not session_id or reason not in REASONS:
        return Screen(session_id, "", [], "Start a session first, then pick a reason.", False)
    try:
        old = services.get(session_id, hash_token(token))
        view = services.start(
            Intake.from_dict(old.intake), reason=reason, owner_hash=hash_token(token)
        )
    except CallbackError as exc:
        return Screen(session_id, "", [], f"Could not start again: {exc}", False)
    return screen_for(services, view, coach, "Started again with the reason you chose.")


def read_upload(services: Services, data: bytes | None, what: str) -> tuple[str, str]:
    """(text for the form, status message) for an uploaded document; refusals say why."""
    if not data:
        return "", ""
    name = _guess_name(data)
    try:
        text = upload_text(
            name,
            data,
            services.settings.data_dir / "uploads" / "scratch",
            services.settings.limits.max_file_bytes,
        )
    except InvalidInputError as exc:
        return "", f"*The {what} was not used: {exc}*"
    return text.strip()[:20_000], f"*Read the {what} from the uploaded file.*"


def _guess_name(data: bytes) -> str:
    # Gradio hands over bytes only; the content decides how it is read.
    if data.startswith(b"%PDF"):
        return "upload.pdf"
    if data.startswith(b"PK\x03\x04"):
        return "upload.docx"
    return "upload.txt"


def submit_answer_stream(
    services: Services,
    token: str,
    session_id: str,
    answer: str,
    coach: bool,
    delivery: dict[str, Any] | None = None,
) -> Iterator[Screen]:
    """Like ``submit_answer``, but yields the next question as it is written, token by token.
    ``delivery``: the figures of the recording the answer was transcribed from."""
    if not session_id or len(answer) > services.settings.max_answer_chars:
        yield submit_answer(services, token, session_id, answer, coach, delivery)
        return
    try:
        before = services.get(session_id, hash_token(token))
    except CallbackError as exc:
        yield Screen("", "", [], f"Could not save the answer: {exc}", False)
        return
    tokens: queue.Queue[str | None] = queue.Queue()
    result: list[Screen] = []

    def work() -> None:
        try:
            result.append(
                _answer_with_tokens(
                    services, token, session_id, answer, coach, tokens, delivery=delivery
                )
            )
        finally:
            tokens.put(None)

    threading.Thread(target=work, daemon=True).start()
    base = chat_messages(before, coach)
    base.append({"role": "user", "content": _escape(answer) or "*(no answer)*"})
    written = ""
    while (piece := tokens.get()) is not None:
        written += piece
        draft = {"role": "assistant", "content": _escape(written.strip()) + " …"}
        yield Screen(
            session_id, diagnosis_markdown(before, services), [*base, draft], THINKING, False
        )
    yield result[0] if result else Screen(session_id, "", base, "Something went wrong.", False)


THINKING = "The interviewer is thinking…"


def _answer_with_tokens(
    services: Services,
    token: str,
    session_id: str,
    answer: str,
    coach: bool,
    tokens: queue.Queue[str | None],
    *,
    delivery: dict[str, Any] | None = None,
) -> Screen:
    owner = hash_token(token)
    try:
        view = services.answer(
            session_id, answer, owner_hash=owner, on_token=tokens.put, delivery=delivery
        )
    except CallbackError as exc:
        view = services.get(session_id, owner)
        screen = screen_for(services, view, coach, f"Could not save the answer: {exc}")
        screen.answer_draft = answer
        return screen
    return screen_for(services, view, coach)


def history_choices(services: Services, token: str) -> list[tuple[str, str]]:
    """(label, session id) for each of this browser's sessions, newest first."""
    return [
        (f"{r.created_at:%Y-%m-%d %H:%M} · {r.role or 'no role'} · {r.id[:8]}", r.id)
        for r in services.sessions(limit=50, owner_hash=hash_token(token))
    ]


def delete_session(services: Services, token: str, session_id: str | None) -> str:
    """Delete one of this browser's sessions with everything it holds; what happened."""
    if not session_id:
        return "Choose a session to delete first."
    try:
        services.delete_session(session_id, hash_token(token))
    except CallbackError as exc:
        return f"Nothing deleted: {exc}"
    return "Deleted: the session, its answers, its documents and their index entries."


def welcome(services: Services) -> str:
    """The first status line: what to do, and whether the models are still loading."""
    text = "Fill in what you know and start the interview."
    if services.warmth.state == "warming up":
        text += (
            " The models are still loading in the background (warming up); the first question"
            " may take a little longer."
        )
    return text


# -- voice ---------------------------------------------------------------------------------------
def transcribe_recording(
    services: Services, path: str | None, draft: str
) -> tuple[str, dict[str, Any] | None, str]:
    """(text for the answer box, delivery figures to keep, status) for a recorded answer.

    The transcript goes into the answer box for the candidate to correct before sending; a
    refusal keeps what was typed and says why."""
    if not path:
        return draft, None, "*Record or upload your answer first, then press Transcribe.*"
    try:
        transcript, figures = services.transcribe(Path(path).read_bytes())
    except CallbackError as exc:
        return draft, None, f"*Could not transcribe the recording: {_escape(str(exc))}*"
    if not transcript.text.strip():
        return draft, None, "*No words were heard in the recording; try again, closer.*"
    return (
        transcript.text,
        figures.to_dict(),
        "*Transcribed: correct the text if a word was misheard, then press Send.*",
    )


def question_audio(
    services: Services, token: str, session_id: str, speak: bool
) -> tuple[int, np.ndarray] | None:
    """The open question spoken (sample rate, 16-bit samples), or None when speaking is off,
    there is no open question, or voice is unavailable (the question stays on screen)."""
    if not (speak and session_id):
        return None
    try:
        view = services.get(session_id, hash_token(token))
        if view.current is None:
            return None
        stream = b"".join(wav_stream(services.speak(view.id, view.current.index)))
        if not stream:
            return None
        pcm, rate = read_wav(stream)
    except CallbackError:
        return None
    return rate, np.frombuffer(pcm, dtype="<i2")


def delivery_history(services: Services, token: str) -> str:
    """This browser's delivery over sessions: a chart of words and fillers per minute."""
    return render_delivery_chart(services.history(hash_token(token)), services.prompts)
