"""Official geography, read straight from the Etalab tarball in shared/data."""

from __future__ import annotations

import functools
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

# shared/ lies beside the repository (samples/gen/geo.py -> ../../../shared).
SHARED = Path(__file__).resolve().parents[3] / "shared"
TARBALL = SHARED / "data" / "etalab-decoupage-administratif-6.0.0.tgz"

# COG "type de liaison": the preposition used before a name ("préfet de la Lozère").
_OF_ARTICLE = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'"}


@dataclass(frozen=True)
class Commune:
    nom: str
    code: str
    departement: str
    region: str
    population: int | None
    codes_postaux: tuple[str, ...]


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str
    region: str
    liaison: int

    @property
    def of_name(self) -> str:
        """'d'Ille-et-Vilaine', 'du Finistère', 'de La Réunion'."""
        return _OF_ARTICLE.get(self.liaison, "de ") + self.nom


@dataclass(frozen=True)
class Epci:
    siren: str
    nom: str
    type: str
    membres: tuple[str, ...]  # INSEE codes


def _read_json(member: str):
    with tarfile.open(TARBALL) as tar:
        return json.load(tar.extractfile(f"package/data/{member}"))


@functools.cache
def _tables():
    communes = _read_json("communes.json")
    epcis = _read_json("epci.json")
    deps = _read_json("departements.json")
    regs = _read_json("regions.json")
    return communes, epcis, deps, regs


def commune(nom: str, departement: str) -> Commune:
    """The current commune of that name in that département (KeyError if none)."""
    for row in _tables()[0]:
        if (row["nom"] == nom and row.get("departement") == departement
                and row["type"] == "commune-actuelle"):
            return Commune(row["nom"], row["code"], row["departement"], row["region"],
                           row.get("population"), tuple(row.get("codesPostaux", ())))
    raise KeyError(f"no current commune {nom!r} in {departement}")


def resolve_commune_code(nom: str, departement: str) -> str | None:
    """INSEE code of a current commune, None for an unknown or former/delegated one."""
    try:
        return commune(nom, departement).code
    except KeyError:
        return None


def former_commune_exists(nom: str, departement: str) -> bool:
    """True when the name is a commune déléguée/associée of that département."""
    return any(row["nom"] == nom and row.get("departement") == departement
               and row["type"] in ("commune-deleguee", "commune-associee")
               for row in _tables()[0])


def epci_of(code_insee: str) -> Epci:
    """The EPCI a commune belongs to."""
    for row in _tables()[1]:
        members = tuple(m["code"] for m in row["membres"])
        if code_insee in members:
            return Epci(row["code"], row["nom"], row["type"], members)
    raise KeyError(code_insee)


def departement(code: str) -> Departement:
    for row in _tables()[2]:
        if row["code"] == code:
            return Departement(row["code"], row["nom"], row["region"], row["typeLiaison"])
    raise KeyError(code)


def region_name(code: str) -> str:
    for row in _tables()[3]:
        if row["code"] == code:
            return row["nom"]
    raise KeyError(code)


def epci(siren: str) -> Epci:
    for row in _tables()[1]:
        if row["code"] == siren:
            return Epci(row["code"], row["nom"], row["type"],
                        tuple(m["code"] for m in row["membres"]))
    raise KeyError(siren)
