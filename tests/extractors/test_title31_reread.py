"""The signatory's title line under a signature's strokes, read again on the block's rows of print
(extractors.signature_dark.print_rows_only: the loops between the lines made paper) and, when a
stroke still mars a title word ("adjojñt"), guessed for a reviewer (courrier_reread). Without
them the quality was missing on these scans of bench/letterstudy.py.
"""

from __future__ import annotations

from bench.letterstudy import letter_values, outcome, sample
from bench.signstudy import read_pages
from extractors.model import FieldStatus
from schemas.cog import Cog


def _quality(tmp_path, seed):
    path, kind, truth = sample(seed, tmp_path)
    pages = read_pages(path, kind, tmp_path / f"{seed}.pages")
    values = letter_values(path, kind, pages, truth["kind"], tmp_path / f"{seed}.pages", Cog.load())
    return values[f"courrier_{truth['kind']}.signataire_qualite"], truth


def test_a_title_crossed_by_the_signature_is_read_on_its_row(tmp_path):
    # a scan at 150 dpi: "La Présidente" inside the signature's loop, which the page's OCR lost
    quality, truth = _quality(tmp_path, 126)
    assert (quality.value, quality.status) == (truth["signataire_qualite"], FieldStatus.EXTRACTED)


def test_a_title_word_still_marred_is_for_a_reviewer(tmp_path):
    # "Premier adjoint" read "Rremier adjojñt" on dark ink: the title guessed, not asserted
    quality, truth = _quality(tmp_path, 73)
    assert (quality.value, quality.status) == (truth["signataire_qualite"], FieldStatus.NEEDS_REVIEW)



def test_a_surname_read_only_on_dark_ink_is_for_a_reviewer(tmp_path):
    # a black-and-white scan: "Le Président" under a stamp and a signature, read on its row; the page
    # read only "Laurent" of "Laurent VIDAL", the stamp over the surname ("WDAL" read again): unsure
    path, kind, truth = sample(92, tmp_path)
    pages = read_pages(path, kind, tmp_path / "92.pages")
    values = letter_values(path, kind, pages, truth["kind"], tmp_path / "92.pages", Cog.load())
    quality, name = (values[f"courrier_collectivite.{k}"] for k in ("signataire_qualite", "signataire_nom"))
    assert (quality.value, quality.status) == (truth["signataire_qualite"], FieldStatus.EXTRACTED)
    assert outcome("courrier_collectivite.signataire_nom", name, truth["signataire_nom"]) != "sure_wrong"


def test_a_scanned_letter_of_two_pages_is_scored_with_its_heading(tmp_path):
    # bench/letterstudy.py --every-page: the scan keeps the letterhead's page, whose collectivité
    # and date the last page alone lacks (both were missing on this "/cut" letter)
    path, kind, truth = sample(13, tmp_path, every_page=True)
    assert truth["whole"] and kind == "pdf"
    pages = read_pages(path, kind, tmp_path / "13.pages")
    assert len(pages) == 2
    values = letter_values(path, kind, pages, truth["kind"], tmp_path / "13.pages", Cog.load())
    for name in ("collectivite", "date"):
        assert outcome(f"courrier_collectivite.{name}", values[f"courrier_collectivite.{name}"], truth[name]) == "right"
