"""``python -m evals.load``: a load benchmark of the real app over HTTP.

Starts ``callback_sim serve`` as a subprocess on 127.0.0.1 with the fake model and hashing
embeddings (``CALLBACK_PROVIDER=fake``: no model latency, so this measures the web stack,
persistence and scoring) and a fresh data folder, then lets N simulated candidates practise
concurrently for a fixed time: start a session, answer until it finishes (reading the session,
searching, listing and checking health now and then), download the report, start again.

Every request is recorded (endpoint template, status, latency, error); the summary is printed
as a table and as JSON, and written to ``--out``. The client runs on the same machine as the
server, so on a small machine the figures include the client's own CPU use.

Exit status 0 when the run happened (errors are reported, not fatal); 1 when the server never
came up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
HEALTH_WAIT_S = 60.0
INGEST_TIMEOUT_S = 600.0
STOP_WAIT_S = 10.0
REQUEST_TIMEOUT_S = 60.0
# uvicorn closes a connection idle for 5 s (its ``timeout_keep_alive``) and httpx reuses one
# idle for up to 5 s by default: a request sent on a connection the server is closing fails
# with ReadError. Keeping our idle limit below the server's avoids that race.
KEEPALIVE_EXPIRY_S = 2.0
THINK_S = (0.05, 0.3)
ERROR_SAMPLES = 10

# The two endpoints that write a question with the model; everything else is "non-model".
MODEL_ENDPOINTS = frozenset({"POST /api/sessions", "POST /api/sessions/{id}/answers"})

ROLES = [
    ("Senior Data Analyst", "Northwind Logistics"),
    ("Backend Engineer", "Acme Payments"),
    ("Product Manager", "Brightside Health"),
    ("UX Designer", "Lumen Studio"),
    ("Customer Success Lead", "Orbit CRM"),
    ("", ""),
]
ROUND1_NOTES = [
    "They asked a lot about stakeholder management and I stumbled on a conflict question.",
    "First round went well; I led a data migration with a team of four at my last job.",
    "The hiring manager worried I have not worked at this scale before.",
    "Technical screen was fine, but I was vague about my own contribution to the project.",
    "",
]
RECRUITER_MESSAGES = [
    "The panel would like to dig deeper into your leadership experience.",
    "Great news, they want to see you again! The team lead and a peer will join.",
    "They liked you but have a concern about your experience with larger teams.",
    "The panel was split, so they would like a second conversation.",
    "",
]
PANELS = [
    "Hiring manager, a senior engineer and someone from HR",
    "Team lead and a product designer",
    "Head of data",
    "",
]
JOB_DESCRIPTIONS = [
    "Own reporting pipelines end to end, work with finance and operations, mentor juniors.",
    "Design and run reliable payment APIs; on-call rotation; Python and PostgreSQL.",
    "Drive the roadmap for our patient app, working closely with design and engineering.",
    "",
]
ANSWERS = [
    # strong: situation, action, result, numbers
    "At my last job our weekly reporting took 40 minutes and the three team leads argued about "
    "whose numbers were right. I rewrote the slowest queries, moved the report to a shared "
    "pipeline and ran a workshop to agree the definitions. Run time fell to 6 minutes and the "
    "disputes stopped; finance now uses the same figures for the monthly close.",
    # decent but thin on results
    "I had a disagreement with a colleague about how to prioritise a release. I set up a short "
    "meeting, we listed the risks together and agreed to ship the smaller change first. It "
    "worked out and we shipped on time.",
    # owns a mistake and what changed
    "Honestly, I got that wrong the first time: I promised a date before checking with the "
    "team. When it slipped I told the client early, we re-planned in smaller steps, and since "
    "then I always confirm estimates with the people doing the work before committing.",
    # vague
    "I am a team player and I always try my best. I think communication is really important.",
    # very short
    "Not sure, I would figure it out.",
    # long-ish, rambling
    "So there was this project, quite a big one actually, where we had many moving parts, and "
    "I was involved in a lot of them, talking to people, going to meetings, writing some of "
    "the documents, and in the end it came together more or less, although there were delays "
    "because of other teams, and I learned that planning matters and that you should ask for "
    "help earlier rather than later, which I now try to do in every project I join.",
]
SEARCH_QUERIES = [
    "how to answer a conflict question",
    "STAR method with measurable results",
    "addressing a concern about experience",
    "split panel second interview",
    "what to say about a weakness",
    "questions to ask the hiring manager",
    "leadership without authority",
]


@dataclass
class Sample:
    endpoint: str
    status: int | None
    ms: float
    error: str | None


@dataclass
class Recorder:
    """Every request of the run, in completion order, and a few session counters."""

    samples: list[Sample] = field(default_factory=list)
    sessions_started: int = 0
    sessions_finished: int = 0

    async def call(
        self,
        client: httpx.AsyncClient,
        method: str,
        template: str,
        url: str,
        *,
        expect: int = 200,
        want_json: bool = True,
        **kwargs: Any,
    ) -> Any:
        """One request; returns the parsed JSON (or text) on the expected status, else None."""
        endpoint = f"{method} {template}"
        start = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            ms = (time.perf_counter() - start) * 1000
            cause = exc.__cause__ or exc.__context__
            why = str(exc) or (repr(cause) if cause is not None else "")
            self.samples.append(Sample(endpoint, None, ms, f"{type(exc).__name__}: {why}"))
            return None
        ms = (time.perf_counter() - start) * 1000
        if response.status_code != expect:
            detail = response.text[:300].replace("\n", " ")
            error = f"unexpected status {response.status_code} (wanted {expect}): {detail}"
            self.samples.append(Sample(endpoint, response.status_code, ms, error))
            return None
        if not want_json:
            self.samples.append(Sample(endpoint, response.status_code, ms, None))
            return response.text
        try:
            data = response.json()
        except ValueError as exc:
            error = f"invalid JSON: {exc}"
            self.samples.append(Sample(endpoint, response.status_code, ms, error))
            return None
        self.samples.append(Sample(endpoint, response.status_code, ms, None))
        return data


# -- the simulated candidate ---------------------------------------------------------------------


def _intake(rng: random.Random) -> dict[str, str]:
    role, company = rng.choice(ROLES)
    return {
        "role": role,
        "company": company,
        "job_description": rng.choice(JOB_DESCRIPTIONS),
        "round1_notes": rng.choice(ROUND1_NOTES),
        "recruiter_message": rng.choice(RECRUITER_MESSAGES),
        "panel": rng.choice(PANELS),
    }


async def _think(rng: random.Random, deadline: float) -> bool:
    """Pause like a person would; False when the time is up (no more requests then)."""
    await asyncio.sleep(rng.uniform(*THINK_S))
    return time.monotonic() < deadline


async def _extras(
    client: httpx.AsyncClient,
    rec: Recorder,
    rng: random.Random,
    headers: dict[str, str],
    session_id: str,
    deadline: float,
) -> bool:
    """The occasional side requests between two answers; False when the time is up."""
    if rng.random() < 0.4:
        if not await _think(rng, deadline):
            return False
        await rec.call(
            client, "GET", "/api/sessions/{id}", f"/api/sessions/{session_id}", headers=headers
        )
    if rng.random() < 0.1:
        if not await _think(rng, deadline):
            return False
        await rec.call(client, "GET", "/api/health", "/api/health")
    if rng.random() < 0.15:
        if not await _think(rng, deadline):
            return False
        query = {"q": rng.choice(SEARCH_QUERIES), "k": str(rng.choice((3, 4, 6)))}
        await rec.call(client, "GET", "/api/search", "/api/search", params=query)
    if rng.random() < 0.1:
        if not await _think(rng, deadline):
            return False
        await rec.call(client, "GET", "/api/sessions", "/api/sessions", headers=headers)
    return True


async def candidate(client: httpx.AsyncClient, rec: Recorder, seed: int, deadline: float) -> None:
    """One candidate practising session after session until the time is up."""
    rng = random.Random(seed)
    token: str | None = None
    await asyncio.sleep(rng.uniform(0, 1))  # do not all arrive in the same millisecond
    while time.monotonic() < deadline:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        view = await rec.call(
            client,
            "POST",
            "/api/sessions",
            "/api/sessions",
            expect=201,
            json=_intake(rng),
            headers=headers,
        )
        if not isinstance(view, dict):
            if not await _think(rng, deadline):
                return
            continue
        rec.sessions_started += 1
        token = str(view.get("owner_token") or token or "")
        headers = {"Authorization": f"Bearer {token}"}
        session_id = str(view["id"])
        while view.get("current") is not None:
            if not await _extras(client, rec, rng, headers, session_id, deadline):
                return
            if not await _think(rng, deadline):
                return
            answered = await rec.call(
                client,
                "POST",
                "/api/sessions/{id}/answers",
                f"/api/sessions/{session_id}/answers",
                json={"answer": rng.choice(ANSWERS)},
                headers=headers,
            )
            if not isinstance(answered, dict):
                break  # recorded as an error; start a fresh session
            view = answered
        if view.get("current") is not None:
            continue
        rec.sessions_finished += 1
        if not await _think(rng, deadline):
            return
        await rec.call(
            client,
            "GET",
            "/api/sessions/{id}/report",
            f"/api/sessions/{session_id}/report",
            params={"format": "md"},
            headers=headers,
            want_json=False,
        )
        if not await _think(rng, deadline):
            return


async def run_load(
    base_url: str, users: int, seconds: float, seed: int, keepalive_expiry: float
) -> tuple[Recorder, float]:
    rec = Recorder()
    limits = httpx.Limits(
        max_connections=users + 5,
        max_keepalive_connections=users + 5,
        keepalive_expiry=keepalive_expiry,
    )
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        start = time.monotonic()
        deadline = start + seconds
        # Requests already under way at the deadline finish (bounded by the request timeout).
        await asyncio.gather(*(candidate(client, rec, seed + i, deadline) for i in range(users)))
        elapsed = time.monotonic() - start
    return rec, elapsed


# -- the server ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _server_env(data_dir: Path) -> dict[str, str]:
    """This environment without inherited ``CALLBACK_*`` settings, plus the fake providers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLBACK_")}
    env["CALLBACK_PROVIDER"] = "fake"
    env["CALLBACK_DATA_DIR"] = str(data_dir)
    return env


