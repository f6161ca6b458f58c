"""The text of the support letters, written from a territory profile."""

from __future__ import annotations

import datetime as dt
import random

from . import geo
from .model import Fiche, Letter, date_fr

DGALN_ADDRESS = [
    "Ministère de la Transition écologique et de la Cohésion des territoires",
    "Direction générale de l'aménagement, du logement et de la nature",
    "Sous-direction de l'aménagement durable (AD1/DHUP/DGALN)",
    "Tour Séquoia",
    "92055 La Défense Cedex",
]
THEME_PHRASES = {
    "revitalisation_centre": "la revitalisation du centre",
    "entree_de_ville": "la requalification de l'entrée de ville",
    "friches": "la reconversion des friches",
    "patrimoine": "la valorisation du patrimoine",
    "logement": "l'adaptation de l'offre de logements",
    "mobilites": "l'adaptation des mobilités",
    "economie_ess": ("le développement des activités économiques et de l'économie sociale "
                     "et solidaire"),
    "ecosystemes": "la préservation des milieux naturels",
    "risques": "la prise en compte des risques naturels",
    "autre": "des enjeux propres au territoire",
}
SERVICE_NAMES = {
    "DDTM": "Direction départementale des territoires et de la mer",
    "DDT": "Direction départementale des territoires",
    "DEAL": "Direction de l'environnement, de l'aménagement et du logement",
}


def themes_text(slugs: list[str]) -> str:
    phrases = [THEME_PHRASES[s] for s in slugs]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " et " + phrases[-1]


def _the(coll_nom: str) -> str:
    """'Commune de Combourg' -> 'la commune de Combourg'."""
    head, _, rest = coll_nom.partition(" ")
    return f"la {head.lower()} {rest}" if head in ("Commune", "Ville", "Communauté") else coll_nom


def collectivite_letter(profile: dict, fiche: Fiche, day: dt.date, rng: random.Random) -> Letter:
    """The maire's (or EPCI president's) letter supporting the candidature."""
    is_epci = fiche.coll_type == "epci"
    quality = profile.get("coll_quality", ["Le Maire,"])
    signatory = profile.get("maire", fiche.elu_nom)
    stamp_word = "Le Président" if is_epci else "Le Maire"
    dep = geo.departement(profile["dep"])
    stamp = f"{fiche.coll_nom} * {dep.nom} *|{stamp_word}" if rng.random() < 0.6 else None
    salutation = rng.choice(["Madame, Monsieur,", "Monsieur le Sous-directeur,"])
    letter = Letter(
        kind="courrier_collectivite", layout=profile["layouts"][0],
        letterhead=[fiche.coll_nom], sender_details=list(profile["mairie_adresse"]),
        place=fiche.lieu,
        date=day, addressee=_coll_addressee(profile, rng),
        objet=f"Candidature à l'Atelier des territoires Flash – {fiche.intitule}",
        salutation=salutation, body=_coll_body(fiche, day, rng),
        closing=rng.choice([
            f"Je vous prie d'agréer, {salutation.rstrip(',')}, l'expression de mes salutations "
            "distinguées.",
            f"Je vous prie de croire, {salutation.rstrip(',')}, à l'assurance de ma "
            "considération distinguée.",
        ]),
        quality_lines=quality, signatory=signatory, stamp=stamp,
        qualite=profile.get("coll_slug", "maire"),
        entity=("epci", fiche.coll_code) if is_epci else ("commune", fiche.coll_code),
        collectivite=fiche.coll_nom, logo_seed=rng.randint(1, 10_000),
    )
    return _styled(letter, profile.get("coll_style", {}))


def _coll_addressee(profile: dict, rng: random.Random) -> list[str]:
    if rng.random() < 0.6 or not profile.get("prefecture_ville"):
        return DGALN_ADDRESS[:1] + DGALN_ADDRESS[2:]
    dep = geo.departement(profile["dep"])
    return [f"Monsieur le Préfet {dep.of_name}", "Préfecture", profile.get("prefecture_ville", "")]


