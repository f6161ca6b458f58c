"""A préfet's title whose place is no préfet's: the "Sous-" of "La Sous-préfète de Sartène" hidden
by a stamp or the signature's strokes leaves "préfète de Sartène", a title read whole and surely
that names a town, or an arrondissement ("[Le Sous-]préfet de l'arrondissement de Nyons", "[Le
Sous-]préfet d'arrondissement"). A préfet is the préfet of a département: a title naming an
arrondissement is a sous-préfet's; one naming a place that the letter's head does not name as
its département, or names as a town, may be either, and a reviewer looks; so may a bare
"[Sous-]préfet," under a letterhead that names the sous-préfecture writing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from extractors.fields.courrier_departement import departement_clues
from extractors.fields.courrier_entites import letterhead
from extractors.fields.courrier_layout import LetterParts, Line
from extractors.fields.signataire import Quality, roles_in
from extractors.fields.signataire_title import places_apart, title_place, unread_place
from extractors.vocabulary import PREFET, SOUS_PREFET

NO_PREFET_PLACE = 0.6  # under the quality's review threshold (signataire.QUALITY_TRUSTED)
_OF = re.compile(r"^\s*,?\s*(?P<of>de la |de l'|du |des |de |d')(?P<place>[^,;:]+)")
_SOUS_PREFECTURE = re.compile(r"\bsous-? ?prefecture\b")
_ARRONDISSEMENT = re.compile(r"^(?:l')?arrondissement\b")
SAME_PLACE = 80  # rapidfuzz ratio: a département read with a slip ("sarhte") is the same; "sartene" (77) is not


def prefet_place_doubted(quality: Quality | None, parts: LetterParts) -> Quality | None:
    """The préfet's quality, for a reviewer when its title names an arrondissement (then as a
    sous-préfet's) or a place that is not the département the letter's head names (as a sous-préfet's
    when the head names it as a town: a sous-préfecture, the date line's town); else as it was."""
    if quality is None or quality.slug != PREFET or not quality.lines:
        return quality
    place = _prefet_place(" ".join(line.norm for line in quality.lines))
    doubted = min(quality.confidence, NO_PREFET_PLACE)
    if place is not None and unread_place(place) and _sender_a_prefet(parts, quality):
        place = None  # "La Préfète de LL La)": the strokes took the place; the heading says préfète
    if place is None:  # "[Le Sous-]préfet," under a letterhead naming the sous-préfecture that writes
        head = letterhead(parts)
        written = any(_SOUS_PREFECTURE.search(line.norm) for line in head if line not in quality.lines)
        return replace(quality, slug=SOUS_PREFET, confidence=doubted) if written else quality
    if _ARRONDISSEMENT.match(place):
        return replace(quality, slug=SOUS_PREFET, confidence=doubted)
    place = title_place(place)
    clues = departement_clues(parts)
    departements = places_apart(quality, clues, "departement")
    towns = places_apart(quality, clues, "commune")
    if any(_same(place, d) for d in departements):
        return quality
    if any(_same(place, t) for t in towns):
        return replace(quality, slug=SOUS_PREFET, confidence=doubted)
    return replace(quality, confidence=doubted) if departements else quality


def _sender_a_prefet(parts: LetterParts, quality: Quality) -> bool:
    """The sender's title over "à …" is a préfet's own ("La préfète de La Réunion"), no sous-préfet's."""
    if parts.sender_title is None or any(parts.lines[parts.sender_title] is line for line in quality.lines):
        return False
    roles = roles_in(parts.lines[parts.sender_title].norm)
    return bool(roles) and all(role == "prefet" and not delegated for _, role, delegated in roles)


def _prefet_place(norm: str) -> str | None:
    """The place the last préfet's title of `norm` names ("prefete de sartene": "sartene"); a
    regional préfet's title names its région first, its département after the second "préfet"."""
    own = [pos for pos, role, delegated in roles_in(norm) if role == "prefet" and not delegated]
    if not own:
        return None
    title = re.match(r"prefete?", norm[own[-1]:])
    match = _OF.match(norm[own[-1] + (title.end() if title else 0):])
    if match is None or match.group("place").startswith("region "):
        return None
    return match.group("place").strip()


def _same(a: str, b: str) -> bool:
    # "herault 4 j": a stroke's letters after the place, read on its line
    return a == b or a.startswith(b + " ") or min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= SAME_PLACE


def headless_prefet(parts: LetterParts, block: list[Line]) -> Quality | None:
    """A préfet's title whose head a stamp or the strokes took ("[Pr]éfète de l'Hérault" read
    "réfète de l'Hérat", "téfète 4 te de l'Hérault"), in a block where no title was read: the
    préfet's, when the place after it is the département the letter's head names. The head of a
    "[Sous-pr]éfet de Châteaulin" is lost alike, and its place is a town: nothing is said then."""
    clues = departement_clues(parts)
    for line in block:
        match = _HEADLESS.match(line.norm)
        if match is None:
            continue
        quality = Quality(PREFET, round(min(line.conf, HEADLESS_TITLE), 3), (line,))
        place = title_place(match.group("place"))
        if any(_same(place, d) for d in places_apart(quality, clues, "departement")):
            return quality
    return None


# a title's tail, its first letters lost ("éfète", "réfet", "téfète"), at the line's head, a
# stroke's letter or two before its place ("4 te")
_HEADLESS = re.compile(r"^(?:l[ae] )?(?!prefet)[a-z]{0,2}efete?[ ,.]+(?:[^\s]{1,2} ){0,2}"
                       r"(?:de la |de l'|du |des |de |d')(?P<place>[^,;:]+)")
HEADLESS_TITLE = 0.85  # a title mended: as sure as any other mended title (signataire.quality_of)
