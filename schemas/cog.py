"""The official geography (COG): the shipped reference, and tolerant resolution of written names."""

from __future__ import annotations

import functools
import gzip
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from schemas import cog_names
from schemas.cog_names import SLIPPED, commune_keys, epci_key, epci_variants, max_edits, strip_admin_words, unslip
from schemas.values import fold

log = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "cog.json.gz"
EXACT = 1.0
PREFIX = 0.9  # "Guingamp-Paimpol Agglomération" for "CA Guingamp-Paimpol Agglomération de l'Armor…"
NAME_CUTOFF = 85  # rapidfuzz ratio below which a département/région/EPCI name is not matched

_TRAILING_PAREN = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_POSTCODE = re.compile(r"^\s*(\d{5})\s+(.+)$|^(.+?)\s+(\d{5})\s*$")
# Current région for common short names, and for the régions merged in 2016 (older dossiers).
REGION_ALIASES = {"PACA": "93", "AURA": "84", "IDF": "11", "BFC": "27", "Centre": "24", "Alsace": "44",
    "Lorraine": "44", "Champagne-Ardenne": "44", "Picardie": "32", "Nord-Pas-de-Calais": "32", "Basse-Normandie": "28",
    "Haute-Normandie": "28", "Bourgogne": "27", "Franche-Comté": "27", "Aquitaine": "75", "Limousin": "75",
    "Poitou-Charentes": "75", "Midi-Pyrénées": "76", "Languedoc-Roussillon": "76", "Auvergne": "84",
    "Rhône-Alpes": "84"}


class CommuneKind(StrEnum):
    """What a name of communes.json designates."""

    ACTUELLE = "commune"
    DELEGUEE = "deleguee"
    ASSOCIEE = "associee"
    ARRONDISSEMENT = "arrondissement"  # municipal: Paris, Lyon, Marseille


@dataclass(frozen=True)
class Region:
    """A région (or a collectivité d'outre-mer, which the COG lists as one)."""

    code: str
    nom: str


@dataclass(frozen=True)
class Departement:
    """A département, with the code of its région."""

    code: str
    nom: str
    region: str


@dataclass(frozen=True)
class Commune:
    """A current commune, or a commune déléguée/associée or arrondissement with its `parent`."""

    code: str
    nom: str
    departement: str
    kind: CommuneKind = CommuneKind.ACTUELLE
    codes_postaux: tuple[str, ...] = ()
    parent: Commune | None = None  # the current commune (commune nouvelle) it belongs to

    @property
    def is_current(self) -> bool:
        """True for a current commune (not a déléguée, associée or arrondissement)."""
        return self.kind is CommuneKind.ACTUELLE


@dataclass(frozen=True)
class _Match:
    """What resolving one written name gives; several candidates means ambiguous."""

    query: str
    candidates: tuple
    score: float  # 1.0 for an exact (normalised) name, lower for a prefix or an OCR error

    @property
    def ambiguous(self) -> bool:
        """Homonyms left after the hints (e.g. "Saint-Denis" without a département)."""
        return len(self.candidates) > 1


@dataclass(frozen=True)
class CommuneMatch(_Match):
    """A resolved commune name."""

    candidates: tuple[Commune, ...]

    @property
    def commune(self) -> Commune | None:
        """The single candidate, None when ambiguous."""
        return None if self.ambiguous else self.candidates[0]

    @property
    def code_insee(self) -> str | None:
        """INSEE code for `s2.communes`, or None.

        None when ambiguous or for a déléguée/associée (whose `parent` is the commune
        nouvelle); an arrondissement gives the code of its commune.
        """
        found = self.commune
        if found is None or found.kind in (CommuneKind.DELEGUEE, CommuneKind.ASSOCIEE):
            return None
        return found.parent.code if found.parent else found.code


@dataclass(frozen=True)
class Epci:
    """An EPCI à fiscalité propre, or an EPT of the Grand Paris (nature "EPT")."""

    siren: str
    nom: str
    nature: str  # CC, CA, CU, METRO, MET69, EPT
    membres: frozenset[str]  # INSEE codes of the member communes
    departements: tuple[str, ...]


@dataclass(frozen=True)
class EpciMatch(_Match):
    """A resolved EPCI (or EPT) name."""

    candidates: tuple[Epci, ...]

    @property
    def epci(self) -> Epci | None:
        """The single candidate, None when ambiguous."""
        return None if self.ambiguous else self.candidates[0]

    @property
    def siren(self) -> str | None:
        """SIREN for `s2.epci`, None when ambiguous."""
        return self.epci.siren if self.epci else None


