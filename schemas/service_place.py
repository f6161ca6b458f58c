"""The place a State service's name ends with ("DDT du Tarn"), checked against the geography."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from extractors.fields.plausible import STATE_SERVICES
from schemas import values
from schemas.cog import Cog

_SERVICE_PLACE = re.compile(r"^(?P<head>(?P<acronym>[A-Z]{3,6})\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*)"
                            r"(?P<place>.+)$")
_PLACE_ALONE = re.compile(r"[^\W\d_][\w'’-]*(?: [\w'’-]+){0,3}")
PLACE_SLIP = 85  # ratio of a département's name a photo slipped a letter in ("Pyrénées-Orentales")


def placed(text: str | None, trusted: bool, cog: Cog, departement: str | None) -> tuple[str | None, bool]:
    """A State service's name as read ("DDT du Tarn"); the département it names, misread
    ("DDTM des Pyrénées-Orentales"), spelt as the COG does and shown to a reviewer."""
    match = _SERVICE_PLACE.match(text or "")
    if not match or match.group("acronym") not in STATE_SERVICES \
            or cog.departement_code(match.group("place"), fuzzy=False):
        return text, trusted
    code = cog.departement_code(match.group("place"))
    official = cog.departements[code].nom if code in cog.departements else None
    if official and fuzz.ratio(values.fold(official), values.fold(match.group("place"))) >= PLACE_SLIP:
        return match.group("head") + official, False
    if cog.region_code(match.group("place"), fuzzy=False):
        return text, trusted
    nearest = _nearest_place(match.group("place"), cog) or _dossier_place(match.group("place"), cog, departement)
    if nearest:
        return match.group("head") + nearest, False
    # a place alone that names no département nor région ("DDT du Tam" for the Tarn): for a
    # reviewer; a service's own name after it ("… / Service aménagement") is another matter
    return text, trusted and not _PLACE_ALONE.fullmatch(match.group("place"))


def _nearest_place(place: str, cog) -> str | None:
    """The one département or région name a place read with a slip or two is nearest to ("La
    Réumon", "Sartho"), when the COG's own lookup finds none; None when none is near, or two are."""
    folded = values.fold(place)
    allowed = 2 if len(folded) >= 8 else 1 if len(folded) >= 5 else 0
    names = {p.nom for p in (*cog.departements.values(), *cog.regions.values())}
    near = sorted((OSA.distance(values.fold(name), folded), name) for name in names)
    (best, name), second = near[0], near[1][0]
    return name if 0 < best <= allowed and second > best else None


def _dossier_place(place: str, cog, departement: str | None) -> str | None:
    """The dossier's département when the place read is two slips from its name at most ("Tam":
    OCR reads "rn" as "m")."""
    official = cog.departements[departement].nom if departement in cog.departements else None
    return official if official and OSA.distance(values.fold(official), values.fold(place)) <= 2 else None
