"""An address's domain that spells a place the fiche names with a slip of OCR in a short piece.

A collectivité's or a State service's domain is its name's words joined by hyphens
("mairie-blainville-sur-l-eau.fr", "tarn-et-garonne.gouv.fr"). OCR slips on the one-letter
pieces an elision leaves ("sur-i-eau" for sur-l-eau on a photo, "tarn-ct-garonne" on a fax)
and on "rn" ("mome" for morne): pieces too short for the fiche's own check of domain words
(extractors.fields.fiche_checks, four letters at least). A run of the domain's pieces a slip
or two from the same number of words of one place the fiche names (the porteuse, a commune, the
département, the EPCI, as the COG spells them), and from no other, is that place misread:
mended, for a reviewer (fichestudy 180:240: 3 addresses on 3 fiches). The places are the
COG's: a name the fiche misread ("Saint-Naupltry") never respells a domain.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from extractors.model import FieldStatus, FieldValue
from extractors.text import normalise as unaccented
from schemas.cog import Cog
from schemas.porteuse_letters import official_name

EMAILS = ("s1.etat.referent_email", "s1.collectivite.contact_email")
SLIPS = 2  # letters apart, more in a long run (as the COG tolerates: 3 from 12 letters)
MENDED = 0.35  # a guess, as fiche_checks' mended domains


def _places(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> list[list[str]]:
    """The words of each place the fiche names, as the COG spells it, folded as a domain writes them."""
    names: list[str] = []
    porteuse = out.get("s1.collectivite.nom")
    if porteuse is not None and isinstance(porteuse.value, str):
        names.append(official_name(porteuse.value, cog, departement) or "")
    communes = out.get("s2.communes")
    if communes is not None and isinstance(communes.value, list):
        names += [cog.communes[c["code_insee"]].nom for c in communes.value
                  if isinstance(c, dict) and c.get("code_insee") in cog.communes]
    if departement in cog.departements:
        names.append(cog.departements[departement].nom)
    return [w for w in ([p for p in re.split(r"[^a-z0-9]+", unaccented(n)) if p] for n in names) if w]


def _mended_run(parts: list[str], places: list[list[str]]) -> list[str] | None:
    """The parts with one run of them respelt as one place's words, when exactly one run and
    place are near (the run not already a place's words)."""
    found, exact = set(), set()
    for place in places:
        for size in range(2, len(place) + 1):
            for start in range(len(place) - size + 1):
                words = place[start:start + size]
                for at in range(len(parts) - size + 1):
                    run = parts[at:at + size]
                    if run == words:
                        exact.add((at, size))  # spelt as a place
                        continue
                    read, spelt = "-".join(run), "-".join(words)
                    distance = OSA.distance(read, spelt)
                    allowed = SLIPS + (len(spelt) >= 12)
                    if 0 < distance <= allowed and all(_alike(a, b) for a, b in zip(run, words)):
                        found.add((at, size, tuple(words)))
    # A run spelt as a place, as long or longer, over the same pieces: the domain is right there
    # ("indre-et-loire" is no slip of another place's "indre-de-loire").
    found = {(at, size, words) for at, size, words in found
             if not any(other >= size and start < at + size and at < start + other for start, other in exact)}
    longest = max((size for _, size, _ in found), default=0)
    best = {f for f in found if f[1] == longest}
    if len(best) != 1:
        return None
    at, size, words = best.pop()
    return [*parts[:at], *words, *parts[at + size:]]


def _alike(read: str, word: str) -> bool:
    """A piece that is its word but for an OCR slip: a short one as long exactly ("i" for l,
    "ct" for et), a longer one with "m" for "rn" or a stray mark ("mome" for morne,
    "maritime," for maritime); "deal" is no "de", "au" for "du" a slip, "hauts" no "hautes"."""
    if read == word:
        return True
    if len(word) <= 2 or len(read) <= 2:
        return len(read) == len(word)
    return _SLIPPED.sub("", read.replace("m", "rn")) == word.replace("m", "rn") \
        or read.replace("rn", "m") == word.replace("rn", "m")


_SLIPPED = re.compile(r"[^a-z0-9]")


def domains_mended_by_places(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> None:
    """Each address read by OCR whose domain spells a place of the fiche with a slip (see the module)."""
    places = None
    for field_id in EMAILS:
        email = out.get(field_id)
        if email is None or not isinstance(email.value, str) or "@" not in email.value or email.confidence >= 1.0:
            continue
        local, _, domain = email.value.rpartition("@")
        head, dot, ending = domain.partition(".")
        places = _places(out, cog, departement) if places is None else places
        parts = head.split("-")
        mended = _mended_run(parts, places)
        if mended is not None and mended != parts:
            out[field_id] = FieldValue(f"{local}@{'-'.join(mended)}{dot}{ending}", min(email.confidence, MENDED),
                                       email.source, FieldStatus.NEEDS_REVIEW)