@dataclass(frozen=True)
class _Index:
    """Lookup tables built once from the reference."""

    by_bare: Mapping[str, tuple[Commune, ...]]
    by_postcode: Mapping[str, tuple[Commune, ...]]  # current communes only
    bare_by_dep: Mapping[str, tuple[str, ...]]
    epci_by_key: Mapping[str, tuple[Epci, ...]]
    epci_of_commune: Mapping[str, tuple[str, ...]]
    parent_of_rattachee: Mapping[str, str]  # only where a code has a single parent
    departement_by_key: Mapping[str, str]
    region_by_key: Mapping[str, str]


@dataclass(frozen=True, eq=False)
class Cog:
    """The reference geography; load it once with `Cog.load()` and pass it to whoever needs it."""

    source: str
    regions: Mapping[str, Region]
    departements: Mapping[str, Departement]
    communes: Mapping[str, Commune]  # current communes by INSEE code
    rattachees: tuple[Commune, ...]  # déléguées, associées, arrondissements (codes may repeat)
    anciens_codes: Mapping[str, str]  # former INSEE code -> current commune
    epcis: Mapping[str, Epci]  # EPCI and EPT by SIREN
    _index: _Index = field(repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | str | None = None) -> Cog:
        """Read the reference written by scripts/build_cog.py (default: the shipped one)."""
        path = Path(path) if path else DEFAULT_PATH
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
        if data.get("version") != 1:
            raise ValueError(f"{path}: unsupported COG reference version {data.get('version')!r}")
        return cls.from_reference(data)

    @classmethod
    @functools.cache
    def shipped(cls) -> Cog:
        """The shipped reference, loaded once per process: a worker's jobs, a batch, the web pages share it."""
        return cls.load()

    @classmethod
    def from_reference(cls, data: Mapping) -> Cog:
        """Build from the parsed reference (layout documented in scripts/build_cog.py)."""
        regions = {code: Region(code, nom) for code, nom in data["regions"].items()}
        departements = {code: Departement(code, nom, region)
                        for code, (nom, region) in data["departements"].items()}
        communes = {code: Commune(code, nom, dep, codes_postaux=tuple(cps))
                    for code, (nom, dep, cps) in data["communes"].items()}
        rattachees = tuple(
            Commune(code, nom, communes[parent].departement, CommuneKind(kind),
                    communes[parent].codes_postaux, communes[parent])
            for code, nom, kind, parent in data["rattachees"])
        epcis = _read_epcis(data, communes)
        log.debug("COG %s: %d communes, %d EPCI/EPT", data["source"], len(communes), len(epcis))
        return cls(data["source"], regions, departements, communes, rattachees,
                   dict(data["anciens_codes"]), epcis,
                   _build_index(communes, rattachees, epcis, departements, regions))

    def resolve_commune(self, name: str, departement: str | None = None) -> CommuneMatch | None:
        """Resolve a written commune name; None when nothing is close enough.

        Tolerates case, accents, hyphens, apostrophes, St/Ste, a leading article, "Commune de",
        "Ville de", a trailing "(35)", "(Ille-et-Vilaine)" or postcode, and an OCR error of a
        letter or two. Homonyms are narrowed by `departement` (code or name) or the written
        hint; if none is in it, matches elsewhere are returned (check `commune.departement`).
        """
        text, hint, postcode = self._split_commune_hints(name)
        dep = self.departement_code(hint or departement) if (hint or departement) else None
        full, bare = commune_keys(text)
        if not bare:
            return None
        for found, score in self._commune_attempts(bare, dep):
            chosen = _prefer(found, full, postcode)
            if chosen:
                return CommuneMatch(name, chosen, score)
        return None

    def _commune_attempts(self, bare: str, dep: str | None):
        """Candidate sets, most trusted first: exact in the département, an OCR-damaged name in it (the
        département is usually read right), a name once "rn"/"m" slips undone ("Rernies": Remies,
        never exact); then the same elsewhere."""
        exact = self._index.by_bare.get(bare, ())
        slipped = [self._index.by_bare.get(v, ()) for v in unslip(bare)]
        for where in ((dep,) if dep else ()) + (None,):
            yield [c for c in exact if where in (None, c.departement)], EXACT
            yield self._fuzzy_communes(bare, where)
            yield [c for found in slipped for c in found if where in (None, c.departement)], SLIPPED

    def _fuzzy_communes(self, bare: str, dep: str | None) -> tuple[list[Commune], float]:
        edits = max_edits(bare)
        choices = self._index.bare_by_dep.get(dep, ()) if dep else list(self._index.by_bare)
        if not edits or not choices:
            return [], 0.0
        hits = process.extract(bare, choices, scorer=OSA.distance,
                               score_cutoff=edits, limit=None)
        hits = [h for h in hits if h[1] > 0]
        if not hits:
            return [], 0.0
        best = min(h[1] for h in hits)
        keys = [h[0] for h in hits if h[1] == best]
        found = [c for key in keys for c in self._index.by_bare[key]
                 if dep is None or c.departement == dep]
        return found, round(1 - best / max(len(bare), *(len(k) for k in keys)), 3)

    def _split_commune_hints(self, name: str) -> tuple[str, str | None, str | None]:
        """("Vitré", "35", None) from "Commune de Vitré (35)"; postcodes from "35500 Vitré"."""
        text = " ".join(name.split())
        hint = postcode = None
        paren = _TRAILING_PAREN.search(text)
        inside = paren.group(1).strip() if paren else ""
        if re.fullmatch(r"\d{5}", inside):
            text, postcode = text[:paren.start()], inside
        elif inside and self.departement_code(inside, fuzzy=False):
            text, hint = text[:paren.start()], inside
        if "," in text:
            head, _, tail = text.rpartition(",")
            if self.departement_code(tail, fuzzy=False):
                text, hint = head, hint or tail
        match = _POSTCODE.match(text)
        if match:
            postcode = postcode or match.group(1) or match.group(4)
            text = match.group(2) or match.group(3)
        return cog_names.without_designation(text.strip()), hint, postcode

    def closest_among(self, name: str, codes: frozenset[str] | set[str],
                      departements: tuple[str, ...] = ()) -> tuple[Commune, int] | None:
        """The one current commune of `codes` whose name is nearest the written one, and how many
        letters differ; None when none is within OCR's tolerance, when two are equally near, or
        when a place of `departements` outside `codes` is as near (the reading may name it)."""
        text, _, _ = self._split_commune_hints(name)
        bare = commune_keys(text)[1]
        edits = max_edits(bare)
        if not edits:
            return None
        near = sorted((OSA.distance(bare, commune_keys(c.nom)[1]), c.code)
                      for c in map(self.communes.get, codes) if c is not None)
        near = [(d, code) for d, code in near if d <= edits]
        if not near or (len(near) > 1 and near[1][0] == near[0][0]):
            return None
        best, code = near[0]
        for dep in departements:
            for key, _distance, _ in process.extract(bare, self._index.bare_by_dep.get(dep, ()),
                                                     scorer=OSA.distance, score_cutoff=best, limit=None):
                if any(c.departement == dep and _outside(c, codes) for c in self._index.by_bare[key]):
                    return None
        return self.communes[code], best

    def is_commune_name(self, name: str) -> bool:
        """Whether a written name is, letter for letter (case, accents, hyphens aside), a commune's."""
        text, _, _ = self._split_commune_hints(name)
        return bool(text) and commune_keys(text)[1] in self._index.by_bare

    def communes_of_postcode(self, postcode: str) -> tuple[Commune, ...]:
        """The current communes served by a postcode (several share one, e.g. "20200")."""
        return self._index.by_postcode.get(postcode.strip(), ())

    def commune(self, code: str) -> Commune | None:
        """The current commune with that INSEE code (a former code leads to its successor)."""
        code = code.strip().upper()
        return self.communes.get(code) or self.communes.get(self.anciens_codes.get(code, ""))

    def _current_code(self, insee: str) -> str | None:
        found = self.commune(insee)
        return found.code if found else self._index.parent_of_rattachee.get(insee.strip().upper())

    def departement_of_commune(self, insee: str) -> str | None:
        """Département code of a commune, arrondissement or former commune, by INSEE code."""
        code = self._current_code(insee)
        return self.communes[code].departement if code else None

    def region_of_commune(self, insee: str) -> str | None:
        """Région code of a commune, by INSEE code."""
        dep = self.departement_of_commune(insee)
        return self.departements[dep].region if dep else None

    def resolve_epci(self, name: str, departement: str | None = None) -> EpciMatch | None:
        """Resolve a written EPCI (or EPT) name or SIREN; None when nothing is close enough.

        Tolerates CC/CA/CU spelt out or not, "Métropole", "Agglo", du/de la/des, an acronym
        beside the name ("CASUD – …"), word order, OCR errors. Equal candidates are narrowed
        by `departement` and by the nature written.
        """
        siren = re.sub(r"\s", "", name)
        if re.fullmatch(r"\d{9}", siren) and siren in self.epcis:
            return EpciMatch(name, (self.epcis[siren],), EXACT)
        dep = self.departement_code(departement) if departement else None
        nature = epci_key(name)[1]
        score, found = 0.0, []
        for key in filter(None, (epci_key(v)[0] for v in epci_variants(name))):
            candidate = self._epci_candidates(key)
            if candidate[0] > score:
                score, found = candidate
        found = _narrow(found, lambda e: dep in e.departements)
        found = _narrow(found, lambda e: e.nature == nature)
        found = sorted(set(found), key=lambda e: e.siren)
        return EpciMatch(name, tuple(found), score) if found else None

    def _epci_candidates(self, key: str) -> tuple[float, list[Epci]]:
        if key in self._index.epci_by_key:
            return EXACT, list(self._index.epci_by_key[key])
        keys = self._index.epci_by_key
        # one word begins too many names: only an official name's head cut at its comma ("CC Monts, Rance et …")
        prefixed = [e for k, es in keys.items() if k.startswith(key + " ") for e in es
                    if " " in key or epci_key(e.nom.split(",")[0])[0] == key]
        if prefixed:
            return PREFIX, prefixed
        cutoff = max(NAME_CUTOFF, 100 - 100 * max_edits(key) / len(key))
        hits = process.extract(key, list(keys), scorer=fuzz.token_sort_ratio,
                               score_cutoff=cutoff, limit=None)
        if not hits:
            return 0.0, []
        top = max(h[1] for h in hits)
        return round(top / 100 * PREFIX, 3), [e for k, s, _ in hits if s == top for e in keys[k]]

    def nearest_epcis(self, name: str, limit: int = 3) -> list[tuple[Epci, float]]:
        """The EPCIs nearest a written name however damaged, nearest first, with their token-sort ratio."""
        best: dict[str, tuple[Epci, float]] = {}
        for key in filter(None, (epci_key(v)[0] for v in epci_variants(name))):
            for found, score, _ in process.extract(key, list(self._index.epci_by_key), scorer=fuzz.token_sort_ratio,
                                                   limit=limit + 2):
                for epci in self._index.epci_by_key[found]:
                    if score > best.get(epci.siren, (epci, -1.0))[1]:
                        best[epci.siren] = (epci, score)
        return sorted(best.values(), key=lambda pair: -pair[1])[:limit]

    def epci(self, siren: str) -> Epci | None:
        """The EPCI or EPT with that SIREN."""
        return self.epcis.get(siren.replace(" ", ""))

    def epcis_of_commune(self, insee: str) -> tuple[Epci, ...]:
        """The EPCI à fiscalité propre of a commune, then its EPT if in the Grand Paris."""
        code = self._current_code(insee)
        sirens = self._index.epci_of_commune.get(code, ()) if code else ()
        return tuple(self.epcis[s] for s in sirens)

    def commune_in_epci(self, insee: str, siren: str) -> bool:
        """Whether a commune (arrondissements, former codes: their commune) is in an EPCI/EPT."""
        return any(e.siren == siren.replace(" ", "") for e in self.epcis_of_commune(insee))

    def departement_code(self, text: str, *, fuzzy: bool = True) -> str | None:
        """The département code written as a code or a name, None if unknown.

        "35", "035", "Ille-et-Vilaine", "Département d'Ille et Vilaine", "2a", "Corse-du-Sud",
        "La Réunion", "974", "Préfet du Finistère"; `fuzzy` tolerates OCR errors.
        """
        return (_as_code(text, self.departements)
                or _lookup_name(strip_admin_words(text), self._index.departement_by_key, fuzzy))

    def region_code(self, text: str, *, fuzzy: bool = True) -> str | None:
        """"53", "Bretagne", "Région Bretagne", "PACA", "Midi-Pyrénées" -> région code."""
        return (_as_code(text, self.regions)
                or _lookup_name(strip_admin_words(text), self._index.region_by_key, fuzzy))


