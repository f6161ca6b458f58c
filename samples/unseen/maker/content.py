"""The free text of a fiche: what a porteur writes about the project, drawn from small pools."""

from __future__ import annotations

import random

THEMES = ["revitalisation_centre", "entree_de_ville", "friches", "patrimoine", "logement", "mobilites",
          "economie_ess", "ecosystemes", "risques", "autre"]
THEME_LABEL = {
    "revitalisation_centre": "Revitalisation du centre-ville ou du centre-bourg",
    "entree_de_ville": "Réhabilitation des entrées de ville",
    "friches": "Aménagement des friches",
    "patrimoine": "Protection et valorisation du patrimoine",
    "logement": "Adaptation de l'offre de logements",
    "mobilites": "Adaptation des mobilités",
    "economie_ess": "Accompagnement des projets socio-économiques (ESS) et économiques",
    "ecosystemes": "Protection, restauration et gestion des écosystèmes et des ressources naturelles",
    "risques": "Gestion des risques",
    "autre": "Autre (préciser)",
}
PROGRAMMES = ["action_coeur_de_ville", "petites_villes_de_demain", "villages_d_avenir", "territoires_d_industrie"]
PROGRAMME_LABEL = {"action_coeur_de_ville": "Action cœur de ville",
                   "petites_villes_de_demain": "Petites villes de demain",
                   "villages_d_avenir": "Villages d'avenir",
                   "territoires_d_industrie": "Territoires d'industrie"}

SECTEURS = ["le centre ancien et les quais {de}", "la route départementale à l'entrée nord {de}",
            "les anciens ateliers ferroviaires et le quartier de la gare", "le bourg et ses hameaux",
            "le front de mer et la zone d'activités du port", "la vallée et les berges de la rivière",
            "le quartier prioritaire des Hauts et ses abords", "la place du marché et les rues commerçantes",
            "le site de l'ancienne laiterie et ses abords", "la plaine agricole entre les deux bourgs"]
SUBJECT = {
    "revitalisation_centre": ("redonner vie au centre", "La vacance commerciale dépasse 18 % et plusieurs îlots du centre sont dégradés."),
    "entree_de_ville": ("requalifier l'entrée de ville", "L'entrée de ville est marquée par des enseignes, des parkings et une circulation de transit."),
    "friches": ("reconvertir la friche", "Une friche industrielle de près de quatre hectares attend un projet depuis la fermeture de l'usine."),
    "patrimoine": ("valoriser le patrimoine bâti", "Le patrimoine bâti, riche mais peu entretenu, souffre d'un manque de visibilité."),
    "logement": ("adapter l'offre de logements", "Le parc de logements est ancien, souvent vacant, et peu adapté aux jeunes ménages comme aux aînés."),
    "mobilites": ("repenser les mobilités", "La voiture domine les déplacements et les liaisons douces entre quartiers sont interrompues."),
    "economie_ess": ("soutenir l'économie locale", "Les acteurs de l'économie sociale et solidaire cherchent des locaux et un lieu commun."),
    "ecosystemes": ("restaurer les milieux naturels", "Les zones humides et la trame verte sont fragmentées par l'urbanisation récente."),
    "risques": ("vivre avec le risque", "Une partie du territoire est exposée aux inondations et à l'érosion."),
    "autre": ("inventer un projet partagé", "Les habitants demandent à être associés plus tôt aux projets d'aménagement."),
}
OBJECTIFS = ["Construire une vision partagée entre élus, services et habitants",
             "Hiérarchiser les interventions publiques sur dix ans",
             "Identifier les leviers fonciers et les porteurs de projets",
             "Articuler le projet avec les documents de planification en cours",
             "Tester des aménagements temporaires avant les travaux",
             "Mieux intégrer la nature et l'eau dans l'espace public"]
ATTENDUS = ["un plan-guide et un programme d'actions chiffré", "des fiches-actions par îlot",
            "une feuille de route partagée avec les partenaires", "des esquisses d'aménagement des espaces publics",
            "un cahier de recommandations pour le futur PLUi", "une restitution publique aux habitants"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "septembre", "octobre", "novembre"]
DOCS = ["PLU approuvé en {y}", "PLUi en cours d'élaboration", "SCoT {s}", "étude de revitalisation ({y})",
        "diagnostic commercial de la CCI", "PPRI approuvé", "OPAH-RU en cours", "atlas de la biodiversité communale",
        "étude de mobilité intercommunale", "inventaire du patrimoine de la Région"]
ACTEURS = ["le conseil départemental", "la Région", "le CAUE", "l'agence d'urbanisme", "l'EPF",
           "la Banque des Territoires", "les bailleurs sociaux", "la chambre de commerce",
           "les associations d'habitants", "l'Architecte des bâtiments de France", "le PNR",
           "les commerçants du centre"]
