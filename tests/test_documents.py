"""User documents in .docx and .pdf: ingested, searchable, and skipped when corrupt."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from simulator.services import Services

DOCX_PHRASE = "Quokka procurement dashboard rollout for the Lisbon warehouse team"
PDF_PHRASE = "Narwhal telemetry pipeline migration reviewed by the Oslo platform guild"


def write_docx(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    document.add_heading("Round one notes", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(*lines: str) -> bytes:
    """A valid one-page PDF showing ``lines`` in Helvetica, with a correct xref table."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops += [f"({_pdf_string(line)}) Tj", "T*"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_pdf(path: Path, *lines: str) -> Path:
    path.write_bytes(minimal_pdf(*lines))
    return path


def test_handmade_pdf_is_valid_and_readable(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "check.pdf", PDF_PHRASE, "Second line (with parentheses).")
    reader = PdfReader(pdf, strict=True)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert PDF_PHRASE in text and "(with parentheses)" in text


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("round1-notes.docx", DOCX_PHRASE), ("round1-notes.pdf", PDF_PHRASE)],
    ids=["docx", "pdf"],
)
def test_document_ingests_and_is_found(
    services: Services, tmp_path: Path, name: str, phrase: str
) -> None:
    path = tmp_path / name
    filler = "The interviewer asked how I handled a missed deadline and what I changed after."
    if path.suffix == ".docx":
        write_docx(path, phrase, filler)
    else:
        write_pdf(path, phrase, filler)
    report = services.ingest([path], include_corpus=False, progress=False)
    assert report.skipped == []
    assert report.added == 1 and report.chunks_written >= 1
    hits = services.index.search(phrase, k=3)
    hit = next(p for p in hits if p.source == str(path))
    assert phrase in hit.text
    assert hit.title == name
    again = services.ingest([path], include_corpus=False, progress=False)
    assert again.changed == 0 and again.unchanged == 1


def test_corrupt_pdf_and_docx_are_skipped_and_the_rest_ingests(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    noise = random.Random(20240611)
    (folder / "broken.pdf").write_bytes(noise.randbytes(4096))
    (folder / "broken.docx").write_bytes(noise.randbytes(4096))
    (folder / "truncated.pdf").write_bytes(minimal_pdf(PDF_PHRASE)[:60])
    good = folder / "good.md"
    good.write_text("Follow-up: ask the Quetzal analytics team about their on-call rotation.")
    report = services.ingest([folder], include_corpus=False, progress=False)

    skipped = dict(report.skipped)
    assert set(skipped) == {
        str(folder / "broken.pdf"),
        str(folder / "broken.docx"),
        str(folder / "truncated.pdf"),
    }
    assert "unreadable PDF" in skipped[str(folder / "broken.pdf")]
    assert "unreadable PDF" in skipped[str(folder / "truncated.pdf")]
    assert "unreadable DOCX" in skipped[str(folder / "broken.docx")]
    assert report.added == 1 and report.chunks_written == 1
    err = capsys.readouterr().err
    for name in ("broken.pdf", "broken.docx", "truncated.pdf"):
        assert f"skipped {folder / name}:" in err

    hits = services.index.search("Quetzal analytics on-call rotation", k=3)
    assert any(p.source == str(good) for p in hits)
    assert not any(p.source.endswith((".pdf", ".docx")) for p in hits)
