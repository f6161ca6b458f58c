"""Real communes, EPCIs, départements and régions, read straight from the Etalab tarball.

Written apart from Guichet's own geography loader on purpose: the unseen set must not
share code with what it measures."""

from __future__ import annotations

import functools
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

TARBALL = Path("/work/shared/data/etalab-decoupage-administratif-6.0.0.tgz")

# INSEE "type de liaison" (TNCC): how "de" joins the name.
_LINK = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'", 6: "des ", 7: "de las ", 8: "de los "}
_ARTICLE = {2: "Le ", 3: "La ", 4: "Les ", 5: "L'"}

# Départements with a sea coast: their State service is a DDTM.
COASTAL = set("06 11 13 14 17 22 29 2A 2B 30 33 34 35 40 44 50 56 59 62 64 66 76 80 83 85".split())
OVERSEAS_SERVICE = {"971": "DEAL de Guadeloupe", "972": "DEAL de Martinique", "973": "DGTM de Guyane",
                    "974": "DEAL de La Réunion", "976": "DEAL de Mayotte"}
EPCI_KIND = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération",
             "CU": "Communauté urbaine"}


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    link: int
    departement: str
    region: str
    postcodes: tuple[str, ...]
    population: int

    def of(self) -> str:
        """'de Lodève', "d'Ajaccio", 'du Lorrain', 'de La Flèche' (Le/Les merge with de)."""
        if self.link in (2, 4) and self.nom.startswith(_ARTICLE[self.link]):
            return _LINK[self.link] + self.nom[len(_ARTICLE[self.link]):]
        if self.link in (3, 5):
            return "de " + self.nom
        return _LINK.get(self.link, "de ") + self.nom


@dataclass(frozen=True)
class Epci:
    siren: str
    nom: str          # as Etalab writes it ("CC du Sud Corse", "Brest Métropole")
    kind: str         # CC, CA, CU, METRO, MET69
    members: tuple[str, ...]

    def long_name(self) -> str:
        """The name spelt out: 'Communauté de communes du Sud Corse'."""
        prefix = self.nom.split(" ", 1)
        if prefix[0] in EPCI_KIND and len(prefix) == 2:
            if any(w in prefix[1] for w in ("Agglomération", "Communauté", "Métropole")):
                return prefix[1]
            return f"{EPCI_KIND[prefix[0]]} {prefix[1]}"
        return self.nom

    def president_title(self) -> str:
        name = self.long_name()
        if name.startswith(("Communauté", "Métropole")):
            return f"de la {name}"
        return f"de l'{name}" if name[0] in "AEÉIOU" else f"de {name}"


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str
    link: int
    region: str

    def of(self) -> str:
        name = self.nom
        if self.link in _ARTICLE and name.startswith(_ARTICLE[self.link]):
            name = name[len(_ARTICLE[self.link]):]
        return _LINK.get(self.link, "de ") + name

    def state_service(self) -> str:
        if self.code in OVERSEAS_SERVICE:
            return OVERSEAS_SERVICE[self.code]
        return ("DDTM " if self.code in COASTAL else "DDT ") + self.of()


@functools.cache
def _load(name: str) -> list[dict]:
    with tarfile.open(TARBALL) as tar:
        return json.load(tar.extractfile(f"package/data/{name}.json"))


@functools.cache
def communes() -> dict[str, Commune]:
    return {c["code"]: Commune(c["code"], c["nom"], c.get("typeLiaison", 0), c["departement"], c["region"],
                               tuple(c.get("codesPostaux", ())), c.get("population", 0))
            for c in _load("communes") if c["type"] == "commune-actuelle"}


@functools.cache
def former_communes() -> list[dict]:
    """Communes déléguées and associées: names that are no longer current communes."""
    return [c for c in _load("communes") if c["type"] in ("commune-deleguee", "commune-associee")]


@functools.cache
def epcis() -> dict[str, Epci]:
    return {e["code"]: Epci(e["code"], e["nom"], e["type"], tuple(m["code"] for m in e["membres"]))
            for e in _load("epci")}


@functools.cache
def epci_of() -> dict[str, Epci]:
    return {m: e for e in epcis().values() for m in e.members}


@functools.cache
def departements() -> dict[str, Departement]:
    return {d["code"]: Departement(d["code"], d["nom"], d.get("typeLiaison", 0), d["region"])
            for d in _load("departements")}


@functools.cache
def regions() -> dict[str, str]:
    return {r["code"]: r["nom"] for r in _load("regions")}
