"""An address whose "@" OCR lost in a gap ("y.chevrier moselle gouv.fr", "y.chevrier
moselle.gouv.fr"): its first word a local part, the rest a domain up to a known top-level
domain, the "@" is put back. A guess: for a reviewer, unless the dossier confirms the address
(its local part spells the owner's name, its domain a name the dossier surely gives)."""

from __future__ import annotations

import pytest

from extractors.fields.email_text import mended_email
from extractors.model import FieldStatus, FieldValue

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("read", ["y.chevrier moselle gouv.fr", "y.chevrier moselle.gouv.fr",
                                  "y.chevrier moselle gouv fr"])
def test_an_at_lost_in_a_gap_is_put_back_as_a_guess(read):
    assert mended_email(read) == ("y.chevrier@moselle.gouv.fr", True)


def test_an_accent_ocr_put_on_the_local_part_does_not_keep_the_at_lost():
    """fichestudy seed 23, a fax: "s.pellétier mairie-saint-maixant.fr"."""
    assert mended_email("s.pellétier mairie-saint-maixant.fr") == ("s.pelletier@mairie-saint-maixant.fr", True)


@pytest.mark.parametrize("read", ["06 12 34 56 78", "Courriel moselle.gouv.fr", "jean dupont", "mairie.fr",
                                  "y.chevrier moselle gouv"])
def test_a_text_without_a_domain_up_to_a_known_ending_is_left(read):
    assert mended_email(read) == (read, False)


def _resolved(address: str, name: str) -> FieldValue:
    from schemas.agreement import emails_confirmed
    from schemas.cog import Cog

    out = {"s1.etat.referent_email": FieldValue(address, 0.8, None, REVIEW),
           "s1.etat.referent_nom": FieldValue(name, 0.9, None, SURE),
           "s2.departement": FieldValue("57", 0.95, None, SURE)}
    emails_confirmed(out, Cog.load())
    return out["s1.etat.referent_email"]


def test_a_restored_address_the_dossier_confirms_is_trusted():
    address, guessed = mended_email("y.chevrier moselle gouv.fr")
    assert guessed and _resolved(address, "Yves CHEVRIER").status is SURE


def test_a_restored_address_no_name_spells_stays_for_review():
    address, _ = mended_email("y.chevrier moselle gouv.fr")
    assert _resolved(address, "Paul Martin").status is REVIEW
