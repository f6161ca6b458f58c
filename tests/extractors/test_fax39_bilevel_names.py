"""Issue 11 (sure but wrong, fresh draws): person names read on faxes were sure and wrong 4 times
in 26 ("Chantal DELÂTTRE", "Solène Lemaïtré", "Mireille Clemente", "Aurore Perrat"): a name read on
a black-and-white page is for a reviewer; on a grey scan, a photo or a text layer it stands."""

from __future__ import annotations

import shutil

import pytest

from extractors.fields.bilevel_names import names_on_bilevel_doubted
from extractors.model import FieldStatus, FieldValue, PageText, Source

NAME = "s1.collectivite.contact_nom"


def _page(ocr: bool, bilevel: bool | None) -> PageText:
    return PageText(1, 595.0, 842.0, (), ocr=ocr, confidence=0.9, bilevel=bilevel)


@pytest.mark.parametrize(("ocr", "bilevel", "status"), [
    (True, True, FieldStatus.NEEDS_REVIEW),  # a fax, a scan to 1 bit
    (True, False, FieldStatus.EXTRACTED),  # a grey scan, a photo
    (True, None, FieldStatus.EXTRACTED),  # not known (a page stored before the flag)
    (False, None, FieldStatus.EXTRACTED),  # a text layer
])
def test_a_name_read_surely_stays_sure_unless_read_on_a_black_and_white_page(ocr, bilevel, status):
    fields = {NAME: FieldValue("Chantal DELÂTTRE", 0.9, Source("fax.tif", 1, (0, 0, 10, 10)), FieldStatus.EXTRACTED),
              "s1.collectivite.contact_email": FieldValue("c.d@x.fr", 0.9, Source("fax.tif", 1, (0, 0, 10, 10)),
                                                          FieldStatus.EXTRACTED)}
    out = names_on_bilevel_doubted(fields, [("fax.tif", _page(ocr, bilevel))])
    assert out[NAME].status is status and out[NAME].value == "Chantal DELÂTTRE"
    assert out["s1.collectivite.contact_email"].status is FieldStatus.EXTRACTED  # names only


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="the maker converts its fiches with LibreOffice")
@pytest.mark.parametrize(("seed", "status"), [(162, "needs_review"), (177, "extracted")])
def test_the_names_of_a_faxed_fiche_are_for_a_reviewer_and_a_grey_scans_stand(seed, status, tmp_path):
    """fichestudy's seeds, made, degraded and read whole (real Tesseract): 162 a slash fiche
    faxed, 177 a slash fiche scanned at 150 dpi in grey."""
    from bench.fichestudy import fields_of, make_files, read_pages

    files, _ = make_files(seed, tmp_path)
    fields = fields_of(read_pages(files, tmp_path / f"{seed}.pages"))
    names = [fields[f] for f in ("s1.etat.referent_nom", "s1.collectivite.elu_nom", "s1.collectivite.contact_nom")
             if fields[f]["value"]]
    assert names and all(n["status"] == status for n in names)
