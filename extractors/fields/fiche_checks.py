"""A fiche's answers checked against each other: a value read with a slip that another
answer of the same fiche spells right is not trusted."""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz.distance import OSA

from extractors.fields.layout import norm
from extractors.model import FieldStatus, FieldValue

EMAIL_FIELDS = ("s1.etat.referent_email", "s1.collectivite.contact_email")
# Answers whose words an address's domain is made of ("mairie-riviere-pilote.fr", "deal-martinique.gouv.fr").
_NAMING = ("s1.etat.service", "s1.collectivite.nom", "s2.communes", "s2.epci", "s2.departement", "fiche.lieu")
# Words of public bodies' domains.
_DOMAIN_WORDS = frozenset("""mairie ville commune gouv agglo agglomeration communaute communes metropole territoires
    territoire departement region interieur developpement durable pays""".split())
MIN_WORD = 4  # shorter pieces ("fr", "cc", "ca") are one slip from too many others


def doubt_domain_slips(fields: dict[str, FieldValue]) -> None:
    """An address read by OCR whose domain holds a word one letter away from a word the
    fiche writes elsewhere, or from a public body's domain word ("mairic" for "mairie",
    "rivicre" for "riviere", "dcal" for "deal"): a slip in the one or the other, for a
    reviewer. An address a text layer gave is as typed."""
    words = set(_DOMAIN_WORDS)
    for field in _NAMING:
        value = fields.get(field)
        if value is not None and isinstance(value.value, str):
            words |= {w for w in _pieces(value.value) if len(w) >= MIN_WORD}
    for field in EMAIL_FIELDS:
        value = fields.get(field)
        if value is None or value.status is not FieldStatus.EXTRACTED or not isinstance(value.value, str) \
                or value.confidence >= 1.0 or "@" not in value.value:
            continue
        domain = value.value.rpartition("@")[2]
        if any(_slip_of(piece, words) for piece in _pieces(domain)):
            fields[field] = replace(value, status=FieldStatus.NEEDS_REVIEW)


def _pieces(text: str) -> list[str]:
    return [p for p in (norm(w) for w in re.split(r"[\s.@_'’-]+", text)) if p]


def _slip_of(piece: str, words: set[str]) -> bool:
    return len(piece) >= MIN_WORD and piece not in words and any(
        abs(len(w) - len(piece)) <= 1 and OSA.distance(piece, w) == 1 for w in words)
