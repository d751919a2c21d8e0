"""Voice practice over REST: answer the open question with a recording, and hear a
question spoken.

The recording (WAV, WebM, OGG or MP3; ``speech.max_audio_bytes`` and
``speech.max_audio_seconds`` at most) is transcribed offline, its delivery measured, and
the transcript answered like a typed answer. The question arrives as one WAV stream, a
sentence at a time, so playback starts before the whole question is spoken.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import StreamingResponse

from server.deps import HeavyDep, OwnerDep, ServicesDep
from server.heavy import HeavyWork
from server.responses import VoiceAnswerOut
from server.routes.sessions import _with_last_score
from simulator.speech import Delivery, Transcript
from simulator.speech.audio import wav_stream

router = APIRouter(prefix="/api")

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such session for this owner (or no such turn)."},
    413: {"description": "The recording is over the size or length limit."},
    422: {"description": "The recording cannot be decoded, or no words were heard in it."},
    503: {"description": "Voice is off (speech.provider=off) or its models are unavailable."},
}


class WavStream(StreamingResponse):
    media_type = "audio/wav"


def _heard(transcript: Transcript, figures: Delivery) -> dict[str, Any]:
    return {"transcript": transcript.to_dict(), "delivery": figures.to_dict()}


@router.post(
    "/sessions/{session_id}/answers/audio",
    response_model=VoiceAnswerOut,
    responses=ERRORS,
)
async def answer_audio(
    session_id: str,
    services: ServicesDep,
    heavy: HeavyDep,
    owner: OwnerDep,
    file: Annotated[UploadFile, File(description="the recorded answer: WAV, WebM, OGG or MP3")],
    transcribe_only: Annotated[
        bool, Query(description="only transcribe (for editing); the question stays open")
    ] = False,
    transcribe_only_form: Annotated[
        bool, Form(alias="transcribe_only", description="as the query parameter")
    ] = False,
) -> dict[str, Any]:
    """Answer the open question aloud: the transcript, the delivery figures and the session
    as ``POST /answers`` returns it. With ``transcribe_only=true`` (query or form field) only
    the transcript and its delivery figures, for the candidate to correct and send."""
    services.get(session_id, owner)  # missing or not yours: 404 before any work
    audio = await file.read(services.settings.speech.max_audio_bytes + 1)
    if transcribe_only or transcribe_only_form:
        transcript, figures = await heavy.run(services.transcribe, audio)
        return {**_heard(transcript, figures), "session": None}
    view, transcript, figures = await heavy.run(
        services.answer_audio, session_id, audio, owner_hash=owner
    )
    return {**_heard(transcript, figures), "session": _with_last_score(view.to_dict(), view.turns)}


@router.get(
    "/sessions/{session_id}/turns/{n}/audio",
    response_class=WavStream,
    responses={
        200: {
            "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}},
            "description": "The question (with what the panel says before it) as one WAV "
            "stream, a sentence at a time: the header's lengths are 0xFFFFFFFF (unknown), "
            "the samples run to the end of the stream.",
        },
        **ERRORS,
    },
)
async def question_audio(
    session_id: str,
    services: ServicesDep,
    heavy: HeavyDep,
    owner: OwnerDep,
    n: Annotated[int, Path(ge=0, le=1000, description="the turn, from 0")],
) -> WavStream:
    """The question of turn ``n`` spoken, streamed as it is synthesised."""
    sentences = await heavy.run(services.speak, session_id, n, owner)
    stream = wav_stream(sentences)
    first = await heavy.run(next, stream, b"")  # a failure here is still a clean error
    return WavStream(_rest(heavy, first, stream))


async def _rest(heavy: HeavyWork, first: bytes, stream: Iterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    while chunk := await heavy.run(next, stream, b""):
        yield chunk
