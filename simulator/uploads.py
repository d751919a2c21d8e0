"""Documents a candidate uploads (a job description, round-one notes): checked, then stored.

Only text, Markdown, PDF and DOCX files up to ``limits.max_file_bytes`` (5 MB) are taken;
the stored name is reduced to safe characters, so no upload can choose where it is written.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from simulator.errors import InputTooLargeError, InvalidInputError
from simulator.ingest import SUFFIXES, UnreadableDocumentError, read_document

_MAGIC = {".pdf": b"%PDF", ".docx": b"PK\x03\x04"}


class UnsupportedUploadError(InvalidInputError):
    """A file of a type Callback does not read."""


class UploadTooLargeError(InputTooLargeError):
    """A file over the size limit."""


def safe_name(filename: str) -> str:
    base = Path(filename.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "document"
    return cleaned[:120]


def size_text(n: int) -> str:
    """A byte count as people say it: "5 MB", "1.5 MB", "800 KB"."""
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f}".removesuffix(".0") + " MB"
    return f"{n / 1024:.0f} KB"


def check_upload(filename: str, content: bytes, max_bytes: int) -> str:
    """The file's suffix if it is acceptable; otherwise an error that says why not."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedUploadError(
            f"{filename!r} is not a text, Markdown, PDF or DOCX file; those are the types Callback reads."
        )
    if len(content) > max_bytes:
        raise UploadTooLargeError(
            f"{filename!r} is {size_text(len(content))}; the limit is {size_text(max_bytes)}."
        )
    magic = _MAGIC.get(suffix)
    if magic and not content.startswith(magic):
        raise UnsupportedUploadError(f"{filename!r} does not look like a real {suffix} file.")
    return suffix


def store_upload(folder: Path, filename: str, content: bytes, max_bytes: int) -> Path:
    """Check and write the upload under ``folder``; reading it must work too."""
    check_upload(filename, content, max_bytes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(filename)
    # Written to a new file beside it, then renamed into place: a symlink already at that
    # name is replaced, never followed, and a process killed mid-write leaves no half file.
    fd, partial = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    os.replace(partial, path)
    try:
        read_document(path)
    except UnreadableDocumentError as exc:
        path.unlink(missing_ok=True)
        raise UnsupportedUploadError(f"{filename!r} could not be read: {exc}") from exc
    return path


def upload_text(filename: str, content: bytes, scratch: Path, max_bytes: int) -> str:
    """The text of an uploaded document (for filling in the intake form)."""
    path = store_upload(scratch, filename, content, max_bytes)
    try:
        return read_document(path)
    finally:
        path.unlink(missing_ok=True)
