"""Issue 11, a fiche's département with the next page's header run into it (fichestudy 180:240,
session 41): page 1's last answer on a faxed official fiche, read on with page 2's fax line
or running header ("Charente-Maritime 12/03/2026 19:14 DDTF 17 P.2/4", "Charente-Maritime des
Hide: de"). Cut at its hyphens, the compound name named another département ("Charente": 16)."""

from __future__ import annotations

import shutil

import pytest

needs_maker = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                 reason="the maker converts its fiches with LibreOffice")


@pytest.mark.parametrize(("read", "code"), [
    ("Charente-Maritime 12/03/2026 19:14 DDTF 17 P.2/4", "17"),
    ("Charente-Maritime des Hide: de", "17"),
    ("Loire-Atlantique des Hide", "44"),
    ("Tarn-et-Garonne Athens des", "82"),
    ("82: Tarn-et-Garonne Athens des Dash de", "82"),
])
def test_a_compound_name_followed_by_scraps_is_that_departement(read, code, cog):
    from schemas.departement_text import departement_code

    assert departement_code(read, cog) == code


@pytest.mark.parametrize(("read", "code"), [
    ("Ille-et-Vilaine (35)", "35"), ("35 – Ille-et-Vilaine", "35"), ("Doubs b", "25"), ("DE LA DRÔME 6", "26"),
])
def test_the_forms_read_before_are_read_alike(read, code, cog):
    from schemas.departement_text import departement_code

    assert departement_code(read, cog) == code


@needs_maker
def test_a_faxed_fiches_departement_is_not_its_compound_names_first_half(tmp_path):
    """fichestudy's seed 230 (an official fiche faxed), made, degraded and read whole (real Tesseract)."""
    from bench.fichestudy import fields_of, make_files, read_pages

    files, want = make_files(230, tmp_path)
    assert want["s2.departement"] == "17"
    fields = fields_of(read_pages(files, tmp_path / "230.pages"))
    assert fields["s2.departement"]["value"] == "17"


def _section2(cog, departement: str, communes: str | None):
    from extractors.model import FieldStatus, FieldValue
    from schemas.normalise import normalise_fields

    raw = {"s2.departement": FieldValue(departement, 0.8, None, FieldStatus.EXTRACTED)}
    if communes:
        raw["s2.communes"] = FieldValue(communes, 0.9, None, FieldStatus.EXTRACTED)
    return normalise_fields(raw, cog)["s2.departement"]


def test_a_head_followed_by_words_is_for_review_unless_the_communes_agree(cog):
    from extractors.model import FieldStatus

    alone = _section2(cog, "Charente-Maritime des Hide: de", None)
    assert (alone.value, alone.status) == ("17", FieldStatus.NEEDS_REVIEW)
    agreed = _section2(cog, "Charente-Maritime des Hide: de", "Saint-Georges-d'Oléron, Le Grand-Village-Plage")
    assert (agreed.value, agreed.status) == ("17", FieldStatus.EXTRACTED)
