"""A number the numbering plan places overseas ("06 94 …": Guyane) in a dossier whose département
section 2 did not give is not sure: the communes section 2 lists place the dossier (a scan's
"06 94 57 58 27" in a dossier of Meurthe-et-Moselle is a metropolitan mobile), and nothing
placing it leaves the number for a reviewer. The real COG and numbering plan."""

from __future__ import annotations

from extractors.model import FieldStatus, FieldValue, Source

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
PHONE = "s1.collectivite.contact_telephone"


def _normalised(cog, communes: str | None, phone: str = "06 94 57 58 27") -> FieldValue:
    from schemas.normalise import normalise_fields

    source = Source("scan.pdf", 1, (300, 200, 480, 212))
    raw = {PHONE: FieldValue(phone, 0.95, source, SURE), "s2.departement": FieldValue.missing()}
    if communes:
        raw["s2.communes"] = FieldValue(communes, 0.95, source, SURE)
    return normalise_fields(raw, cog)[PHONE]


def test_a_guyane_mobile_in_a_dossier_of_lorraine_is_the_metropolitan_one_for_a_reviewer(cog):
    value = _normalised(cog, "Champigneulles, Montenoy")
    assert value.value == "+33694575827" and value.status is REVIEW


def test_a_guyane_mobile_in_a_dossier_of_guyane_stays_sure(cog):
    value = _normalised(cog, "Kourou, Sinnamary")
    assert value.value == "+594694575827" and value.status is SURE


def test_an_overseas_number_in_a_dossier_nothing_places_is_for_a_reviewer_as_read(cog):
    value = _normalised(cog, None)
    assert value.value == "+594694575827" and value.status is REVIEW


def test_a_metropolitan_number_needs_no_place(cog):
    assert _normalised(cog, None, "03 83 49 12 50").status is SURE
