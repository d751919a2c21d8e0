"""The Gradio layout: three steps (the callback, the interview, the report, with history). Behaviour lives in ``ui.handlers``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from simulator.ownership import new_token
from simulator.services import Services
from ui import handlers
from ui.handlers import AUTO, REASON_CHOICES, Screen


def _text_with_upload(label: str, elem_id: str, upload_label: str) -> tuple[Any, Any]:
    """A text box with a document upload beside it that can fill it in."""
    with gr.Row():
        box = gr.Textbox(label=label, lines=3, elem_id=elem_id, scale=4)
        upload = gr.File(
            label=upload_label,
            file_types=[".txt", ".md", ".pdf", ".docx"],
            type="binary",
            elem_id=f"{elem_id}-file",
            height=140,
            scale=1,
        )
    return box, upload


NOT_STARTED = "*Fill in step 1 and start the interview: the panel will be introduced here.*"
NO_REPORT = "*Your report appears here when the interview ends.*"
# The charts and report text keep to the screen's width, down to a phone's.
CSS = (
    "#report-charts svg, #delivery-history svg { max-width: 100%; height: auto; } "
    "#report-charts figure, #delivery-history figure { margin: 0 0 1em; }"
)


def build_ui(services: Services) -> gr.Blocks:

    with gr.Blocks(title="Callback: practise your second interview") as demo:
        gr.Markdown(
            "# Callback\nPractise the second-round interview you have been called back for."
        )
        session_id = gr.BrowserState("", storage_key="callback_session")
        # This browser's owner token: its sessions and history belong to it alone.
        token = gr.BrowserState("", storage_key="callback_owner")
        status = gr.Markdown(elem_id="status")
        with gr.Tabs(selected="setup", elem_id="steps") as steps:
            with gr.Tab("1 · Callback", id="setup", elem_id="step-setup"):
                with gr.Row():
                    role = gr.Textbox(label="Role", elem_id="role")
                    company = gr.Textbox(label="Company", elem_id="company")
                job, job_file = _text_with_upload(
                    "Job description", "job", "…or upload it (.txt .md .pdf .docx, 5 MB)"
                )
                notes, notes_file = _text_with_upload(
                    "Your notes from round one", "notes", "…or upload them"
                )
                recruiter = gr.Textbox(
                    label="What the recruiter said", lines=2, elem_id="recruiter"
                )
                panel = gr.Textbox(label="Who is on the panel", elem_id="panel")
                panel_read = gr.Markdown("", elem_id="panel-read")
                with gr.Row():
                    reason = gr.Dropdown(
                        REASON_CHOICES,
                        value=AUTO,
                        label="Reason for the callback",
                        elem_id="reason",
                    )
                    coach = gr.Checkbox(
                        value=True, label="Coach mode (feedback after each answer)", elem_id="coach"
                    )
                start = gr.Button("Start the interview", variant="primary", elem_id="start")
            with gr.Tab("2 · Interview", id="interview", elem_id="step-interview"):
                diagnosis = gr.Markdown(NOT_STARTED, elem_id="diagnosis")
                chat = gr.Chatbot(
                    show_label=False, height=460, elem_id="chat", group_consecutive_messages=False
                )
                # Shown while "Speak the questions aloud" is on: each new question plays itself.
                question_audio = gr.Audio(
                    label="The question, spoken",
                    autoplay=True,
                    interactive=False,
                    format="wav",
                    visible=False,
                    elem_id="question-audio",
                )
                answer = gr.Textbox(label="Your answer", lines=4, elem_id="answer")
                with gr.Row():
                    voice = gr.Audio(
                        sources=["microphone", "upload"],
                        type="filepath",
                        label="…or answer aloud: record (or upload) it, then Transcribe",
                        elem_id="voice-answer",
                        scale=3,
                    )
                    with gr.Column(scale=1):
                        transcribe = gr.Button("Transcribe", elem_id="transcribe")
                        speak = gr.Checkbox(
                            value=False, label="Speak the questions aloud", elem_id="speak"
                        )
                # The delivery figures of the last transcribed recording, sent with the answer.
                spoken = gr.State(None)
                send = gr.Button("Send", variant="primary", elem_id="send")
                with gr.Row():
                    other_reason = gr.Dropdown(
                        REASON_CHOICES[1:],
                        label="Not the right reason? Pick another and start again",
                        elem_id="other-reason",
                        scale=3,
                    )
                    restart = gr.Button("Start again with this reason", elem_id="restart", scale=1)
            with gr.Tab("3 · Report", id="report", elem_id="step-report"):
                charts = gr.HTML(elem_id="report-charts")
                report = gr.Markdown(NO_REPORT, elem_id="report")
                downloads = gr.File(
                    label="Download the report (Markdown, HTML, JSON)",
                    file_count="multiple",
                    interactive=False,
                    visible=False,
                    elem_id="downloads",
                )
                with gr.Accordion(
                    "Your sessions: history and deletion", open=False, elem_id="history-panel"
                ) as history_panel:
                    history_table = gr.Dataframe(
                        headers=["When", "Role", "Company", "Reason", "State", "Average score"],
                        interactive=False,
                        elem_id="history",
                    )
                    delivery_chart = gr.HTML(elem_id="delivery-history")
                    refresh = gr.Button("Refresh")
                    doomed = gr.Dropdown(
                        label="Delete a session (its answers, documents and their index entries)",
                        choices=[],
                        elem_id="delete-choice",
                    )
                    delete = gr.Button("Delete session", variant="stop", elem_id="delete-session")
                    deleted = gr.Markdown(elem_id="delete-status")

        def show(screen: Screen, set_answer: bool = True) -> tuple[Any, ...]:
            # While the next question is being written, the answer box waits. Without
            # ``set_answer`` its text is left alone: a late copy of an update must not clear
            # what the candidate has started typing.
            active = (
                bool(screen.session_id)
                and not screen.finished
                and screen.status != handlers.THINKING
            )

            step = "report" if screen.finished else ("interview" if screen.session_id else "setup")
            return (
                screen.session_id,
                screen.diagnosis_md or NOT_STARTED,
                screen.chat,
                f"*{screen.status}*",
                screen.report_md or NO_REPORT,
                screen.charts_html,
                gr.update(value=screen.answer_draft, interactive=active)
                if set_answer
                else gr.update(interactive=active),
                gr.update(interactive=active),
                gr.Tabs(selected=step),
                gr.update(value=screen.report_files or None, visible=bool(screen.report_files)),
            )

        outputs = [session_id, diagnosis, chat, status, report, charts, answer, send, steps]
        outputs.append(downloads)

        def on_start(owner: str, *values: Any) -> tuple[Any, ...]:
            return show(handlers.start_session(services, owner, *values))

        def on_send(
            owner: str, sid: str, text: str, coach_on: bool, figures: dict[str, Any] | None
        ) -> Iterator[tuple[Any, ...]]:
            # The first update empties the box (the answer is taken); later ones put text back
            # only when the answer could not be saved.
            for i, screen in enumerate(
                handlers.submit_answer_stream(services, owner, sid, text or "", coach_on, figures)
            ):
                yield show(screen, set_answer=i == 0 or bool(screen.answer_draft))

        def on_spoken_sent(draft: str, figures: dict[str, Any] | None) -> tuple[Any, Any]:
            # Sent: the recording and its figures are done with. Kept when the answer was not.
            return (figures, gr.update()) if draft else (None, None)

        def on_question(owner: str, sid: str, speak_on: bool) -> Any:
            return handlers.question_audio(services, owner, sid, speak_on)

        def on_load(owner: str, sid: str, coach_on: bool) -> tuple[Any, ...]:
            screen = handlers.resume_session(services, owner, sid, coach_on) if sid else None
            if screen is None:
                screen = Screen("", "", [], handlers.welcome(services), False)
            return show(screen)

        start.click(
            on_start, [token, role, company, job, notes, recruiter, panel, reason, coach], outputs
        ).then(on_question, [token, session_id, speak], question_audio)
        send.click(on_send, [token, session_id, answer, coach, spoken], outputs).then(
            on_spoken_sent, [answer, spoken], [spoken, voice]
        ).then(on_question, [token, session_id, speak], question_audio)
        transcribe.click(
            lambda path, draft: handlers.transcribe_recording(services, path, draft),
            [voice, answer],
            [answer, spoken, status],
        )
        speak.change(
            lambda owner, sid, on: gr.update(value=on_question(owner, sid, on), visible=on),
            [token, session_id, speak],
            question_audio,
        )

        def on_restart(owner: str, sid: str, new_reason: str, coach_on: bool) -> tuple[Any, ...]:
            return show(handlers.restart_with_reason(services, owner, sid, new_reason, coach_on))

        restart.click(on_restart, [token, session_id, other_reason, coach], outputs).then(
            on_question, [token, session_id, speak], question_audio
        )

        def on_panel_fields(notes_text: str, message: str, panel_text: str) -> str:
            return handlers.panel_preview(services, notes_text, message, panel_text)

        def on_upload(data: bytes | None, current: str, which: str) -> tuple[str, str]:
            text, message = handlers.read_upload(services, data, which)
            return (text if text else current), message

        job_file.upload(
            lambda d, cur: on_upload(d, cur, "job description"), [job_file, job], [job, status]
        )
        notes_file.upload(
            lambda d, cur: on_upload(d, cur, "round-one notes"),
            [notes_file, notes],
            [notes, status],
        ).then(on_panel_fields, [notes, recruiter, panel], panel_read)

        # Who the session will seat, shown as soon as a field that names people is left.
        for source in (panel, notes, recruiter):
            source.blur(on_panel_fields, [notes, recruiter, panel], panel_read)

        def history(owner: str) -> tuple[Any, Any, str]:
            choices = handlers.history_choices(services, owner)
            return (
                handlers.history_rows(services, owner),
                gr.update(choices=choices, value=None),
                handlers.delivery_history(services, owner),
            )

        listed = [history_table, doomed, delivery_chart]
        refresh.click(history, token, listed)
        history_panel.expand(history, token, listed)
        delete.click(
            lambda owner, sid: handlers.delete_session(services, owner, sid),
            [token, doomed],
            deleted,
        ).then(history, token, listed)
        demo.load(lambda owner: owner or new_token(), token, token).then(
            on_load, [token, session_id, coach], outputs
        ).then(history, token, listed)
    return demo