def _prefer(found: list[Commune], full: str, postcode: str | None) -> tuple[Commune, ...]:
    """Narrow homonyms, then drop duplicates: the exact spelling (article included) wins, then
    current communes over former ones, then the written postcode."""
    found = _narrow(found, lambda c: commune_keys(c.nom)[0] == full)
    found = _narrow(found, lambda c: c.kind is not CommuneKind.DELEGUEE
                    and c.kind is not CommuneKind.ASSOCIEE)
    if postcode:
        found = _narrow(found, lambda c: postcode in c.codes_postaux)
    unique = {(c.code, c.kind, c.nom): c for c in found}
    return tuple(unique[k] for k in sorted(unique))


def _outside(commune: Commune, codes) -> bool:
    """A place other than the communes of `codes`: another commune, or a former commune
    (déléguée, associée) under a name of its own, even within one of them."""
    current = _current_of(commune)
    return current.code not in codes or commune is not current and commune_keys(commune.nom) != commune_keys(
        current.nom)


def _current_of(commune: Commune) -> Commune:
    return commune.parent if commune.parent is not None else commune


def _narrow(items: list, keep: Callable[[Any], bool]) -> list:
    """The items that pass `keep`, or all of them when none does (a hint, not a filter)."""
    return [item for item in items if keep(item)] or list(items)


