"""A fiche's answers checked against each other (session 13)."""

from __future__ import annotations

from extractors.fields.fiche_checks import doubt_domain_slips
from extractors.model import FieldStatus, FieldValue


def _fields(**values: tuple[str, float]) -> dict[str, FieldValue]:
    return {field.replace("__", "."): FieldValue(value, conf, None, FieldStatus.EXTRACTED)
            for field, (value, conf) in values.items()}


def test_an_address_whose_domain_misspells_a_word_the_fiche_writes_is_for_a_reviewer():
    fields = _fields(s1__collectivite__nom=("Commune de Saint-Julien-de-Coppel", 0.9),
                     s1__collectivite__contact_email=("gferrand@mairic-saint-julien-de-coppel.fr", 0.81),
                     s1__etat__service=("DEAL Martinique", 0.9),
                     s1__etat__referent_email=("clemente.veronique@deal-martinique.gouv.fr", 0.9))
    doubt_domain_slips(fields)
    assert fields["s1.collectivite.contact_email"].status is FieldStatus.NEEDS_REVIEW  # "mairic"
    assert fields["s1.etat.referent_email"].status is FieldStatus.EXTRACTED


def test_a_town_misspelt_in_a_domain_and_an_address_typed_are_told_apart():
    fields = _fields(s2__communes=("Rivière-Pilote", 0.9),
                     s1__collectivite__contact_email=("g.jeanjoseph@mairie-rivicre-pilote.fr", 0.9),
                     s1__etat__referent_email=("c.veronique@dcal-martinique.gouv.fr", 1.0))
    doubt_domain_slips(fields)
    assert fields["s1.collectivite.contact_email"].status is FieldStatus.NEEDS_REVIEW  # "rivicre"
    assert fields["s1.etat.referent_email"].status is FieldStatus.EXTRACTED  # a text layer's: as typed
