"""``callback-sim``: serve, ingest, search, practice, report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals import cli as eval_cli
from simulator.domain import REASONS, Intake
from simulator.errors import CallbackError
from simulator.report import delivery_text
from simulator.services import Services
from simulator.settings import Settings


def _services(args: argparse.Namespace) -> Services:
    return Services(Settings())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app

    settings = Settings()
    host = args.host or settings.server.host
    port = args.port or settings.server.port
    # Idle connections live longer on the server than in common clients (httpx: 5 s), so
    # a client never sends a request on a connection the server is just closing.
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", timeout_keep_alive=30)

    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    services = _services(args)
    report = services.ingest(
        [Path(p) for p in args.paths],
        rebuild=args.rebuild,
        rebuild_if_stale=args.rebuild_if_stale,
        session=args.session or "",
        progress=not args.quiet,
    )
    print(report.summary())
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    services = _services(args)
    passages = services.search(
        args.query,
        k=args.k,
        reasons=[args.reason] if args.reason else None,
        dimensions=[args.dimension] if args.dimension else None,
        mmr=args.mmr,
    )
    if args.json:
        print(json.dumps([p.to_dict() for p in passages], ensure_ascii=False, indent=2))
    else:
        for p in passages:
            print(f"{p.score:.3f}  {p.id}  {p.title}")
    return 0


def _turn_json(turn: Any) -> dict[str, Any]:
    score = turn.score or {}
    return {
        "persona": turn.persona,
        "persona_name": turn.persona_name,
        "kind": turn.kind,
        "preamble": turn.preamble,
        "question": turn.question,
        "citations": turn.citations,
        "is_follow_up": turn.is_follow_up,
        "used_fallback": turn.used_fallback,
        "notice": turn.notice,
        "answer": turn.answer,
        "reply": turn.reply,
        "score": {
            "overall": score.get("overall"),
            "dimensions": score.get("dimensions", {}),
            "flags": score.get("flags", []),
        }
        if score
        else None,
    }


def _read_script(path: str) -> dict[str, Any] | None:
    """The script at ``path`` (``-``: stdin); None, with the reason printed, if it is bad."""
    raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    try:
        script = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"error: {path} is not valid JSON ({exc})", file=sys.stderr)
        return None
    if not isinstance(script, dict) or not isinstance(script.get("answers", []), list):
        print('error: the script must be {"intake": {...}, "answers": [str, ...]}', file=sys.stderr)
        return None
    return script


def _practice_script(
    services: Services, path: str, as_json: bool, reason: str | None, transcript: bool = False
) -> int:
    script = _read_script(path)
    if script is None:
        return 2
    intake = Intake.from_dict(script.get("intake") or {})
    view = services.start(intake, reason=reason)
    for answer in script.get("answers", []):
        if view.current is None:
            break
        view = services.answer(view.id, str(answer))
    return _practice_result(services, view, as_json, transcript)


def _practice_voice(
    services: Services, files: list[str], script: str | None, as_json: bool, reason: str | None
) -> int:
    """Answer the questions aloud from recordings, in order (the intake from ``script``)."""
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        print(f"error: no such recording: {', '.join(missing)}", file=sys.stderr)
        return 2
    loaded = _read_script(script) if script else {}
    if loaded is None:
        return 2
    view = services.start(Intake.from_dict(loaded.get("intake") or {}), reason=reason)
    for path in files:
        turn = view.current
        if turn is None:
            break
        said = f"{turn.preamble} {turn.question}".strip()
        log = sys.stderr if as_json else sys.stdout
        print(f"\n{turn.persona_name} ({turn.persona_role}): {said}", file=log)
        view, heard, figures = services.answer_audio(view.id, Path(path).read_bytes())
        print(f"  You ({Path(path).name}): {heard.text}", file=log)
        print(f"  Delivery: {delivery_text(figures.to_dict())}", file=log)
        answered = [t for t in view.turns if t.answer is not None][-1]
        if answered.score:
            print(
                f"  Score {answered.score['overall']}/100 · {answered.score['feedback']}", file=log
            )
    if as_json:
        print(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n" + services.report_markdown(view.id))
    return 0


def _practice_result(services: Services, view: Any, as_json: bool, transcript: bool) -> int:
    report = services.report(view.id)
    out = {
        "session_id": view.id,
        "diagnosis": {
            "reason": view.diagnosis["reason"],
            "confidence": view.diagnosis["confidence"],
        },
        "personas": [{k: p[k] for k in ("id", "name", "role")} for p in view.personas],
        "turns": [_turn_json(t) for t in view.turns if t.answer is not None],
        "report": report,
    }
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif transcript:
        print(transcript_text(view))
    else:
        print(services.report_markdown(view.id))
    return 0


def transcript_text(view: Any) -> str:
    """The session as the candidate saw it: who said what, in order."""
    lines = []
    for t in view.turns:
        said = f"{t.preamble} {t.question}".strip()
        lines.append(f"{t.persona_name} ({t.persona_role}): {said}")
        if t.answer is not None:
            lines.append(f"Candidate: {t.answer}")
        if t.reply:
            lines.append(f"{t.persona_name} ({t.persona_role}): {t.reply}")
    return "\n\n".join(lines)


def _practice_interactive(services: Services, reason: str | None) -> int:
    print("Tell me about the callback (press Enter to skip a field).")
    fields = {
        "role": "Role",
        "company": "Company",
        "round1_notes": "Notes from round one",
        "recruiter_message": "What the recruiter said",
        "panel": "Who is on the panel",
    }
    intake = Intake.from_dict({k: input(f"{label}: ") for k, label in fields.items()})
    view = services.start(intake, reason=reason)
    print(f"\nLikely reason: {view.diagnosis['reason']} ({view.diagnosis['confidence']:.0%})")
    print(view.diagnosis["rationale"])
    while view.current is not None:
        turn = view.current
        if turn.notice:
            print(f"\n[{turn.notice}]")
        said = f"{turn.preamble} {turn.question}".strip()
        print(f"\n{turn.persona_name} ({turn.persona_role}): {said}")

        lines = []
        print("(your answer; an empty line ends it)")
        while True:
            try:
                line = input("> ")
            except EOFError:
                line = ""
            if not line:
                break
            lines.append(line)
        view = services.answer(view.id, "\n".join(lines))
        answered = [t for t in view.turns if t.answer is not None][-1]
        if answered.score:
            print(f"  score {answered.score['overall']}/100 · {answered.score['feedback']}")
        if answered.reply:
            print(f"\n{answered.persona_name} ({answered.persona_role}): {answered.reply}")
    print("\n" + services.report_markdown(view.id))
    return 0


def cmd_practice(args: argparse.Namespace) -> int:
    services = _services(args)
    if args.voice:
        return _practice_voice(services, args.voice, args.script, args.json, args.reason)
    if args.script:
        return _practice_script(services, args.script, args.json, args.reason, args.transcript)
    return _practice_interactive(services, args.reason)


def cmd_report(args: argparse.Namespace) -> int:
    services = _services(args)
    if args.format == "json":
        print(json.dumps(services.report(args.session_id), ensure_ascii=False, indent=2))
    elif args.format == "html":
        print(services.report_html(args.session_id))
    else:
        print(services.report_markdown(args.session_id))
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    """List practice sessions, or delete one with everything it holds."""
    services = _services(args)
    if args.action == "delete":
        services.delete_session(args.session_id)
        print(f"Deleted session {args.session_id}: its answers, documents and their index entries.")
        return 0
    for r in services.sessions(limit=args.limit):
        print(
            f"{r.id}  {r.created_at:%Y-%m-%d %H:%M}  {r.state:12}  {r.role} {('at ' + r.company) if r.company else ''}".rstrip()
        )
    return 0


def _map_jsonl(path: str, handle: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """Apply ``handle`` to each JSON object line of ``path`` (``-``: stdin), printing one
    result line each; a bad line becomes an error line, never a silent result."""
    failed = 0
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("each line must be a JSON object")
                out = handle(item)
            except (ValueError, CallbackError) as exc:
                failed += 1
                out = {"line": number, "error": str(exc)}
            print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if failed else 0


def cmd_diagnose(args: argparse.Namespace) -> int:
    """Diagnose JSON Lines of intakes."""
    services = _services(args)

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        d = services.diagnose(Intake.from_dict(item))
        return {"id": item.get("id"), **d.to_dict()}

    return _map_jsonl(args.input, handle)


def cmd_score(args: argparse.Namespace) -> int:
    """Score JSON Lines of answers."""
    services = _services(args)

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        if "question" not in item or "answer" not in item:
            raise ValueError('each line needs at least "id", "question" and "answer"')
        return services.score_answer(item)

    return _map_jsonl(args.input, handle)


def _add_ingest_and_search(sub: Any) -> None:
    p = sub.add_parser("ingest", help="index the guidance corpus and any documents of yours")
    p.add_argument("paths", nargs="*", help="files or folders (.md, .txt, .pdf, .docx)")
    p.add_argument("--rebuild", action="store_true", help="delete the index and build it again")
    p.add_argument(
        "--rebuild-if-stale",
        action="store_true",
        help="rebuild instead of failing when the index is damaged or from another version",
    )
    p.add_argument("--session", help="tie these documents to one practice session")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="search the guidance index")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=4)
    p.add_argument("--reason", choices=REASONS)
    p.add_argument("--dimension")
    p.add_argument(
        "--mmr", action="store_true", help="diversify results (maximal marginal relevance)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)


def _add_practice(sub: Any) -> None:
    p = sub.add_parser("practice", help="a practice session in the terminal, or from a script")
    p.add_argument("--script", help='JSON file {"intake": {...}, "answers": [...]} or - for stdin')
    p.add_argument(
        "--voice",
        nargs="+",
        metavar="FILE",
        help="answer aloud: recordings (WAV, WebM, OGG, MP3), one per question, in order; "
        "with --script, its intake is used and its answers are not",
    )
    p.add_argument("--json", action="store_true", help="with --script or --voice: print JSON")
    p.add_argument(
        "--transcript", action="store_true", help="with --script: print the conversation"
    )
    p.add_argument("--reason", choices=REASONS, help="override the diagnosed callback reason")
    p.set_defaults(func=cmd_practice)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callback-sim", description="Practise second-round (callback) job interviews."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="serve the web app (API at /api, UI at /ui)")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.set_defaults(func=cmd_serve)

    _add_ingest_and_search(sub)

    _add_practice(sub)

    p = sub.add_parser("report", help="print the report of a session")
    p.add_argument("session_id")
    p.add_argument("--format", choices=("md", "html", "json"), default="md")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("sessions", help="list practice sessions, or delete one")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("list", help="the newest sessions first")
    q.add_argument("--limit", type=int, default=50)
    q = actions.add_parser("delete", help="remove a session, its documents and their vectors")
    q.add_argument("session_id")
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("diagnose", help="diagnose callback reasons for JSON Lines of intakes")
    p.add_argument("--input", required=True, help='JSONL file of {"id", "role", ...}, or -')
    p.set_defaults(func=cmd_diagnose)

    p = sub.add_parser("score", help="score answers from JSON Lines (one result line each)")
    p.add_argument(
        "--input", required=True, help='JSONL file of {"id", "question", "answer", ...}, or -'
    )
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "eval", help="measure the simulator: run an eval suite, or compare two recorded runs"
    )
    eval_cli.add_arguments(p)
    p.set_defaults(func=eval_cli.run)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CallbackError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
