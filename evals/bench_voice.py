"""Peak memory of a server with voice on, after three practice sessions answered aloud.

``callback-sim serve`` (the embedded defaults: Gemma 3 270M, MiniLM, Whisper base, Piper)
runs in a subprocess on a prepared data folder; three sessions go through the REST API
(each question fetched as audio, each answer a spoken recording). The figure is the
server's peak resident memory: VmHWM from /proc for it and any children, and the largest
sum of their resident memory sampled every 0.2 s. Target: 2.8 GiB or less.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

TARGET_GIB = 2.8
ANSWERS = [
    [
        "Um, at my last job I rewrote the schedule so that night shifts were shared evenly.",
        "Sickness absence fell by a third that quarter, you know, and nobody left the team.",
    ],
    [
        "I led the move of our patient records to the new system over six months.",
        "Uh, I trained twelve champions first, and they taught the rest of the ward.",
    ],
    [
        "I think the hardest part was the budget, to be honest.",
        "We cut agency spending by forty thousand pounds by filling shifts from our own bank.",
    ],
]


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            children = (
                (task / "children").read_text().split() if (task / "children").exists() else []
            )
            todo += [int(c) for c in children]
    return out


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Sampler(threading.Thread):
    """The largest resident memory of the process tree, sampled."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.hwm_kib, self.stop = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            try:
                pids = _tree(self.pid)
                self.peak_kib = max(self.peak_kib, sum(_status_kib(p, "VmRSS") for p in pids))
                self.hwm_kib = max(self.hwm_kib, sum(_status_kib(p, "VmHWM") for p in pids))
            except (FileNotFoundError, ProcessLookupError):
                return


def _recordings() -> list[bytes]:
    from simulator.speech import EmbeddedSynthesizer
    from simulator.speech.audio import wav_bytes

    synth = EmbeddedSynthesizer()
    out = []
    for sentences in ANSWERS:
        pcm, rate = b"", 22_050
        for sentence in sentences:
            piece, rate = synth.sentence_pcm(sentence)
            pcm += piece + b"\0\0" * int(0.6 * rate)
        out.append(wav_bytes(pcm, rate))
    return out


def _session(client: httpx.Client, recordings: list[bytes], n: int) -> dict[str, Any]:
    made = client.post("/api/sessions", json={"role": "Ward Manager", "round1_notes": "Rotas?"})
    made.raise_for_status()
    sid, token = made.json()["id"], made.json()["owner_token"]
    auth = {"Authorization": f"Bearer {token}"}
    current, answers, began = made.json()["current"], 0, time.perf_counter()
    while current is not None and answers < 12:
        spoken = client.get(f"/api/sessions/{sid}/turns/{current['index']}/audio", headers=auth)
        spoken.raise_for_status()
        audio = recordings[(n + answers) % len(recordings)]
        r = client.post(
            f"/api/sessions/{sid}/answers/audio",
            files={"file": ("answer.wav", audio, "audio/wav")},
            headers=auth,
        )
        r.raise_for_status()
        current, answers = r.json()["session"]["current"], answers + 1
    return {"answers": answers, "seconds": round(time.perf_counter() - began, 1)}


def bench_voice_memory(data_dir: Path, port: int) -> dict[str, Any]:
    """Three spoken sessions against a fresh server on ``data_dir`` (index built)."""
    env = {**os.environ, "CALLBACK_DATA_DIR": str(data_dir)}
    recordings = _recordings()
    server = subprocess.Popen(
        [sys.executable, "-m", "callback_sim", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sampler = Sampler(server.pid)
    sampler.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            for _ in range(600):
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            sessions = [_session(client, recordings, n) for n in range(3)]
        time.sleep(0.5)
        hwm = sum(_status_kib(p, "VmHWM") for p in _tree(server.pid))
    finally:
        sampler.stop.set()
        server.terminate()
        server.wait(timeout=60)
    gib = max(hwm, sampler.hwm_kib) / 1_048_576
    return {
        "voice_sessions": sessions,
        f"voice_server_peak_rss_gib (3 spoken sessions; target <= {TARGET_GIB})": round(gib, 2),
        "voice_server_peak_rss_sampled_gib": round(sampler.peak_kib / 1_048_576, 2),
    }
