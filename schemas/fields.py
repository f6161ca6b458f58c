"""Every field id of the domain page, grouped by section, in the form's order."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SECTIONS: dict[str, tuple[str, ...]] = {
    "fiche": ("fiche.date", "fiche.lieu"),
    "s1": (
        "s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction",
        "s1.etat.referent_email", "s1.etat.referent_telephone", "s1.collectivite.nom",
        "s1.collectivite.type", "s1.collectivite.elu_nom", "s1.collectivite.elu_qualite",
        "s1.collectivite.contact_nom", "s1.collectivite.contact_email",
        "s1.collectivite.contact_telephone", "s1.partenaires",
    ),
    "s2": ("s2.communes", "s2.epci", "s2.departement", "s2.region", "s2.echelle", "s2.secteur"),
    "s3": ("s3.intitule", "s3.thematiques", "s3.programmes", "s3.description"),
    "s4": ("s4.objectifs", "s4.attendus", "s4.calendrier"),
    "s5": ("s5.documents", "s5.acteurs", "s5.moyens"),
    "a1": ("a1.dynamiques_territoire",),
    "a2": ("a2.dynamiques_amenagement",),
    "courrier_collectivite": (
        "courrier_collectivite.signataire_nom", "courrier_collectivite.signataire_qualite",
        "courrier_collectivite.collectivite", "courrier_collectivite.date",
        "courrier_collectivite.signe",
    ),
    "courrier_prefet": (
        "courrier_prefet.signataire_nom", "courrier_prefet.signataire_qualite",
        "courrier_prefet.departement", "courrier_prefet.date", "courrier_prefet.signe",
        "courrier_prefet.destinataire_dgaln",
    ),
}

FIELD_IDS: tuple[str, ...] = tuple(fid for ids in SECTIONS.values() for fid in ids)
FICHE_SECTIONS: tuple[str, ...] = ("s1", "s2", "s3", "s4", "s5", "a1", "a2")
