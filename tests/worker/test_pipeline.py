"""The pipeline end to end on the official form: digital, office, scanned."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from sqlalchemy import func, select

from extractors.model import READER_VERSION, Part
from tests.conftest import SHARED
from tests.contract import validate_export
from worker.core import pipeline
from worker.core.context import make_context
from worker.core.export import export_dossier
from worker.core.intake import intake_files
from worker.persistence.db import Reading

FORMS = SHARED / "forms"


def scanned(pdf: bytes, turn_page: int | None = None) -> bytes:
    """An image-only PDF of `pdf`'s pages at 150 dpi, greyscale, one page upside down."""
    document = pypdfium2.PdfDocument(pdf)
    images = []
    for index in range(len(document)):
        image = document[index].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
        if index + 1 == turn_page:
            image = image.rotate(180)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return out.getvalue()


def process(parts, store, settings, engine, cog) -> dict:
    intake = intake_files(parts, "/test", store=store, settings=settings)
    pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    export = export_dossier(store, intake.dossier_id)
    validate_export(export)
    return export


def test_digital_form_is_read_from_its_text_layer(store, settings, engine, cog):
    pdf = (FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes()
    export = process([Part("fiche.pdf", pdf)], store, settings, engine, cog)
    assert export["status"] == "processed"
    [document] = export["documents"]
    assert document["kind"] == "fiche" and document["pages"] == [1, 2, 3, 4] and not document["ocr"]
    assert export["completeness"]["pieces"]["fiche"] is True
    reasons = {(r["code"], r["detail"]) for r in export["completeness"]["reasons"]}
    blank_sections = {("SECTION_VIDE", s) for s in ("s1", "s2", "s3", "s4", "s5", "a1", "a2")}
    assert reasons == blank_sections | {("COURRIER_COLLECTIVITE_ABSENT", None), ("COURRIER_PREFET_ABSENT", None)}
    assert set(export["fields"]) >= {"s1.etat.service", "courrier_prefet.destinataire_dgaln"}


@pytest.mark.parametrize("name", ["fiche-de-candidature-atelier-flash.docx", "fiche-de-candidature-atelier-flash.odt"])
def test_office_form_is_rendered_and_its_tables_read(store, settings, engine, cog, name):
    export = process([Part(name, (FORMS / name).read_bytes())], store, settings, engine, cog)
    [document] = export["documents"]
    assert document["kind"] == "fiche" and len(document["pages"]) >= 3 and not document["ocr"]
    with store.session() as s:
        reading = s.scalar(select(Reading))
    labels = [row[0] for table in reading.tables for row in table if row]
    assert "Service de l'État pilote" in labels and "Collectivité porteuse" in labels
    assert store.blobs.exists(reading.rendered_sha256)


def test_scan_with_a_page_upside_down_is_ocrd(store, settings, engine, cog):
    pdf = scanned((FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes(), turn_page=2)
    export = process([Part("scan.pdf", pdf)], store, settings, engine, cog)
    assert [d["kind"] for d in export["documents"]][0] == "fiche"
    assert all(d["ocr"] for d in export["documents"])
    reading_pages = store.pages(store.reading(export["documents"][0]["sha256"], READER_VERSION).id)
    assert reading_pages[1].rotation == 180
    assert "SECTION" in reading_pages[1].text.upper()


def test_reprocessing_reads_nothing_again(store, settings, engine, cog):
    pdf = (FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes()
    intake = intake_files([Part("fiche.pdf", pdf)], "/again", store=store, settings=settings)
    for _ in range(2):
        pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Reading)) == 1
    events = [e for e in _events(store, intake.dossier_id) if e.kind == "assessed"]
    assert [e.data["changed"] for e in events] == [True, False]


def _events(store, dossier_id):
    from worker.persistence.db import Event

    with store.session() as s:
        return list(s.scalars(select(Event).where(Event.dossier_id == dossier_id).order_by(Event.id)))
