"""A piece not found while a page of text was read too poorly to be kinded is for a reviewer,
never asserted absent: the unreadable page may be that piece."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from extractors.model import READER_VERSION, Part, ReadResult
from tests.conftest import SHARED
from tests.extractors.letters import page
from tests.worker.test_pipeline import process
from worker.core.export import export_dossier
from worker.instruction.review import override_document

FICHE = SHARED / "forms" / "fiche-de-candidature-atelier-flash.pdf"
WORDS = ("le", "de", "la", "mars", "commune", "Tan", "agi", "vero", "métde", "por")


def _photo(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (800, 1100), 200 + seed).save(out, "JPEG")
    return out.getvalue()


def _cached(store, data: bytes, conf: float, words: int) -> None:
    """The photo's reading as OCR gave it: `words` words of mean confidence `conf`."""
    rows = [(40, [(60, " ".join(WORDS[(i + j) % len(WORDS)] for j in range(10)))]) for i in range(words // 10)]
    text = page([(40 + 14 * i, cells) for i, (_, cells) in enumerate(rows)], ocr=True, conf=conf)
    store.save_reading(hashlib.sha256(data).hexdigest(), READER_VERSION, ReadResult((text,)), (), 1.0)


def _reasons(export) -> set[tuple[str, str | None]]:
    return {(r["code"], r["detail"]) for r in export["completeness"]["reasons"]}


@pytest.mark.parametrize("conf, words, absent", [
    (0.53, 130, False),  # a letter shot in the dark: maybe the missing letter
    (0.92, 130, True),   # a page read well that is no letter: the letters are absent
    (0.40, 10, True),    # a photo of the site with a caption: no page of text
])
def test_an_unreadable_page_of_text_makes_a_missing_piece_a_question(store, settings, engine, cog,
                                                                      conf, words, absent):
    photo = _photo(int(conf * 10) + words)
    _cached(store, photo, conf, words)
    export = process([Part("fiche.pdf", FICHE.read_bytes()), Part("IMG_0042.jpg", photo)],
                     store, settings, engine, cog)
    assert [d["kind"] for d in export["documents"]] == ["fiche", "autre"]
    reasons = _reasons(export)
    for piece, code in (("courrier_collectivite", "COURRIER_COLLECTIVITE_ABSENT"),
                        ("courrier_prefet", "COURRIER_PREFET_ABSENT")):
        assert ((code, None) in reasons) is absent
        assert (("VERIFICATION_REQUISE", piece) in reasons) is not absent
    assert export["completeness"]["complete"] is False


def test_a_reviewer_kinding_the_page_settles_it(store, settings, engine, cog):
    photo = _photo(3)
    _cached(store, photo, 0.5, 100)
    export = process([Part("fiche.pdf", FICHE.read_bytes()), Part("IMG_0043.jpg", photo)],
                     store, settings, engine, cog)
    assert ("VERIFICATION_REQUISE", "courrier_prefet") in _reasons(export)
    note = next(r["message"] for r in export["completeness"]["reasons"] if r["detail"] == "courrier_prefet")
    assert "IMG_0043.jpg" in note
    photo = next(d for d in store.documents(export["id"]) if d.kind == "autre")
    override_document(store, export["id"], photo.ordinal, "autre", "photo du site", "instructeur")
    reasons = _reasons(export_dossier(store, export["id"]))  # reassessed by the review's write
    assert {("COURRIER_COLLECTIVITE_ABSENT", None), ("COURRIER_PREFET_ABSENT", None)} <= reasons
    assert not {r for r in reasons if r[0] == "VERIFICATION_REQUISE" and r[1] in ("courrier_prefet",
                                                                                 "courrier_collectivite")}