def _coll_body(fiche: Fiche, day: dt.date, rng: random.Random) -> list[str]:
    first_sentence = fiche.description.split(". ")[0].rstrip(".") + "."
    council = day - dt.timedelta(days=rng.randint(8, 30))
    organ = "le conseil communautaire" if fiche.coll_type == "epci" else "le conseil municipal"
    return [
        f"J'ai l'honneur de vous confirmer le plein soutien de {_the(fiche.coll_nom)} à la "
        f"candidature à l'Atelier des territoires Flash intitulée « {fiche.intitule} », "
        f"préparée conjointement avec la {fiche.etat_service}.",
        f"{first_sentence} L'Atelier nous permettrait d'aborder {themes_text(fiche.thematiques)} "
        "avec l'ensemble des acteurs concernés, et de nous doter d'une feuille de route "
        "partagée avant d'engager les études opérationnelles.",
        f"Par délibération du {date_fr(council)}, {organ} a approuvé cette candidature. "
        "La collectivité s'engage à participer activement à la démarche, à mobiliser ses "
        "services et ses partenaires, et à prendre en charge les frais d'organisation des "
        "journées d'atelier.",
    ]


def prefet_letter(profile: dict, fiche: Fiche, day: dt.date, rng: random.Random) -> Letter:
    """The préfet's (or sous-préfet's, or a delegate's) letter supporting the candidature."""
    *quality, signatory = profile["prefet"]
    dep_code = profile.get("prefet_dep", profile["dep"])
    dep = geo.departement(dep_code)
    addressee = profile.get("prefet_addressee")
    letter = Letter(
        kind="courrier_prefet", layout=profile["layouts"][1],
        letterhead=profile.get("prefet_head", ["PRÉFET", dep.of_name.upper()]),
        sender_details=profile.get("prefet_service", _service_block(fiche)),
        place=profile.get("prefet_place", profile["prefecture_ville"]), date=day,
        addressee=addressee or _prefet_addressee(_sender_title(quality, dep), rng),
        objet=f"Soutien à la candidature de {_the(fiche.coll_nom)} à l'Atelier des "
              "territoires Flash",
        salutation=profile.get("prefet_salutation", "Monsieur le Sous-directeur,"),
        body=_with_more(_prefet_body(fiche, rng), profile.get("prefet_more", [])),
        closing="Je vous prie d'agréer, " + profile.get(
            "prefet_salutation", "Monsieur le Sous-directeur,").rstrip(",")
        + ", l'expression de ma considération distinguée.",
        quality_lines=quality, signatory=signatory,
        qualite=profile.get("prefet_slug", "prefet"),
        entity=("prefecture", dep_code), departement=dep_code,
        to_dgaln=addressee is None, logo_seed=rng.randint(1, 10_000),
    )
    return _styled(letter, profile.get("prefet_style", {}))


def _with_more(body: list[str], more: list[str]) -> list[str]:
    """Further paragraphs (a longer letter), before the closing thanks."""
    return body[:-1] + list(more) + body[-1:] if more else body


def _styled(letter: Letter, style: dict) -> Letter:
    """Apply a profile's presentation choices (signatory block, stamp, sidebar) to a letter."""
    for name, value in style.items():
        if not hasattr(letter, name):
            raise AttributeError(f"Letter has no {name!r}")
        setattr(letter, name, value)
    return letter


