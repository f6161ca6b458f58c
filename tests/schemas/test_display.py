"""Values as French reviewers read them: dates, phones, places; the same in pages and exports."""

from __future__ import annotations

import pytest

from schemas.display import date_fr, departement_options, departements_of_region, phone_fr, region_options, show


@pytest.mark.parametrize(("e164", "shown"), [
    ("+33475220303", "04 75 22 03 03"), ("+596697123456", "0697 12 34 56"),
    ("+262692612487", "0692 61 24 87"), ("+442079460958", "+44 20 7946 0958"), ("n'importe", "n'importe"),
])
def test_phones_are_shown_as_french_people_write_them(e164, shown):
    assert phone_fr(e164) == shown


def test_dates_and_places_are_shown_in_french():
    assert date_fr("2026-12-03") == "03/12/2026" and date_fr("03/12/2026") == "03/12/2026"
    assert show("2026-12-03", "courrier_prefet.date") == "03/12/2026"
    assert show("+33475220303", "s1.collectivite.contact_telephone") == "04 75 22 03 03"
    assert show("53", "s2.region") == "Bretagne (53)" and show("2A", "s2.departement") == "Corse-du-Sud (2A)"
    assert show("2026-12-03", "s3.intitule") == "2026-12-03"  # a text is shown as written
    assert show(None, "fiche.date") == "Non renseigné" and show(False, "courrier_prefet.signe") == "Non"


def test_the_geography_offers_what_the_validator_accepts():
    from schemas.api import DEPARTEMENT, REGIONS

    assert sorted(code for code, _ in region_options()) == sorted(REGIONS)
    assert len(departement_options()) == 96 + 6 and all(DEPARTEMENT.match(c) for c, _ in departement_options())
    assert departements_of_region("53") == ["22", "29", "35", "56"]
    assert [name for _, name in region_options()][:2] == ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté"]