MOYENS = ["Salle du conseil municipal pour les ateliers", "Mise à disposition d'une salle polyvalente",
          "Prise en charge des repas des journées d'atelier", "Un agent du service urbanisme dédié pendant l'atelier",
          "Véhicule pour les visites de terrain", "Impression et diffusion des documents aux habitants"]


def pick_themes(rng: random.Random) -> list[str]:
    n = rng.choices([1, 2, 3], [3, 4, 3])[0]
    chosen = rng.sample(THEMES[:-1], n) if rng.random() < 0.85 else rng.sample(THEMES[:-1], n - 1) + ["autre"]
    return [t for t in THEMES if t in chosen]


def pick_programmes(rng: random.Random, population: int) -> list[str]:
    r = rng.random()
    if r < 0.3:
        return []
    pool = ["action_coeur_de_ville", "territoires_d_industrie"] if population > 15000 else \
        ["petites_villes_de_demain", "villages_d_avenir", "territoires_d_industrie"]
    chosen = rng.sample(pool, 1 if r < 0.8 else 2)
    return [p for p in PROGRAMMES if p in chosen]


def texts(rng: random.Random, place: str, de: str, themes: list[str], population: int, year: int) -> dict[str, str]:
    main = themes[0]
    verb, problem = SUBJECT[main]
    second = SUBJECT[themes[1]][1] if len(themes) > 1 else ""
    secteur = rng.choice(SECTEURS).format(de=de)
    secteur = secteur[0].upper() + secteur[1:]
    intitule = rng.choice([f"{place} : {verb}", f"{verb.capitalize()} {de}",
                           f"{place} demain – {verb}", f"Atelier {place} : {verb} et fédérer les acteurs"])
    pop = f"{population:,}".replace(",", " ")
    description = (f"{problem} {second} La collectivité souhaite s'appuyer sur l'Atelier pour {verb} "
                   f"et dépasser une approche au coup par coup.").replace("  ", " ")
    objectifs = " ; ".join(rng.sample(OBJECTIFS, 3)) + "."
    attendus = f"{rng.choice(ATTENDUS).capitalize()}, {rng.choice(ATTENDUS)}."
    calendrier = rng.choice([f"Démarrage souhaité en {rng.choice(MOIS)} {year + 1}",
                             f"Atelier à l'automne {year + 1}, restitution avant l'été {year + 2}",
                             f"Au premier semestre {year + 1}, en dehors des vacances scolaires"]) + "."
    documents = ", ".join(d.format(y=rng.randrange(2012, year), s="approuvé") for d in rng.sample(DOCS, 3)) + "."
    documents = documents[0].upper() + documents[1:]
    acteurs = ", ".join(rng.sample(ACTEURS, 4)) + "."
    acteurs = acteurs[0].upper() + acteurs[1:]
    moyens = f"{rng.choice(MOYENS)}. {rng.choice(MOYENS)}."
    trend = rng.choice(["stable", "en léger recul", "en hausse depuis dix ans", "vieillissante"])
    a1 = (f"{place} compte {pop} habitants ; la population est {trend}. "
          f"{rng.choice(['Les emplois se concentrent dans le commerce et les services publics.', 'Le tissu économique repose sur quelques PME industrielles et l’agriculture.', 'Le tourisme saisonnier structure une part importante de l’économie.'])} "
          f"{rng.choice(['Le taux de logements vacants est élevé dans le centre.', 'Le marché immobilier est tendu et les jeunes ménages partent.', 'Les espaces naturels couvrent plus de la moitié du territoire.'])}")
    a2 = (f"{rng.choice(['Le PLU est en révision', 'Un PLUi est en cours d’élaboration', 'Le SCoT vient d’être approuvé'])}. "
          f"{rng.choice(['Une opération programmée d’amélioration de l’habitat est en cours.', 'Une étude de requalification des espaces publics a été menée.', 'Le réaménagement de la gare est programmé.'])} "
          f"{rng.choice(['Aucun autre dispositif n’est engagé à ce jour.', 'La collectivité est accompagnée par l’EPF régional.', 'Une convention avec la Banque des Territoires a été signée.'])}")
    return {"s2.secteur": secteur, "s3.intitule": intitule, "s3.description": description,
            "s4.objectifs": objectifs, "s4.attendus": attendus, "s4.calendrier": calendrier,
            "s5.documents": documents, "s5.acteurs": acteurs, "s5.moyens": moyens,
            "a1.dynamiques_territoire": a1, "a2.dynamiques_amenagement": a2}
