"""Ingest and search against real embedded Chroma (hashing embeddings keep it fast)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.errors import IndexNotReadyError
from simulator.services import Services
from simulator.settings import PROJECT_ROOT
from tests.conftest import SOURCE_ARTICLE, fake_settings


def _own_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    return corpus


def test_reingest_is_idempotent(services: Services) -> None:
    before = services.index.status()
    report = services.ingest(progress=False)
    assert report.changed == 0 and report.chunks_written == 0
    assert report.unchanged == before.documents
    assert services.index.status().chunks == before.chunks


def test_changed_card_is_updated_and_removed_card_deleted(tmp_path: Path) -> None:
    corpus = _own_corpus(tmp_path)
    svc = Services(fake_settings(tmp_path / "data", corpus_dir=corpus))
    first = svc.ingest(progress=False)
    assert first.added == len(list((corpus / "cards").glob("*.md")))
    card = corpus / "cards" / "quantify-your-results.md"
    card.write_text(card.read_text() + "\nMention the baseline you improved on.\n")
    (corpus / "cards" / "rehearse-out-loud.md").unlink()
    second = svc.ingest(progress=False)
    assert (second.added, second.updated, second.removed) == (0, 1, 1)
    ids = {p.id for p in svc.index.search("baseline you improved on numbers", k=10)}
    assert "rehearse-out-loud" not in ids
    hit = next(
        p
        for p in svc.index.search("Mention the baseline you improved on", k=5)
        if p.id == "quantify-your-results"
    )
    assert "baseline" in hit.text


def test_filters_by_reason_and_dimension(services: Services) -> None:
    hits = services.index.search("how should I prepare", k=8, reasons=["split_panel"])
    assert hits and all("split_panel" in p.callback_reasons for p in hits)
    hits = services.index.search("how should I prepare", k=8, dimensions=["culture_fit"])
    assert hits and all("culture_fit" in p.dimensions for p in hits)
    both = services.index.search(
        "prepare", k=8, reasons=["different_role"], dimensions=["role_research"]
    )
    assert both and all(
        "different_role" in p.callback_reasons and "role_research" in p.dimensions for p in both
    )


def test_mmr_returns_distinct_passages(services: Services) -> None:
    hits = services.index.search("research the company and the role", k=5, mmr=True)
    assert len(hits) == 5 and len({p.id for p in hits}) == 5


def test_source_article_ingests_as_a_user_document(services: Services) -> None:
    assert SOURCE_ARTICLE.exists()
    report = services.ingest([SOURCE_ARTICLE], include_corpus=False, progress=False)
    assert report.added == 1 and report.chunks_written >= 3
    hits = services.index.search("large law firms callbacks senior personnel", k=3)
    assert any(p.source == str(SOURCE_ARTICLE.absolute()) for p in hits)
    again = services.ingest([SOURCE_ARTICLE], include_corpus=False, progress=False)
    assert again.changed == 0


def test_session_documents_are_seen_only_by_their_session(
    services: Services, tmp_path: Path
) -> None:
    doc = tmp_path / "round1.md"
    doc.write_text("Round one notes: the zebra logistics platform question went badly.")
    services.ingest([doc], session="s-1", include_corpus=False, progress=False)

    def sources(session: str | None) -> set[str]:
        return {
            p.source
            for p in services.index.search("zebra logistics platform", k=60, session=session)
        }

    assert str(doc) in sources("s-1")
    assert str(doc) not in sources("s-2")
    assert str(doc) not in sources(None)


def test_bad_files_are_skipped_and_the_rest_ingests(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.md").write_text("Notes about the hiring manager for the platform team.")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (folder / "empty.md").write_text("   \n")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    outside = tmp_path / "secret.md"
    outside.write_text("secret outside the folder")
    (folder / "link.md").symlink_to(outside)
    report = services.ingest([folder], include_corpus=False, progress=False)
    skipped = dict(report.skipped)
    assert "looks binary" in skipped[str(folder / "blob.txt")]
    assert "not UTF-8" in skipped[str(folder / "latin1.txt")]
    assert "unsupported" in skipped[str(folder / "photo.png")]
    assert "outside" in skipped[str(folder / "link.md")]
    assert report.added == 2  # good.md, and empty.md which adds no chunks
    assert report.chunks_written == 1
    err = capsys.readouterr().err
    assert "blob.txt" in err and "link.md" in err


def test_large_document_ingests(services: Services, tmp_path: Path) -> None:
    """A document past the largest the app accepts as an upload (5 MB; `callback-sim
    ingest` takes local files of any size) is indexed whole."""
    big = tmp_path / "big.txt"
    paragraph = "The panel asked about quarterly forecasting and stakeholder updates. " * 20
    big.write_text("\n\n".join(f"{i}: {paragraph}" for i in range(3800)))  # ~5.3 MB
    assert big.stat().st_size > services.settings.limits.max_file_bytes
    report = services.ingest([big], include_corpus=False, progress=False)
    assert report.added == 1 and report.chunks_written > 2500


def test_missing_index_says_what_to_run(tmp_path: Path) -> None:
    svc = Services(fake_settings(tmp_path / "data"))
    with pytest.raises(IndexNotReadyError, match="callback-sim ingest"):
        svc.index.search("anything")
    assert not svc.index.status().ready


def test_corrupt_index_says_rebuild_and_rebuild_works(tmp_path: Path) -> None:
    settings = fake_settings(tmp_path / "data")
    Services(settings).ingest(progress=False)
    for f in settings.chroma_path.rglob("*"):
        if f.is_file():
            f.write_bytes(b"garbage" * 100)
    broken = Services(settings)
    with pytest.raises(IndexNotReadyError, match="--rebuild"):
        broken.index.search("anything")
    rebuilt = Services(settings)
    report = rebuilt.ingest(rebuild=True, progress=False)
    assert report.added > 40
    assert rebuilt.index.search("research the role", k=1)


def test_index_built_for_another_embedding_model_is_refused(tmp_path: Path) -> None:
    settings = fake_settings(tmp_path / "data")
    Services(settings).ingest(progress=False)
    other = Services(settings)
    other.index.embedding_id = "embedded:all-MiniLM-L6-v2"
    with pytest.raises(IndexNotReadyError, match="--rebuild"):
        other.index.search("x")


def test_session_ingests_never_delete_other_copies(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("Round one went well apart from the forecasting question.")
    assert services.ingest([folder], include_corpus=False, progress=False).added == 1
    for session in ("s-1", "s-2"):
        report = services.ingest([folder], session=session, include_corpus=False, progress=False)
        assert (report.added, report.removed) == (1, 0)
    keys = set(services.index.document_hashes())
    path = folder / "a.md"
    assert {f"doc:{path}", f"doc:s-1:{path}", f"doc:s-2:{path}"} <= keys
    (folder / "a.md").unlink()
    report = services.ingest([folder], session="s-1", include_corpus=False, progress=False)
    assert report.removed == 1
    keys = set(services.index.document_hashes())
    assert f"doc:s-1:{path}" not in keys and f"doc:{path}" in keys and f"doc:s-2:{path}" in keys
