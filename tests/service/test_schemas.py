"""The API's schemas: each field id validated as the contract says; the export schema is the contract."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from schemas.api import FieldCorrectionSchema, TriageDecisionSchema
from schemas.export import DossierExportSchema
from tests.contract import validate_export
from worker.core.export import export_dossier

GOOD = [
    ("fiche.date", "2026-03-12", "2026-03-12"),
    ("fiche.date", "12/03/2026", "2026-03-12"),
    ("fiche.date", " 3/12/2026 ", "2026-12-03"),
    ("s1.collectivite.contact_telephone", "04 75 22 03 03", "+33475220303"),
    ("s1.collectivite.contact_telephone", "0697 12 34 56", "+596697123456"),
    ("s1.etat.referent_email", " Nolwenn.Le-Bihan@Ille-et-Vilaine.gouv.fr ", "nolwenn.le-bihan@ille-et-vilaine.gouv.fr"),
    ("s1.etat.referent_telephone", "+33290023614", "+33290023614"),
    ("s1.collectivite.contact_telephone", "02 99 73 00 18", "+33299730018"),
    ("s1.collectivite.contact_telephone", "0262 12 34 56", "+262262123456"),
    ("s1.collectivite.type", "epci", "epci"),
    ("s2.echelle", "communale", "communale"),
    ("s3.thematiques", ["risques", "friches", "risques"], ["friches", "risques"]),
    ("s3.programmes", [], []),
    ("courrier_prefet.signataire_qualite", "sous_prefet", "sous_prefet"),
    ("courrier_prefet.signe", False, False),
    ("courrier_prefet.destinataire_dgaln", True, True),
    ("s2.communes", [{"nom": "Vitré", "code_insee": "35360"}, {"nom": "Ajaccio", "code_insee": "2A004"}],
     [{"nom": "Vitré", "code_insee": "35360"}, {"nom": "Ajaccio", "code_insee": "2A004"}]),
    ("s2.communes", [{"nom": "Lieu-dit"}], [{"nom": "Lieu-dit", "code_insee": None}]),
    ("s2.epci", {"nom": "CC Bretagne Romantique", "siren": "243500733"},
     {"nom": "CC Bretagne Romantique", "siren": "243500733"}),
    ("s2.departement", "2a", "2A"),
    ("courrier_prefet.departement", "974", "974"),
    ("s2.region", "53", "53"),
    ("s3.intitule", "  Revitaliser   le centre ", "Revitaliser le centre"),
    ("s4.objectifs", None, None),
]
BAD = [
    ("fiche.date", "31/02/2026"), ("fiche.date", "2026-02-30"), ("fiche.date", "03-12"),
    ("s1.etat.referent_telephone", "appelez le 04 75 22 03 03"), ("s1.etat.referent_email", "pas-une-adresse"),
    ("s1.etat.referent_telephone", "12"), ("s1.collectivite.type", "departement"), ("s3.thematiques", ["tourisme"]),
    ("s3.thematiques", "friches"), ("courrier_prefet.signe", "oui"), ("s2.communes", []),
    ("s2.communes", [{"nom": "Vitré", "code_insee": "3536"}]), ("s2.epci", {"nom": "CC", "siren": "12"}),
    ("s2.departement", "99"), ("s2.region", "35"), ("s3.intitule", "   "), ("courrier_collectivite.signataire_qualite", "adjoint"),
]


@pytest.mark.parametrize(("field", "given", "stored"), GOOD)
def test_valid_values_are_normalised(field, given, stored):
    assert FieldCorrectionSchema().load({"field": field, "value": given})["value"] == stored


@pytest.mark.parametrize(("field", "given"), BAD)
def test_invalid_values_are_refused_with_a_french_message(field, given):
    with pytest.raises(ValidationError) as caught:
        FieldCorrectionSchema().load({"field": field, "value": given})
    assert "value" in caught.value.messages


def test_unknown_field_and_unmotivated_refusal_are_refused():
    with pytest.raises(ValidationError):
        FieldCorrectionSchema().load({"field": "s9.inconnu", "value": "x"})
    with pytest.raises(ValidationError) as caught:
        TriageDecisionSchema().load({"decision": "non_eligible", "comment": " "})
    assert "comment" in caught.value.messages


def test_the_export_schema_dumps_the_contract_unchanged(data):
    from worker.persistence.store import Store

    settings, ids = data
    store = Store(settings)
    for dossier_id in ids.values():
        export = export_dossier(store, dossier_id)
        dumped = DossierExportSchema().dump(export)
        validate_export(dumped)
        assert dumped == export
    store.engine.dispose()