def _wait_healthy(base_url: str, proc: subprocess.Popen[bytes], limit_s: float) -> float | None:
    """Seconds until GET /api/health answered 200, or None (timed out or the server exited)."""
    start = time.monotonic()
    with httpx.Client(base_url=base_url, timeout=2.0) as client:
        while time.monotonic() - start < limit_s:
            if proc.poll() is not None:
                return None
            try:
                if client.get("/api/health").status_code == 200:
                    return time.monotonic() - start
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
    return None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _server_tracebacks(path: Path, most: int = 3) -> list[str]:
    """The first few tracebacks the server logged (the cause of any 5xx)."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    found: list[str] = []
    i = 0
    while i < len(lines) and len(found) < most:
        if lines[i].startswith("Traceback"):
            block = [lines[i]]
            i += 1
            while i < len(lines) and (lines[i].startswith((" ", "\t")) or not lines[i].strip()):
                block.append(lines[i])
                i += 1
            if i < len(lines):
                block.append(lines[i])  # the exception line itself
            found.append("\n".join(block[-25:]))
        i += 1
    return found


# -- the report ----------------------------------------------------------------------------------


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _latency(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"count": 0, "median_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "count": len(values),
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(_pct(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def summarize(rec: Recorder, elapsed: float, users: int, seconds: float) -> dict[str, Any]:
    samples = rec.samples
    errors = [s for s in samples if s.error is not None]
    endpoints: dict[str, dict[str, Any]] = {}
    for name in sorted({s.endpoint for s in samples}):
        mine = [s for s in samples if s.endpoint == name]
        endpoints[name] = {
            "errors": sum(s.error is not None for s in mine),
            **_latency([s.ms for s in mine]),
            "statuses": dict(Counter(str(s.status) for s in mine)),
        }
    non_model = [s.ms for s in samples if s.endpoint not in MODEL_ENDPOINTS]
    return {
        "users": users,
        "seconds_requested": seconds,
        "seconds_elapsed": round(elapsed, 1),
        "cpu_count": os.cpu_count(),
        "sessions_started": rec.sessions_started,
        "sessions_finished": rec.sessions_finished,
        "total_requests": len(samples),
        "requests_per_s": round(len(samples) / elapsed, 1) if elapsed > 0 else 0.0,
        "errors": len(errors),
        "error_kinds": dict(Counter(f"{e.endpoint} -> {e.status}" for e in errors)),
        "error_samples": [
            {"endpoint": e.endpoint, "status": e.status, "ms": round(e.ms, 1), "error": e.error}
            for e in errors[:ERROR_SAMPLES]
        ],
        "non_model_endpoints": _latency(non_model),
        "all_endpoints": _latency([s.ms for s in samples]),
        "endpoints": endpoints,
    }


def _fmt(value: Any) -> str:
    return "-" if value is None else str(value)


def print_table(result: dict[str, Any]) -> None:
    print(
        f"{result['users']} users for {result['seconds_elapsed']} s on {result['cpu_count']} CPUs: "
        f"{result['total_requests']} requests, {result['requests_per_s']} req/s, "
        f"{result['errors']} errors; sessions {result['sessions_started']} started, "
        f"{result['sessions_finished']} finished"
    )
    rows: list[tuple[str, dict[str, Any], Any]] = [
        (name, stats, stats["errors"]) for name, stats in result["endpoints"].items()
    ]
    rows.append(("non-model endpoints (all but the 2 POSTs)", result["non_model_endpoints"], ""))
    rows.append(("all endpoints", result["all_endpoints"], result["errors"]))
    width = max(len(name) for name, _, _ in rows)
    header = f"{'endpoint':<{width}}  {'count':>6}  {'errors':>6}  {'median ms':>9}  "
    header += f"{'p95 ms':>8}  {'max ms':>8}"
    print(header)
    print("-" * len(header))
    for name, stats, errs in rows:
        print(
            f"{name:<{width}}  {stats['count']:>6}  {_fmt(errs):>6}  {_fmt(stats['median_ms']):>9}  "
            f"{_fmt(stats['p95_ms']):>8}  {_fmt(stats['max_ms']):>8}"
        )
    for sample in result["error_samples"]:
        print(f"error: {sample['endpoint']} [{sample['status']}] {sample['error']}")
    for tb in result.get("server_tracebacks", []):
        print(f"server traceback:\n{tb}")


# -- main ----------------------------------------------------------------------------------------


def _start_server(data_dir: Path, port: int, log: IO[bytes]) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "callback_sim", "serve", "--host", HOST, "--port", str(port)]
    return subprocess.Popen(
        cmd, cwd=PROJECT_ROOT, env=_server_env(data_dir), stdout=log, stderr=subprocess.STDOUT
    )


def _ingest(data_dir: Path) -> None:
    cmd = [sys.executable, "-m", "callback_sim", "ingest", "--quiet"]
    start = time.monotonic()
    done = subprocess.run(
        cmd,
        cwd=PROJECT_ROOT,
        env=_server_env(data_dir),
        capture_output=True,
        text=True,
        timeout=INGEST_TIMEOUT_S,
        check=False,
    )
    took = time.monotonic() - start
    if done.returncode != 0:
        print(
            f"warning: ingest exited {done.returncode} after {took:.1f} s; the index may not be "
            f"ready:\n{done.stderr[-2000:]}",
            file=sys.stderr,
        )
    else:
        print(f"index built in {took:.1f} s: {done.stdout.strip()}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated candidates")
    parser.add_argument("--seconds", type=float, default=120.0, help="how long the load runs")
    parser.add_argument("--seed", type=int, default=1, help="seed of the candidates' choices")
    parser.add_argument(
        "--keepalive-expiry",
        type=float,
        default=KEEPALIVE_EXPIRY_S,
        help="seconds an idle client connection is reused (5 reproduces the keep-alive race)",
    )
    parser.add_argument("--out", default="bench-results/load.json")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds <= 0:
        parser.error("--users must be at least 1 and --seconds positive")

    with tempfile.TemporaryDirectory(prefix="callback-load-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        log_path = Path(tmp) / "server.log"
        try:
            _ingest(data_dir)
        except subprocess.TimeoutExpired:
            print(f"warning: ingest took over {INGEST_TIMEOUT_S:.0f} s", file=sys.stderr)
        port = _free_port()
        base_url = f"http://{HOST}:{port}"
        with log_path.open("wb") as log:
            proc = _start_server(data_dir, port, log)
            try:
                ready = _wait_healthy(base_url, proc, HEALTH_WAIT_S)
                if ready is None:
                    state = "exited" if proc.poll() is not None else "did not answer"
                    print(
                        f"error: the server {state} within {HEALTH_WAIT_S:.0f} s "
                        f"(GET /api/health never answered 200). Server log:\n{_tail(log_path)}",
                        file=sys.stderr,
                    )
                    return 1
                print(f"server up on {base_url} after {ready:.1f} s", file=sys.stderr)
                rec, elapsed = asyncio.run(
                    run_load(base_url, args.users, args.seconds, args.seed, args.keepalive_expiry)
                )
                crashed = proc.poll()
            finally:
                _stop(proc)
        result = summarize(rec, elapsed, args.users, args.seconds)
        result["client_keepalive_expiry_s"] = args.keepalive_expiry
        result["server_startup_s"] = round(ready, 1)
        result["server_exited_during_run"] = crashed is not None
        result["server_tracebacks"] = _server_tracebacks(log_path)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print_table(result)
    print(f"\nJSON written to {out}", file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
