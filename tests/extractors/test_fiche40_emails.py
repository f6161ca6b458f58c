"""Issue 11, the fiche's addresses misread on scans, faxes and photos (fichestudy 0:120, session
40): an address a line end cut after its hyphen, its end doubted as low as a speck
("tgiacomoni@mairie-santa-maria-di-" / "lota.fr" at 0.14 on a phone photo), a State domain's
"gouv" with a letter misread ("loiret.qouv.fr", "marne.gour.fr", "haute-corse gouv.Îr")."""

from __future__ import annotations

import shutil

import pytest

from extractors.model import FieldStatus, FieldValue

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
needs_maker = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                 reason="the maker converts its fiches with LibreOffice")


def _state(email: str) -> FieldValue:
    from extractors.fields.fiche import FICHE_FIELDS
    from extractors.fields.fiche_checks import doubt_domain_slips

    fields = {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    fields["s1.etat.referent_email"] = FieldValue(email, 0.8, None, SURE)
    doubt_domain_slips(fields)
    return fields["s1.etat.referent_email"]


@pytest.mark.parametrize(("read", "mended"), [
    ("huet.franck@loiret.qouv.fr", "huet.franck@loiret.gouv.fr"),
    ("v.jacquemin@marne.gour.fr", "v.jacquemin@marne.gouv.fr"),
    ("a.b@ddt-marne.gouw.fr", "a.b@ddt-marne.gouv.fr"),
])
def test_a_state_domains_gouv_one_slip_off_is_mended_for_review(read, mended):
    value = _state(read)
    assert value.value == mended and value.status is REVIEW


@pytest.mark.parametrize("read", ["huet.franck@loiret.gouv.fr", "a.b@ville-tours.fr", "a.b@gour.fr"])
def test_a_domain_without_a_slip_of_gouv_before_fr_is_left(read):
    assert _state(read).value == read


@needs_maker
@pytest.mark.parametrize(("seed", "field", "address"), [
    (29, "s1.collectivite.contact_email", "tgiacomoni@mairie-santa-maria-di-lota.fr"),  # a table fiche photographed
    (49, "s1.etat.referent_email", "huet.franck@loiret.gouv.fr"),  # a table fiche scanned to black and white
])
def test_the_addresses_of_faxed_and_photographed_fiches_are_read_right_for_review(seed, field, address, tmp_path):
    """fichestudy's seeds, made, degraded and read whole (real Tesseract)."""
    from bench.fichestudy import fields_of, make_files, read_pages

    files, want = make_files(seed, tmp_path)
    assert want[field] == address
    fields = fields_of(read_pages(files, tmp_path / f"{seed}.pages"))
    assert fields[field] == {"value": address, "status": "needs_review"}


def test_an_addresss_end_cut_to_the_next_line_is_kept_however_doubted():
    """Seed 29's words: the end under the address's first letter, read at 0.14 (a speck's)."""
    from extractors.fields.email_text import address_piece
    from extractors.model import Word

    address = Word("tgiacomoni@mairie-santa-maria-di-", (428.0, 462.0, 703.0, 479.0), 0.81, 16)
    end = Word("lota.fr", (428.0, 481.0, 476.0, 494.0), 0.137, 17)
    far = Word("lota.fr", (600.0, 481.0, 648.0, 494.0), 0.137, 17)  # not under the address
    whole = Word("t.g@mairie-x.fr", (428.0, 462.0, 540.0, 479.0), 0.81, 16)  # not cut
    assert address_piece(end, [address, end])
    assert not address_piece(far, [address, far])
    assert not address_piece(end, [whole, end])
