"""The official form, as data: its labels in order, headings, and check-box options."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Label:
    """A printed label; `field` None is a heading that only ends the answer before it.

    `skip` marks printed instructions whose words are never part of an answer.
    """

    text: str
    field: str | None
    skip: bool = False
    inline: bool = False  # the answer follows on the same line, as in "Fait à Vitré, le …"


@dataclass(frozen=True)
class Option:
    """One check box of a group: its printed label and the slug it stands for."""

    text: str
    slug: str


HEADING = None

# In the order they are printed. Variants seen in retyped copies go in ALIASES.
LABELS: tuple[Label, ...] = (
    Label("SECTION 1 – LES PORTEURS DE L'ATELIER", HEADING),
    Label("Le service de l'État", HEADING),
    Label("Service de l'État pilote", "s1.etat.service"),
    Label("Nom et prénom du référent", "s1.etat.referent_nom"),
    Label("Fonction", "s1.etat.referent_fonction"),
    Label("Courriel", "s1.etat.referent_email"),
    Label("Téléphone", "s1.etat.referent_telephone"),
    Label("La collectivité", HEADING),
    Label("Collectivité porteuse", "s1.collectivite.nom"),
    Label("Nature de la collectivité", "s1.collectivite.type"),
    Label("Nom et prénom de l'élu(e) référent(e)", "s1.collectivite.elu_nom"),
    Label("Qualité", "s1.collectivite.elu_qualite"),
    Label("Référent technique", "s1.collectivite.contact_nom"),
    Label("Courriel", "s1.collectivite.contact_email"),
    Label("Téléphone", "s1.collectivite.contact_telephone"),
    Label("Les partenaires", HEADING),
    Label("Autres partenaires associés", "s1.partenaires"),
    Label("SECTION 2 – LA LOCALISATION DE L'ATELIER", HEADING),
    Label("Commune(s) concernée(s)", "s2.communes"),
    Label("EPCI de rattachement", "s2.epci"),
    Label("Département", "s2.departement"),
    Label("Région", "s2.region"),
    Label("Échelle de réflexion", "s2.echelle"),
    Label("Secteur d'étude", "s2.secteur"),
    Label("SECTION 3 – L'OBJET DE L'ATELIER", HEADING),
    Label("Intitulé de l'Atelier", "s3.intitule"),
    Label("Thématique(s)", "s3.thematiques"),
    Label("Programme(s) de l'ANCT concerné(s)", "s3.programmes"),
    Label("Présentation du projet et de la problématique", "s3.description"),
    Label("SECTION 4 – LES OBJECTIFS DE L'ATELIER", HEADING),
    Label("Objectifs poursuivis", "s4.objectifs"),
    Label("Attendus de l'Atelier (livrables souhaités)", "s4.attendus"),
    Label("Calendrier souhaité", "s4.calendrier"),
    Label("SECTION 5 – LES RESSOURCES DE L'ATELIER", HEADING),
    Label("Documents disponibles (PLU/PLUi, SCoT, études, diagnostics…)", "s5.documents"),
    Label("Acteurs à mobiliser", "s5.acteurs"),
    Label("Moyens logistiques mis à disposition (salle, restauration…)", "s5.moyens"),
    Label("ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", "a1.dynamiques_territoire"),
    Label("Présentez de manière synthétique les dynamiques à l'œuvre sur le territoire concerné : "
          "démographie, économie et emploi, habitat, services et équipements, environnement et paysages.",
          HEADING, skip=True),
    Label("ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT", "a2.dynamiques_amenagement"),
    Label("Précisez les documents de planification applicables, les projets d'aménagement en cours ou "
          "envisagés et les dispositifs ou programmes contractuels dont bénéficie la collectivité.",
          HEADING, skip=True),
    Label("Fait à", "fiche.lieu", inline=True),
)

# The official form's running header and footer, printed on every page: on a photo OCR
# may misread them past recognition as a line repeated from page to page.
RUNNING_HEADERS = ("Atelier des territoires Flash – Fiche de candidature",
                   "MTECT – DGALN/DHUP/AD1 – Version novembre 2025 Page")

# Retyped copies shorten or reword some labels.
ALIASES: dict[str, tuple[str, ...]] = {
    "s1.etat.referent_nom": ("Référent de l'État", "Nom du référent", "Référent"),
    "s1.etat.referent_email": ("Adresse électronique", "E-mail", "Mail", "Adresse mail"),
    "s1.collectivite.contact_email": ("Adresse électronique", "E-mail", "Mail", "Adresse mail"),
    "s1.etat.referent_telephone": ("Tél.", "Tel"),
    "s1.collectivite.contact_telephone": ("Tél.", "Tel"),
    "s1.collectivite.elu_nom": ("Élu(e) référent(e)", "Élu référent", "Nom et prénom de l'élu référent"),
    "s1.collectivite.type": ("Nature",),
    "s2.communes": ("Communes concernées", "Commune concernée", "Commune(s)"),
    "s2.echelle": ("Échelle",),
    "s3.thematiques": ("Thématiques", "Thématique"),
    "s3.programmes": ("Programmes de l'ANCT", "Programme(s) ANCT", "Programme de l'ANCT"),
    "s3.description": ("Présentation du projet",),
    "s5.documents": ("Documents disponibles",),
    # the label without its parenthesis, which OCR may lose whole in a narrow cell
    "s5.moyens": ("Moyens logistiques mis à disposition", "Moyens logistiques"),
    "s4.attendus": ("Attendus de l'Atelier", "Attendus"),
}

OPTIONS: dict[str, tuple[Option, ...]] = {
    "s1.collectivite.type": (Option("Commune", "commune"), Option("EPCI", "epci")),
    "s2.echelle": (
        Option("Site ou îlot", "site"),
        Option("Communale", "communale"),
        Option("Intercommunale", "intercommunale"),
    ),
    "s3.thematiques": (
        Option("Revitalisation du centre-ville ou du centre-bourg", "revitalisation_centre"),
        Option("Réhabilitation des entrées de ville", "entree_de_ville"),
        Option("Aménagement des friches", "friches"),
        Option("Protection et valorisation du patrimoine", "patrimoine"),
        Option("Adaptation de l'offre de logements", "logement"),
        Option("Adaptation des mobilités", "mobilites"),
        Option("Accompagnement des projets socio-économiques (ESS) et économiques", "economie_ess"),
        Option("Protection, restauration et gestion des écosystèmes et des ressources naturelles",
               "ecosystemes"),
        Option("Gestion des risques", "risques"),
        Option("Autre (préciser)", "autre"),
    ),
    "s3.programmes": (
        Option("Action cœur de ville", "action_coeur_de_ville"),
        Option("Petites villes de demain", "petites_villes_de_demain"),
        Option("Villages d'avenir", "villages_d_avenir"),
        Option("Territoires d'industrie", "territoires_d_industrie"),
        Option("Aucun", "aucun"),
    ),
}

# Answers that are lists of items, one per line when the porteur types them in a table cell.
LIST_FIELDS = {"s2.communes"}

# Single-choice groups yield one slug; the others a list.
# "Aucun": ticked, it says no other option is; beside another ticked it changes no answer.
NONE_OF_THEM = "aucun"
SINGLE_CHOICE = {"s1.collectivite.type", "s2.echelle"}
