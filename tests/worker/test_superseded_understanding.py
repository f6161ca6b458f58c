"""Two understandings of one dossier at once (a letter joining it while it is being read, a
second worker): the one that began last is kept, whatever the order they end in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from extractors.model import Part
from worker.core import pipeline
from worker.core.context import make_context
from worker.core.export import export_dossier
from worker.core.intake import intake_files, intake_message
from worker.events import EventKind
from worker.persistence.db import DocumentRow, Event

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE = SAMPLES / "01_pdf_numeriques" / "input"
PREFECTURE = ("2026-03-16_courrier_prefet_35.pdf",)
LATE = SAMPLES / "28_piece_tardive_sans_fil" / "input"  # the sous-préfecture's letter, by mail on its own


def parts(names) -> list[Part]:
    return [Part(name, (SAMPLE / name).read_bytes()) for name in names]


def test_an_understanding_overtaken_by_a_join_is_not_written(store, settings, engine, cog, monkeypatch):
    ctx = make_context(settings, store, engine=engine, cog=cog)

    def mail(name: str) -> str:
        return intake_message((LATE / name).read_bytes(), name, store=store, settings=settings).dossier_id

    mairie = mail("candidature.eml")
    extract, meanwhile_done = pipeline.extract_fields, []

    def meanwhile(*args, **kwargs):
        if not meanwhile_done:  # while this worker understands the mairie's pieces, a second one
            meanwhile_done.append(True)  # runs the dossier (its job queued twice), then the late
            pipeline.run(mairie, ctx)  # letter arrives and joins it: the dossier is read again
            meanwhile_done.append(pipeline.run(mail("courrier_sous-prefecture.eml"), ctx))
        return extract(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_fields", meanwhile)
    assert pipeline.run(mairie, ctx) == mairie
    assert meanwhile_done == [True, mairie]  # joined
    export = export_dossier(store, mairie)
    assert sorted(d["kind"] for d in export["documents"]) == ["courrier_collectivite", "courrier_prefet", "fiche"]
    assert export["completeness"]["complete"] is True, export["completeness"]["reasons"]
    with store.session() as s:
        understood = s.scalars(select(Event.data).where(
            Event.dossier_id == mairie, Event.kind == EventKind.UNDERSTOOD)).all()
    # the overtaken understanding (2 documents, begun first, ended last) left no trace
    assert understood == [{"documents": 2}, {"documents": 3}]


def test_a_stale_understanding_writes_nothing(store, settings):
    dossier = intake_files(parts(PREFECTURE), "/depot", store=store, settings=settings).dossier_id
    store.add_event(dossier, EventKind.PROCESSING_STARTED)
    first = store.latest_event_id(dossier, EventKind.PROCESSING_STARTED)
    store.add_event(dossier, EventKind.PROCESSING_STARTED)
    second = store.latest_event_id(dossier, EventKind.PROCESSING_STARTED)
    assert second > first
    row = {"file_id": store.files(dossier)[0].id, "pages": [1], "kind": "courrier_prefet", "confidence": 0.9,
           "ocr": False, "error": None}
    field = {"value": "35", "confidence": 0.9, "source": None, "status": "extracted"}
    assert store.save_understanding(dossier, [row], {"courrier_prefet.departement": field}, began=first) is False
    with store.session() as s:
        assert s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier)).all() == []
    assert store.latest_event_id(dossier, EventKind.UNDERSTOOD) is None
    assert store.save_understanding(dossier, [row], {"courrier_prefet.departement": field}, began=second) is True
    assert [d.kind for d in store.documents(dossier)] == ["courrier_prefet"]
    assert store.latest_event_id(dossier, EventKind.UNDERSTOOD) is not None