def _as_code(text: str, table: Mapping[str, object]) -> str | None:
    """A code as written ("35", "035", "2a", "4" -> "04"), if it is one of `table`."""
    raw = text.strip().upper()
    if not re.fullmatch(r"\d{1,3}|2[AB]", raw):
        return None
    candidates = [raw, raw.zfill(2), raw.lstrip("0").zfill(2)]
    return next((c for c in candidates if c in table), None)


def _lookup_name(key: str, table: Mapping[str, str], fuzzy: bool) -> str | None:
    """Exact key, else (if `fuzzy`) the single closest name above NAME_CUTOFF."""
    if not key or key in table or not fuzzy:
        return table.get(key)
    hits = process.extract(key, list(table), scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, limit=2)
    if not hits or (len(hits) > 1 and hits[1][1] == hits[0][1]
                    and table[hits[0][0]] != table[hits[1][0]]):
        return None
    return table[hits[0][0]]


def _read_epcis(data: Mapping, communes: Mapping[str, Commune]) -> dict[str, Epci]:
    rows = [(siren, nom, nature, membres) for siren, (nom, nature, membres) in data["epci"].items()]
    rows += [(siren, nom, "EPT", membres) for siren, (nom, membres) in data.get("ept", {}).items()]
    return {
        siren: Epci(siren, nom, nature, frozenset(membres),
                    tuple(sorted({communes[m].departement for m in membres if m in communes})))
        for siren, nom, nature, membres in rows
    }


