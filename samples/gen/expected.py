"""Ground truth in the export-contract shape, computed from the data the documents hold."""

from __future__ import annotations

import re

from . import geo
from .fiche_docx import PROGRAMMES, THEMATIQUES
from .model import Dossier, Fiche, Letter

SECTIONS = {
    "s1": ["s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction",
           "s1.etat.referent_email", "s1.etat.referent_telephone", "s1.collectivite.nom",
           "s1.collectivite.type", "s1.collectivite.elu_nom", "s1.collectivite.elu_qualite",
           "s1.collectivite.contact_nom", "s1.collectivite.contact_email",
           "s1.collectivite.contact_telephone", "s1.partenaires"],
    "s2": ["s2.communes", "s2.epci", "s2.departement", "s2.region", "s2.echelle", "s2.secteur"],
    "s3": ["s3.intitule", "s3.thematiques", "s3.programmes", "s3.description"],
    "s4": ["s4.objectifs", "s4.attendus", "s4.calendrier"],
    "s5": ["s5.documents", "s5.acteurs", "s5.moyens"],
    "a1": ["a1.dynamiques_territoire"],
    "a2": ["a2.dynamiques_amenagement"],
}
COLL_FIELDS = ["signataire_nom", "signataire_qualite", "collectivite", "date", "signe"]
PREFET_FIELDS = ["signataire_nom", "signataire_qualite", "departement", "date", "signe",
                 "destinataire_dgaln"]
FIELD_IDS = (["fiche.date", "fiche.lieu"] + [f for ids in SECTIONS.values() for f in ids]
             + [f"courrier_collectivite.{f}" for f in COLL_FIELDS]
             + [f"courrier_prefet.{f}" for f in PREFET_FIELDS])
# Overseas numbers: French trunk prefix (after the 0) -> country calling code. Mayotte's
# 0269/0639 numbers are +262 since 2007 (+269 is the Comoros).
OVERSEAS_PREFIXES = {"262": "262", "692": "262", "693": "262", "590": "590", "690": "590",
                     "691": "590", "594": "594", "694": "594", "596": "596", "696": "596",
                     "697": "596", "269": "262", "639": "262"}


def text(value: str | None) -> str | None:
    """Trimmed, whitespace collapsed (paragraph breaks included), None when empty."""
    return " ".join(value.split()) if value and value.strip() else None


def e164(written: str) -> str:
    """'02 99 12 34 56' -> '+33299123456'; '0262 40 26 26' -> '+262262402626'."""
    digits = re.sub(r"\D", "", written)
    if written.strip().startswith("+"):
        return "+" + digits
    national = digits[1:]
    for prefix, country in OVERSEAS_PREFIXES.items():
        if national.startswith(prefix):
            return f"+{country}{national}"
    return "+33" + national


def fiche_values(fiche: Fiche, epci_siren: str) -> dict:
    """Field id -> normalised value of every fiche field (None = unanswered)."""
    return {
        "fiche.date": fiche.date.isoformat(),
        "fiche.lieu": fiche.lieu,
        "s1.etat.service": fiche.etat_service,
        "s1.etat.referent_nom": fiche.referent.nom,
        "s1.etat.referent_fonction": fiche.referent_fonction,
        "s1.etat.referent_email": fiche.referent.email.lower(),
        "s1.etat.referent_telephone": e164(fiche.referent.telephone),
        "s1.collectivite.nom": fiche.coll_nom,
        "s1.collectivite.type": fiche.coll_type,
        "s1.collectivite.elu_nom": fiche.elu_nom,
        "s1.collectivite.elu_qualite": fiche.elu_qualite,
        "s1.collectivite.contact_nom": fiche.contact.nom,
        "s1.collectivite.contact_email": fiche.contact.email.lower(),
        "s1.collectivite.contact_telephone": e164(fiche.contact.telephone),
        "s1.partenaires": text(fiche.partenaires),
        "s2.communes": [{"nom": nom, "code_insee": geo.resolve_commune_code(nom, fiche.departement)}
                        for nom in fiche.communes],
        "s2.epci": {"nom": fiche.epci_nom, "siren": epci_siren},
        "s2.departement": fiche.departement,
        "s2.region": geo.departement(fiche.departement).region,
        "s2.echelle": fiche.echelle,
        "s2.secteur": text(fiche.secteur),
        "s3.intitule": text(fiche.intitule),
        "s3.thematiques": _in_form_order(fiche.thematiques, THEMATIQUES) or None,
        "s3.programmes": _in_form_order(fiche.programmes, PROGRAMMES) if fiche.programmes is not None else None,
        "s3.description": text(fiche.description),
        "s4.objectifs": text(fiche.objectifs),
        "s4.attendus": text(fiche.attendus),
        "s4.calendrier": text(fiche.calendrier),
        "s5.documents": text(fiche.documents),
        "s5.acteurs": text(fiche.acteurs),
        "s5.moyens": text(fiche.moyens),
        "a1.dynamiques_territoire": text(fiche.annexe1),
        "a2.dynamiques_amenagement": text(fiche.annexe2),
    }


def letter_values(coll: Letter | None, prefet: Letter | None) -> dict:
    """Field id -> value of the letters' fields (all None for an absent letter)."""
    values = {f"courrier_collectivite.{f}": None for f in COLL_FIELDS}
    values |= {f"courrier_prefet.{f}": None for f in PREFET_FIELDS}
    if coll:
        values |= {"courrier_collectivite.signataire_nom": coll.signatory,
                   "courrier_collectivite.signataire_qualite": coll.qualite,
                   "courrier_collectivite.collectivite": coll.collectivite,
                   "courrier_collectivite.date": coll.date.isoformat(),
                   "courrier_collectivite.signe": coll.signed}
    if prefet:
        values |= {"courrier_prefet.signataire_nom": prefet.signatory,
                   "courrier_prefet.signataire_qualite": prefet.qualite,
                   "courrier_prefet.departement": prefet.departement,
                   "courrier_prefet.date": prefet.date.isoformat(),
                   "courrier_prefet.signe": prefet.signed,
                   "courrier_prefet.destinataire_dgaln": prefet.to_dgaln}
    return values


def expected_fields(dossier: Dossier) -> dict:
    if dossier.fiche_sent:
        values = fiche_values(dossier.fiche, dossier.extra["epci_siren"])
    else:  # no fiche was sent: every fiche field is unanswered
        values = {fid: None for fid in FIELD_IDS}
    values |= letter_values(dossier.coll_letter, dossier.prefet_letter)
    return {fid: {"value": values[fid], "status": "missing" if values[fid] is None else "extracted"}
            for fid in FIELD_IDS}


def _in_form_order(slugs, options: dict) -> list:
    """Check-box slugs as the contract lists them: in the order the form prints them."""
    order = list(options)
    return sorted(slugs, key=order.index)
