"""Turn a territory profile into a Dossier: the fiche's answers and the two letters."""

from __future__ import annotations

import datetime as dt
import random

from . import geo
from .courriers import collectivite_letter, prefet_letter
from .model import Contact, Dossier, Fiche
from .territoires_a import PROFILES_A
from .territoires_b import PROFILES_B

PROFILES = {p["key"]: p for p in PROFILES_A + PROFILES_B}


def porteuse_code(profile: dict) -> str:
    kind, ref = profile["porteuse"]
    return geo.commune(ref, profile["dep"]).code if kind == "commune" else ref


def epci_siren(profile: dict) -> str:
    kind, ref = profile["porteuse"]
    if kind == "epci":
        return ref
    return geo.epci_of(porteuse_code(profile)).siren


def _population(profile: dict) -> str:
    """Population of the commune porteuse (or the first commune), French digit grouping."""
    kind, ref = profile["porteuse"]
    name = ref if kind == "commune" else profile["communes"][0]
    pop = geo.commune(name, profile["dep"]).population
    return f"{pop:,}".replace(",", " ")


def build_fiche(profile: dict) -> Fiche:
    p = profile
    fill = {"population": _population(p), "epci_nom": p["epci_ecrit"]}
    return Fiche(
        lieu=p["lieu"], date=dt.date.fromisoformat(p["date"]),
        etat_service=p["etat_service"],
        referent=Contact(p["referent"][0], p["referent"][2], p["referent"][3]),
        referent_fonction=p["referent"][1],
        coll_nom=p["coll_nom"], coll_type=p["porteuse"][0], coll_code=porteuse_code(p),
        elu_nom=p["elu"][0], elu_qualite=p["elu"][1],
        contact=Contact(*p["contact"]), partenaires=p["partenaires"],
        communes=list(p["communes"]), departement=p["dep"],
        departement_ecrit=p["dep_ecrit"], region_ecrite=p["region_ecrite"],
        epci_nom=p["epci_ecrit"], echelle=p["echelle"], secteur=p["secteur"],
        intitule=p["intitule"], thematiques=list(p["thematiques"]),
        autre_precision=p.get("autre"), programmes=p["programmes"],
        description=p["description"], objectifs=p["objectifs"], attendus=p["attendus"],
        calendrier=p["calendrier"], documents=p["documents"], acteurs=p["acteurs"],
        moyens=p["moyens"], annexe1=p["annexe1"].format(**fill),
        annexe2=p["annexe2"].format(**fill),
    )


def build_dossier(key: str, profile_key: str) -> Dossier:
    """The dossier of a profile as its candidates would send it (both letters signed)."""
    profile = PROFILES[profile_key]
    rng = random.Random(f"dossier:{key}")
    fiche = build_fiche(profile)
    coll_day, prefet_day = profile["letter_dates"]
    coll = collectivite_letter(profile, fiche, dt.date.fromisoformat(coll_day), rng)
    prefet = None
    if prefet_day and "prefet" in profile:
        prefet = prefet_letter(profile, fiche, dt.date.fromisoformat(prefet_day), rng)
    return Dossier(key=key, fiche=fiche, coll_letter=coll, prefet_letter=prefet,
                   extra={"profile": profile, "epci_siren": epci_siren(profile)})
