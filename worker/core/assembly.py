"""Assembly across messages: a message bringing a missing piece of the same collectivité joins its dossier.

Threads (In-Reply-To, References, bare subject from a sender domain already in the dossier) are
joined at intake. A message that is not a reply, such as the préfecture sending its letter on
its own, can only be placed once it has been read: then its dossier and an open dossier of the
same collectivité that lacks one of its
pieces become one. The earlier dossier is kept; the later one is marked `merged` and points
to it, so that a re-delivered message and every link keep leading to the kept dossier.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from extractors.vocabulary import PIECES
from schemas.cog import Cog
from schemas.territoire import Entity, coherent, name_kind, resolve_entity
from schemas.values import fold
from worker.persistence.store import Store, naive_utc

log = logging.getLogger(__name__)

# Words that name no place: what is left of an EPCI's name without them is what letters write.
_GENERIC = re.compile(r"\b(?:communaute de communes|communaute d agglomeration|communaute urbaine|communaute|"
                      r"agglomeration|metropole|cc|ca|cu|commune|ville|de|du|des|d|la|le|les|l)\b")


@dataclass(frozen=True)
class Side:
    """What assembly needs to know of one dossier."""

    dossier_id: str
    kinds: frozenset[str]  # the pieces it holds
    porteuse: Entity | None  # the collectivité it speaks for, when the fiche or a letter names one
    porteuse_from_fiche: bool
    departement: str | None  # the préfecture's, from the préfet's letter
    prefet_text: str  # the préfet's letter, folded: it names the collectivité it supports
    first_seen: tuple


def assemble(dossier_id: str, *, store: Store, cog: Cog) -> str | None:
    """Join this freshly read dossier with the open dossier of its collectivité, if one lacks its pieces.

    Returns the kept dossier's id when a join happened (it must then be read again), else None.
    """
    this = side_of(store, dossier_id, cog)
    if this is None or not this.kinds:
        return None
    partners = [other for other in (side_of(store, i, cog) for i in store.assembly_candidates(dossier_id))
                if other and belong_together(this, other, cog)]
    if not partners:
        return None
    partner = min(partners, key=lambda p: p.first_seen)
    kept, joined = sorted((this, partner), key=lambda s: s.first_seen)
    reason = {"collectivite": (kept.porteuse or joined.porteuse).nom if (kept.porteuse or joined.porteuse) else None,
              "pieces": sorted(joined.kinds - kept.kinds)}
    if not store.merge_dossiers(joined.dossier_id, kept.dossier_id, reason):
        return None
    log.info("dossier %s joins %s (%s)", joined.dossier_id, kept.dossier_id, reason)
    return kept.dossier_id


def belong_together(a: Side, b: Side, cog: Cog) -> bool:
    """The later dossier brings a piece the earlier one lacks, for the same collectivité."""
    earlier, later = sorted((a, b), key=lambda s: s.first_seen)
    return bool(later.kinds - earlier.kinds) and same_collectivite(a, b, cog)


def same_collectivite(a: Side, b: Side, cog: Cog) -> bool:
    if a.porteuse and b.porteuse:
        if a.porteuse_from_fiche and b.porteuse_from_fiche:
            return (a.porteuse.kind, a.porteuse.code) == (b.porteuse.kind, b.porteuse.code)
        letter, porteuse = (b.porteuse, a.porteuse) if a.porteuse_from_fiche else (a.porteuse, b.porteuse)
        return coherent(letter, porteuse, cog)
    # One side has only the préfet's letter: it must name the other's collectivité, from its département.
    named, letter = (a, b) if a.porteuse else (b, a)
    if named.porteuse is None or not letter.prefet_text:
        return False
    if letter.departement and letter.departement not in named.porteuse.departements:
        return False
    return mentions(letter.prefet_text, named.porteuse)


def mentions(folded_text: str, entity: Entity) -> bool:
    """The letter names the collectivité ("la commune de Redon", "la communauté de communes de …").

    An EPCI is named by its distinctive words, on both sides: "CA Montargoise et Rives du Loing
    (AME)" is written "Communauté d'agglomération Montargoise et Rives du Loing" in letters."""
    key = fold(re.sub(r"\([^)]*\)", " ", entity.nom))  # an acronym in brackets is often left out
    if entity.kind == "epci":
        key, folded_text = _distinctive(key), _distinctive(folded_text)
    if len(key) < 3:
        return False
    return re.search(rf"(?<![a-z0-9]){_with_contractions(key)}(?![a-z0-9])", folded_text) is not None


# French contracts a name's leading article after "de" and "à": "la commune des Abrets en
# Dauphiné", "au Lorrain". Folded, "l'" is "l ".
_ARTICLE_FORMS = {"les": "(?:les|des|aux)", "le": "(?:le|du|au)", "la": "la", "l": "l"}


def _with_contractions(key: str) -> str:
    """The pattern of a folded name, its leading article also in its contracted forms."""
    article, _, rest = key.partition(" ")
    if article in _ARTICLE_FORMS and len(rest) >= 3:
        return rf"{_ARTICLE_FORMS[article]} {re.escape(rest)}"
    return re.escape(key)


def _distinctive(folded: str) -> str:
    return " ".join(_GENERIC.sub(" ", folded).split())


def side_of(store: Store, dossier_id: str, cog: Cog) -> Side | None:
    dossier = store.dossier(dossier_id)
    if dossier is None or dossier.status != "processed":
        return None
    kinds = frozenset(d.kind for d in store.documents(dossier_id) if d.kind in PIECES)
    values = {fid: row.value for fid, row in store.fields(dossier_id).items()}
    porteuse, from_fiche = _porteuse(values, cog)
    prefet_text = fold(store.document_text(dossier_id, "courrier_prefet")) if "courrier_prefet" in kinds else ""
    dates = [naive_utc(m.date or m.received_at) for m in store.messages(dossier_id)]
    first_seen = (min(dates) if dates else naive_utc(dossier.created_at), dossier_id)
    return Side(dossier_id, kinds, porteuse, from_fiche, _text(values.get("courrier_prefet.departement")) or None,
                prefet_text, first_seen)


def _porteuse(values: Mapping, cog: Cog) -> tuple[Entity | None, bool]:
    """The collectivité porteuse from the fiche, else the one whose letter the dossier holds."""
    departement = _text(values.get("s2.departement")) or _text(values.get("courrier_prefet.departement")) or None
    nom = _text(values.get("s1.collectivite.nom"))
    if nom:
        entity = resolve_entity(nom, cog, name_kind(nom, _text(values.get("s1.collectivite.type"))), departement)
        if entity:
            return entity, True
    letter = _text(values.get("courrier_collectivite.collectivite"))
    if letter:
        return resolve_entity(letter, cog, name_kind(letter), departement), False
    return None, False


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
