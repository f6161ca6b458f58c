"""A signer's title read unsure that names, letter for letter, the place another line of the
letter names: "Le Préfet de la Sarthe" in the block under "PRÉFET DE LA SARTHE" at the head,
"La Sous-préfète de Dieppe" and "Sous-préfecture de Dieppe", "Le Maire de Montélier" and
"Commune de Montélier". A signature's strokes over the title line make Tesseract doubt its words
(0.5 to 0.7) though it read them right; two lines read apart that agree exactly are no chance,
and the title, written in the one form a title has and nothing else on its lines, is sure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.fields.courrier_departement import departement_clues
from extractors.fields.courrier_entites import Clue
from extractors.fields.courrier_layout import LetterParts, Line
from extractors.fields.signataire import QUALITY_TRUSTED, Quality
from extractors.model import PieceKind
from extractors.text import normalise
from extractors.vocabulary import MAIRE, PREFET, PRESIDENT_EPCI, SOUS_PREFET

TITLE_CONFIRMED = 0.90  # a title naming the place another line names: as sure as two readings that agree
_OF = r"(?:de la |de l'|du |des |de |d')"
# The whole of a title's lines, normalised: an article, the title, its place; nothing else (no
# "pour", no delegation, no second title).
_FORMS = {
    PREFET: re.compile(r"^(?:le |la )?prefete? (?:de la region [^,]+, ?(?:le |la )?prefete? )?"
                       r"(?P<of>" + _OF + r")(?P<place>[^,;:]+?)[ .,]*$"),
    # "Pour le préfet et par délégation, la sous-préfète de Brest": the délégation is the préfet's
    SOUS_PREFET: re.compile(r"^(?:(?:pour|p/) ?(?:le |la )prefete?,? (?:et )?par delegation, )?"
                            r"(?:le |la )?sous-prefete? (?:de l'arrondissement )?"
                            r"(?P<of>" + _OF + r")(?P<place>[^,;:]+?)[ .,]*$"),
    MAIRE: re.compile(r"^(?:le |la )?maire (?P<of>" + _OF + r")(?P<place>[^,;:]+?)[ .,]*$"),
    PRESIDENT_EPCI: re.compile(r"^(?:le |la )?presidente? (?P<of>" + _OF + r")(?P<place>[^,;:]+?)[ .,]*$"),
}
_ARTICLE = re.compile(r"^(?:le |la |les |l')")
# How a letterhead designates a commune before its name ("Commune de", "Ville du", "Mairie d'")
_COMMUNE_HEAD = re.compile(r"^(?:commune|ville|mairie|hotel de ville) " + _OF)


def title_confirmed(quality: Quality | None, parts: LetterParts, block: list[Line], kind: PieceKind,
                    collectivite: Clue | None) -> Quality | None:
    """The quality, sure, when its lines (in the signatory block) are one title in its form whose
    place another line of the letter names exactly: for a préfet, the bloc-marque's or the
    heading's département; for a sous-préfet, a sous-préfecture's or the date line's town; for a
    maire or a président, the collectivité the letterhead names. Else the quality as it was."""
    if quality is None or quality.confidence >= QUALITY_TRUSTED or quality.slug not in _FORMS \
            or not quality.lines or not all(any(line is own for own in block) for line in quality.lines):
        return quality
    match = _FORMS[quality.slug].match(normalise(" ".join(line.text for line in quality.lines)).strip())
    if match is None:
        return quality
    place = title_place(match.group("place"))
    if len(place) < 3 or place not in _places_elsewhere(quality, parts, kind, collectivite):
        return quality
    return replace(quality, confidence=max(quality.confidence, TITLE_CONFIRMED))


def unread_place(place: str) -> bool:
    """A title's place that the signature's strokes left no word of ("La Préfète de LL La)"):
    marks and letters by twos, not a place read wrong."""
    return not re.search(r"[a-z]{3,}", place)


def places_apart(quality: Quality, clues: list[Clue], key: str) -> set[str]:
    """The places (`key`: "departement" or "commune") of the clues read on lines other than the title's."""
    return {title_place(str(clue.value[key])) for clue in clues
            if _apart(quality, clue) and isinstance(clue.value, dict) and clue.value.get(key)}


def _apart(quality: Quality, clue: Clue) -> bool:
    own = {id(line) for line in quality.lines}
    return bool(clue.lines) and not any(id(line) in own for line in clue.lines)


def title_place(text: str) -> str:
    """A place's name for comparison: normalised, without its article or its edges' marks, an
    EPCI's kind spelt out ("CC du Sud Corse": "communaute de communes du sud corse")."""
    place = _ARTICLE.sub("", normalise(text).strip(" .,;:-"))
    kind = _EPCI_KIND.match(place)
    return _EPCI_KINDS[kind.group(1)] + place[kind.end():] if kind else place


_EPCI_KINDS = {"cc": "communaute de communes", "ca": "communaute d'agglomeration", "cu": "communaute urbaine"}
_EPCI_KIND = re.compile(r"^(cc|ca|cu)\b")


def _places_elsewhere(quality: Quality, parts: LetterParts, kind: PieceKind, collectivite: Clue | None) -> set[str]:
    """The places the letter names on lines other than the title's."""
    if kind is PieceKind.COURRIER_PREFET:
        # a préfet's title names a département, a sous-préfet's a town: "Le Préfet de Dieppe" (a
        # sous-préfète's title, its "Sous-" lost) is confirmed by no town
        return places_apart(quality, departement_clues(parts), "departement" if quality.slug == PREFET else "commune")
    if collectivite is None or not isinstance(collectivite.value, str) or not _apart(quality, collectivite):
        return set()
    name = normalise(collectivite.value).strip()
    return {title_place(_COMMUNE_HEAD.sub("", name)), title_place(name)}
