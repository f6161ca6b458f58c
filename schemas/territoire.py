"""The territory a dossier speaks of, resolved in the official geography: porteuse, communes, EPCI, letters.

Helpers of the completeness rules: each resolution says what it found, or that it could
not decide (a name that does not resolve, or resolves to several places).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from schemas.cog import Cog, CommuneKind
from schemas.values import fold

log = logging.getLogger(__name__)

_EPCI_NAME = re.compile(r"\b(?:communaute|agglomeration|agglo|metropole|cc|ca|cu|ept|etablissement public territorial)\b")
_COMMUNE_NAME = re.compile(r"^(?:la |le )?(?:commune|ville|mairie|cite|hotel de ville)\b")
_GENERIC = re.compile(r"\b(?:commune|ville|mairie|hotel de ville|communaute de communes|communaute d agglomeration|"
                      r"communaute urbaine|communaute|agglomeration|cc|ca|cu|de|du|des|d|la|le|les|l)\b")


@dataclass(frozen=True)
class Entity:
    """A commune (INSEE code) or an EPCI (SIREN), with the départements it lies in."""

    kind: str  # "commune" | "epci"
    code: str
    nom: str
    departements: frozenset[str]


def name_kind(name: str, declared: str | None = None) -> str | None:
    """"epci" or "commune" from how a collectivité is named; the declared type when the name says neither."""
    folded = fold(name)
    if _EPCI_NAME.search(folded):
        return "epci"
    if _COMMUNE_NAME.search(folded):
        return "commune"
    return declared if declared in ("commune", "epci") else None


def resolve_entity(name: str, cog: Cog, kind: str | None, departement: str | None = None) -> Entity | None:
    """The commune or EPCI a written name designates; None when it does not resolve to one place."""
    name = re.sub(r"(?i)^\s*(?:l['’]\s*)?h[ôo]tel de ville\s+(?:de\s+|d['’]\s*)", "", name)
    kinds = [kind] if kind else ["commune", "epci"]
    for candidate_kind in kinds:
        found = _commune_entity(name, cog, departement) if candidate_kind == "commune" \
            else _epci_entity(name, cog, departement)
        if found:
            return found
    return None


def _commune_entity(name: str, cog: Cog, departement: str | None) -> Entity | None:
    match = cog.resolve_commune(name, departement)
    if match is None or match.ambiguous or match.score < 0.9:
        return None
    commune = match.commune
    current = commune.parent if commune.parent and commune.kind is not CommuneKind.ACTUELLE else commune
    return Entity("commune", current.code, current.nom, frozenset({current.departement}))


def _epci_entity(name: str, cog: Cog, departement: str | None) -> Entity | None:
    match = cog.resolve_epci(name, departement)
    if match is None or match.ambiguous or match.score < 0.85:
        return None
    epci = match.epci
    return Entity("epci", epci.siren, epci.nom, frozenset(epci.departements))


def same_name(a: str, b: str) -> bool:
    """Two written names of one collectivité ("Ville de Redon", "Commune de Redon")."""
    def key(text: str) -> str:
        return " ".join(_GENERIC.sub(" ", fold(text)).split())
    return bool(key(a)) and key(a) == key(b)


def coherent(letter: Entity, porteuse: Entity, cog: Cog) -> bool:
    """The letter may come from the porteuse, the EPCI of the commune porteuse, or a member commune."""
    if (letter.kind, letter.code) == (porteuse.kind, porteuse.code):
        return True
    if porteuse.kind == "commune" and letter.kind == "epci":
        return cog.commune_in_epci(porteuse.code, letter.code)
    if porteuse.kind == "epci" and letter.kind == "commune":
        return cog.commune_in_epci(letter.code, porteuse.code)
    return False


@dataclass(frozen=True)
class CommuneCheck:
    """One commune of section 2: its current INSEE code, or why it has none."""

    nom: str
    code: str | None
    nouvelle: str | None = None  # for a commune déléguée or former commune: the commune it belongs to
    decided: bool = True  # False: homonyms or an uncertain reading, a reviewer decides


def check_commune(entry: dict, cog: Cog, departement: str | None, sure_reading: bool) -> CommuneCheck:
    """Whether a commune of `s2.communes` is a current commune of the COG."""
    nom = str(entry.get("nom") or "")
    if entry.get("code_insee") and cog.commune(entry["code_insee"]):
        return CommuneCheck(nom, cog.commune(entry["code_insee"]).code)
    match = cog.resolve_commune(nom, departement)
    if match is None:
        return CommuneCheck(nom, None, decided=sure_reading)  # read for sure and nowhere in the COG
    if match.ambiguous or match.score < 1.0:
        return CommuneCheck(nom, None, decided=False)
    commune = match.commune
    if commune.kind in (CommuneKind.DELEGUEE, CommuneKind.ASSOCIEE) and commune.parent:
        parent = commune.parent
        return CommuneCheck(nom, None, f"{parent.nom} ({parent.departement})")
    return CommuneCheck(nom, commune.parent.code if commune.parent else commune.code)