def _of(nom: str) -> str:
    """'Le Carbet' -> 'du Carbet', 'Les Anses-d'Arlet' -> 'des Anses-d'Arlet', else 'de X'."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if nom.startswith(article):
            return contracted + nom[len(article):]
    return "de " + nom


def member_letter(profile: dict, fiche: Fiche, day: dt.date, rng: random.Random) -> Letter:
    """A second collectivité letter: the maire of a member commune beside the EPCI's.

    profile["member_letter"] = {"commune", "maire", "adresse", "layout", "style"}."""
    spec = profile["member_letter"]
    commune = geo.commune(spec["commune"], profile["dep"])
    name = "Commune " + _of(commune.nom)
    salutation = "Madame, Monsieur,"
    letter = Letter(
        kind="courrier_collectivite", layout=spec["layout"], letterhead=[name],
        sender_details=list(spec["adresse"]), place=commune.nom, date=day,
        addressee=DGALN_ADDRESS[:1] + DGALN_ADDRESS[2:],
        objet=f"Candidature à l'Atelier des territoires Flash – {fiche.intitule}",
        salutation=salutation,
        body=[f"La commune {_of(commune.nom)}, membre de {_the(fiche.coll_nom)}, s'associe "
              f"pleinement à la candidature intercommunale « {fiche.intitule} ».",
              _coll_body(fiche, day, rng)[1],
              "Nos services et nos élus prendront toute leur part aux journées de l'Atelier."],
        closing="Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations "
                "distinguées.",
        quality_lines=["Le Maire,"], signatory=spec["maire"], qualite="maire",
        entity=("commune", commune.code), collectivite=name,
        logo_seed=rng.randint(1, 10_000),
    )
    return _styled(letter, spec.get("style", {}))


def _service_block(fiche: Fiche) -> list[str]:
    acronym = fiche.etat_service.split()[0]
    return [SERVICE_NAMES.get(acronym, fiche.etat_service),
            f"Affaire suivie par : {fiche.referent.nom}",
            f"Tél. : {fiche.referent.telephone}",
            f"Courriel : {fiche.referent.email.lower()}"]


def _sender_title(quality: list[str], dep: geo.Departement) -> str:
    """'Le préfet d'Ille-et-Vilaine', 'La préfète de l'Aveyron', 'Le sous-préfet de …'."""
    if "sous-préfet" in quality[0]:
        return quality[0].rstrip(",")
    return ("La préfète " if quality[0].startswith("La ") else "Le préfet ") + dep.of_name


def _prefet_addressee(title: str, rng: random.Random) -> list[str]:
    if rng.random() < 0.5:
        return ["Monsieur le Sous-directeur de l'aménagement durable"] + DGALN_ADDRESS[1:2] + \
            ["DGALN / DHUP / AD1", "Tour Séquoia", "92055 La Défense Cedex"]
    return [title, "à", "Monsieur le Sous-directeur de l'aménagement durable",
            "Bureau des stratégies territoriales (AD1)", "DHUP / DGALN",
            "Tour Séquoia – 92055 La Défense Cedex"]


def _prefet_body(fiche: Fiche, rng: random.Random) -> list[str]:
    coll = _the(fiche.coll_nom)
    return [
        f"J'ai l'honneur de vous faire part de mon soutien à la candidature de {coll} à "
        f"l'Atelier des territoires Flash, pour le projet « {fiche.intitule} ».",
        f"Ce projet répond à des enjeux importants pour le territoire, notamment "
        f"{themes_text(fiche.thematiques)}. La démarche proposée s'inscrit pleinement dans "
        "les priorités de l'État en matière de sobriété foncière, d'adaptation au "
        "changement climatique et de cohésion territoriale.",
        rng.choice([
            f"La {fiche.etat_service} assurera le pilotage local de l'Atelier, en lien étroit "
            "avec la collectivité, et veillera à la bonne mobilisation des partenaires.",
            f"Les services de l'État, et en particulier la {fiche.etat_service}, "
            "accompagneront la collectivité tout au long de la démarche et en assureront le "
            "pilotage local.",
        ]),
        "Je ne doute pas que l'Atelier permettra de faire émerger une stratégie partagée et "
        "des actions concrètes, et je vous remercie de l'attention que vous porterez à cette "
        "candidature.",
    ]