def _build_index(communes, rattachees, epcis, departements, regions) -> _Index:
    by_bare: dict[str, list[Commune]] = defaultdict(list)
    for commune in (*communes.values(), *rattachees):
        by_bare[commune_keys(commune.nom)[1]].append(commune)
    bare_by_dep: dict[str, set[str]] = defaultdict(set)
    for key, commune in ((k, c) for k, items in by_bare.items() for c in items):
        bare_by_dep[commune.departement].add(key)
    epci_by_key: dict[str, list[Epci]] = defaultdict(list)
    epci_of_commune: dict[str, list[str]] = defaultdict(list)
    for epci in sorted(epcis.values(), key=lambda e: (e.nature == "EPT", e.siren)):
        epci_by_key[epci_key(epci.nom)[0]].append(epci)
        for member in epci.membres:
            epci_of_commune[member].append(epci.siren)
    parents = defaultdict(set)
    for rattachee in rattachees:
        parents[rattachee.code].add(rattachee.parent.code)
    dep_keys = {strip_admin_words(d.nom): d.code for d in departements.values()}
    dep_keys.update({commune_keys(d.nom)[1]: d.code for d in departements.values()})
    region_keys = {commune_keys(r.nom)[1]: r.code for r in regions.values()}
    region_keys.update({fold(r.nom): r.code for r in regions.values()})
    region_keys.update({fold(k): v for k, v in REGION_ALIASES.items() if v in regions})
    by_postcode: dict[str, list[Commune]] = defaultdict(list)
    for commune in communes.values():
        for postcode in commune.codes_postaux:
            by_postcode[postcode].append(commune)
    return _Index(
        by_bare={k: tuple(v) for k, v in by_bare.items()},
        by_postcode={k: tuple(v) for k, v in by_postcode.items()},
        bare_by_dep={k: tuple(sorted(v)) for k, v in bare_by_dep.items()},
        epci_by_key={k: tuple(v) for k, v in epci_by_key.items()},
        epci_of_commune={k: tuple(v) for k, v in epci_of_commune.items()},
        parent_of_rattachee={k: v.pop() for k, v in parents.items() if len(v) == 1},
        departement_by_key=dep_keys,
        region_by_key=region_keys,
    )
