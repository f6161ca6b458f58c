"""French labels of the domain's ids, as reviewers read them (field ids, sections, pieces, decisions)."""

from __future__ import annotations

import logging

from extractors.vocabulary import Decision, DossierStatus, FieldStatus, PieceKind

log = logging.getLogger(__name__)

SECTION_LABELS = {
    "fiche": "Fiche de candidature : lieu et date",
    "s1": "Section 1 – Les porteurs de l'Atelier",
    "s2": "Section 2 – La localisation de l'Atelier",
    "s3": "Section 3 – L'objet de l'Atelier",
    "s4": "Section 4 – Les objectifs de l'Atelier",
    "s5": "Section 5 – Les ressources de l'Atelier",
    "a1": "Annexe 1 – Les dynamiques du territoire",
    "a2": "Annexe 2 – Les dynamiques d'aménagement",
    "courrier_collectivite": "Courrier de soutien de la collectivité",
    "courrier_prefet": "Courrier de soutien du préfet",
}

FIELD_LABELS = {
    "fiche.date": "Date (« Fait à …, le … »)",
    "fiche.lieu": "Lieu (« Fait à … »)",
    "s1.etat.service": "Service de l'État pilote",
    "s1.etat.referent_nom": "Référent de l'État : nom et prénom",
    "s1.etat.referent_fonction": "Référent de l'État : fonction",
    "s1.etat.referent_email": "Référent de l'État : courriel",
    "s1.etat.referent_telephone": "Référent de l'État : téléphone",
    "s1.collectivite.nom": "Collectivité porteuse",
    "s1.collectivite.type": "Nature de la collectivité",
    "s1.collectivite.elu_nom": "Élu(e) référent(e) : nom et prénom",
    "s1.collectivite.elu_qualite": "Élu(e) référent(e) : qualité",
    "s1.collectivite.contact_nom": "Référent technique",
    "s1.collectivite.contact_email": "Référent technique : courriel",
    "s1.collectivite.contact_telephone": "Référent technique : téléphone",
    "s1.partenaires": "Autres partenaires associés",
    "s2.communes": "Commune(s) concernée(s)",
    "s2.epci": "EPCI de rattachement",
    "s2.departement": "Département",
    "s2.region": "Région",
    "s2.echelle": "Échelle de réflexion",
    "s2.secteur": "Secteur d'étude",
    "s3.intitule": "Intitulé de l'Atelier",
    "s3.thematiques": "Thématique(s)",
    "s3.programmes": "Programme(s) de l'ANCT concerné(s)",
    "s3.description": "Présentation du projet et de la problématique",
    "s4.objectifs": "Objectifs poursuivis",
    "s4.attendus": "Attendus de l'Atelier (livrables souhaités)",
    "s4.calendrier": "Calendrier souhaité",
    "s5.documents": "Documents disponibles",
    "s5.acteurs": "Acteurs à mobiliser",
    "s5.moyens": "Moyens logistiques mis à disposition",
    "a1.dynamiques_territoire": "Dynamiques du territoire",
    "a2.dynamiques_amenagement": "Dynamiques d'aménagement",
    "courrier_collectivite.signataire_nom": "Signataire : nom",
    "courrier_collectivite.signataire_qualite": "Signataire : qualité",
    "courrier_collectivite.collectivite": "Collectivité nommée par le courrier",
    "courrier_collectivite.date": "Date du courrier",
    "courrier_collectivite.signe": "Courrier signé",
    "courrier_prefet.signataire_nom": "Signataire : nom",
    "courrier_prefet.signataire_qualite": "Signataire : qualité",
    "courrier_prefet.departement": "Département de la préfecture",
    "courrier_prefet.date": "Date du courrier",
    "courrier_prefet.signe": "Courrier signé",
    "courrier_prefet.destinataire_dgaln": "Adressé à la DGALN (AD1/DHUP)",
}

SLUG_LABELS = {
    "commune": "Commune", "epci": "EPCI",
    "site": "Site ou îlot", "communale": "Communale", "intercommunale": "Intercommunale",
    "maire": "Maire", "president_epci": "Président(e) de l'EPCI", "prefet": "Préfet(e)",
    "sous_prefet": "Sous-préfet(e)", "autre": "Autre",
    "revitalisation_centre": "Revitalisation du centre-ville ou du centre-bourg",
    "entree_de_ville": "Réhabilitation des entrées de ville",
    "friches": "Aménagement des friches",
    "patrimoine": "Protection et valorisation du patrimoine",
    "logement": "Adaptation de l'offre de logements",
    "mobilites": "Adaptation des mobilités",
    "economie_ess": "Accompagnement des projets socio-économiques (ESS) et économiques",
    "ecosystemes": "Protection, restauration et gestion des écosystèmes et des ressources naturelles",
    "risques": "Gestion des risques",
    "action_coeur_de_ville": "Action cœur de ville",
    "petites_villes_de_demain": "Petites villes de demain",
    "villages_d_avenir": "Villages d'avenir",
    "territoires_d_industrie": "Territoires d'industrie",
    "aucun": "Aucun",
}

PIECE_LABELS = {
    PieceKind.FICHE: "Fiche de candidature",
    PieceKind.COURRIER_COLLECTIVITE: "Courrier de la collectivité",
    PieceKind.COURRIER_PREFET: "Courrier du préfet",
    PieceKind.AUTRE: "Autre pièce",
}

DECISION_LABELS = {Decision.ELIGIBLE: "Éligible", Decision.A_COMPLETER: "À compléter",
                   Decision.NON_ELIGIBLE: "Non éligible"}

STATUS_LABELS = {DossierStatus.RECEIVED: "Reçu", DossierStatus.PROCESSING: "En cours de lecture",
                 DossierStatus.PROCESSED: "Lu", DossierStatus.FAILED: "Échec de lecture"}

FIELD_STATUS_LABELS = {FieldStatus.EXTRACTED: "Lu", FieldStatus.CORRECTED: "Corrigé",
                       FieldStatus.MISSING: "Non renseigné", FieldStatus.NEEDS_REVIEW: "À vérifier"}

STATE_LABELS = {
    "nouveau": "Nouveau",
    "suivi": "Suivi",
    "en_attente": "En attente de compléments",
    "reponse_recue": "Compléments reçus",
    "eligible": "Éligible",
    "non_eligible": "Non éligible",
}

ROLE_LABELS = {"lecteur": "Lecteur", "instructeur": "Instructeur", "administrateur": "Administrateur"}
