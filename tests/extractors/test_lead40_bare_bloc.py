"""A préfet's letter photographed so that its bloc-marque's title ("PRÉFET") and motto are lost,
the date line without its town: the département's line left alone in the letterhead is the
letter's only clue of its préfecture. It is read, unsure, and made sure only by the territory's
département as the fiche surely names it (schemas.agreement.prefet_departement_confirmed)."""

from __future__ import annotations

import datetime
import io

import pdfplumber
import pytest
from PIL import ImageDraw

from extractors.fields.courrier import read_letter
from extractors.fields.courrier_departement import BARE_BLOC, departement_clues
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.model import FieldStatus, FieldValue, PieceKind
from extractors.ocr.engine import TesseractEngine
from extractors.ocr.page import ocr_page
from samples.unseen.maker import degrade
from samples.unseen.maker.letters import LetterSpec, letter_pdf
from schemas.cog import Cog
from schemas.normalise import normalise_fields

DPI = 200
LOST = ("PRÉFE", "LIBERT", "ÉGALIT", "FRATERNIT")  # the title (and the block's own), the motto


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _page(style: int, lost: tuple[str, ...] = LOST):
    """The maker's Sarthe préfecture letter at 200 dpi, the words starting with `lost` painted out."""
    spec = LetterSpec("prefet", "Solène Perrot", "Le Préfet", "Commune de Sablé-sur-Sarthe", False, "72",
                      "Sarthe", "Pays de la Loire", "Le Mans", "72000", datetime.date(2026, 3, 12), True, True,
                      "Revitaliser le centre", style)
    pdf = letter_pdf(spec)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_words()
    image = degrade.rasterise(pdf, DPI)[0]
    draw, k = ImageDraw.Draw(image), DPI / 72
    for word in words:
        if word["text"].upper().startswith(lost):
            draw.rectangle([word["x0"] * k - 2, word["top"] * k - 2, word["x1"] * k + 2, word["bottom"] * k + 2],
                           fill=255)
    return ocr_page(image, TesseractEngine(), number=1, dpi=DPI)


@pytest.mark.parametrize("style", [0, 3])
def test_the_departement_line_alone_is_an_unsure_clue(style, cog):
    page = _page(style)
    clues = departement_clues(letter_parts(letter_lines((page,))))
    assert [(c.value, c.confidence) for c in clues] == [({"departement": "SARTHE"}, BARE_BLOC)]
    raw = read_letter(PieceKind.COURRIER_PREFET, "photo.jpg", (page,)).fields["departement"]
    confirmed = normalise_fields({"courrier_prefet.departement": raw,
                                  "s2.departement": FieldValue("72 - Sarthe", 0.95, None, FieldStatus.EXTRACTED)}, cog)
    assert confirmed["courrier_prefet.departement"].value == "72"
    assert confirmed["courrier_prefet.departement"].status is FieldStatus.EXTRACTED
    # another département in the fiche: two readings disagree, a reviewer says which
    other = normalise_fields({"courrier_prefet.departement": raw,
                              "s2.departement": FieldValue("41 - Loir-et-Cher", 0.95, None, FieldStatus.EXTRACTED)}, cog)
    assert other["courrier_prefet.departement"].status is FieldStatus.NEEDS_REVIEW


def test_a_titled_bloc_marque_keeps_its_sure_clue():
    """The rule is a last resort: with its title read, the bloc-marque gives the département surely."""
    clues = departement_clues(letter_parts(letter_lines((_page(0, lost=("LIBERT", "ÉGALIT", "FRATERNIT")),))))
    assert clues and clues[0].confidence > BARE_BLOC and clues[0].value == {"departement": "SARTHE"}
