"""A signer's title read unsure (a signature's strokes over its line: Tesseract doubts its words,
0.55) that names, letter for letter, the place another line of the letter names (the préfet's
département under "PRÉFET DE …", a sous-préfète's town on the date line, the maire's commune in
the letterhead): the quality is sure (extractors.fields.signataire_title, terr33).

The maker's letters as read from their text layer, the title line's words given the confidence
a signature over them leaves; a slip in the place, a title with no place, or a sous-préfète's
title read without its "Sous-" stay unsure.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire import QUALITY_TRUSTED
from extractors.model import FileKind, PageText, PieceKind
from extractors.ocr.engine import TesseractEngine
from extractors.pages import ReadOptions, read_file
from extractors.text import normalise
from samples.unseen.maker.letters import letter_pdf_info
from samples.unseen.maker.preview_letters import EXAMPLES

UNDER_STROKES = 0.55  # the title's words, a signature over them


@cache
def _read(index: int, folder: str) -> tuple[PageText, ...]:
    from pathlib import Path

    path = Path(folder) / f"{index}.pdf"
    path.write_bytes(letter_pdf_info(EXAMPLES[index])[0])
    return tuple(read_file(str(path), FileKind.PDF, path.name, ReadOptions(), TesseractEngine()).pages)


def _quality(tmp_path_factory, index: int, respelt: dict[str, str] | None = None, dropped: set[str] = frozenset()):
    """The letter's quality, its title line doubted; `respelt`/`dropped`: words of that line as
    OCR might have misread or lost them."""
    spec = EXAMPLES[index]
    pages = []
    for page in _read(index, str(tmp_path_factory.getbasetemp())):
        lines: dict[int, list] = {}
        for word in page.words:
            lines.setdefault(word.line, []).append(word)
        # the signatory block's line (the last): a heading may give the same title ("Le préfet de … à")
        title = set(sorted(n for n, words in lines.items()
                           if normalise(" ".join(w.text for w in words)).strip(" ,.") == normalise(spec.signatory_title))[-1:])
        words = tuple(dataclasses.replace(w, conf=UNDER_STROKES if w.line in title else 0.95,
                                          text=(respelt or {}).get(w.text, w.text) if w.line in title else w.text)
                      for w in page.words if not (w.line in title and w.text in dropped))
        pages.append(dataclasses.replace(page, words=words, ocr=True))
    kind = PieceKind.COURRIER_PREFET if spec.kind == "prefet" else PieceKind.COURRIER_COLLECTIVITE
    return read_letter(kind, "courrier.pdf", tuple(pages)).fields["signataire_qualite"]


@pytest.mark.parametrize("index, slug", [
    (2, "prefet"),  # "Le Préfet de l'Hérault" under "PRÉFECTURE DE L'HÉRAULT"
    (10, "prefet"),  # "Le Préfet de la Drôme" (the heading "Le préfet de la Drôme à …" says so too)
    (8, "sous_prefet"),  # "La sous-préfète de Lodève", dated at Lodève
    (14, "president_epci"),  # "Présidente de la Communauté de communes du Sud Corse" under "CC du Sud Corse"
])
def test_a_doubted_title_naming_the_place_another_line_names_is_sure(tmp_path_factory, index, slug):
    quality = _quality(tmp_path_factory, index)
    assert (quality.value, quality.confidence >= QUALITY_TRUSTED) == (slug, True)


@pytest.mark.parametrize("index, respelt, dropped", [
    (2, {"l'Hérault,": "l'Hérauit,"}, set()),  # the place read with a slip: no other line names it
    (2, None, {"de", "l'Hérault,"}),  # "Le Préfet": no place to agree on
    (8, {"sous-préfète": "préfète"}, set()),  # a sous-préfète's title, its "sous-" lost: Lodève is no département
])
def test_a_doubted_title_without_that_agreement_stays_unsure(tmp_path_factory, index, respelt, dropped):
    assert _quality(tmp_path_factory, index, respelt, dropped).confidence < QUALITY_TRUSTED
