"""The signatory block read again on its dark ink (a stamp or a light signature over it, the
signature's strokes over the name): the title and name the page's reading lacked or read unsure,
and the checks of a sure name against what the ink hides of it."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from extractors.fields import courrier_entites as entites
from extractors.fields.courrier_layout import AFTER_SIGNATURE, Line
from extractors.fields.courrier_zone import SignatureZone, overlaps
from extractors.fields.given_names import COMMON, fold, spellings
from extractors.fields.signataire import (
    QUALITY_TRUSTED,
    Name,
    Quality,
    name_of,
    name_words,
    quality_of,
    repaired_titles,
    roles_in,
    same_person,
    words_of_name,
)
from extractors.model import BBox, FieldStatus, FieldValue, PieceKind, Word
from extractors.signature import SignatureCheck
from extractors.text import normalise
from extractors.vocabulary import AUTRE

if TYPE_CHECKING:
    from extractors.fields.courrier import LetterReading


def reread_block(reading: LetterReading, check: SignatureCheck, out: dict[str, FieldValue],
                  kind: PieceKind) -> dict[str, FieldValue]:
    """The signatory's quality and name from the block read again on its dark ink (a stamp or a
    light signature over it), where the page's reading lacks them. A name so found is sure only
    when what the page's OCR read of it is part of it ("M. Franck" of "M. Franck Marchal")."""
    lines = _block_after_closing(check, reading)
    if not lines:
        return {}
    found: dict[str, FieldValue] = {}
    source = reading.fields.get("signataire_nom", FieldValue.missing()).source or (
        out[f"{kind.value}.signe"].source)
    page_quality = out[f"{kind.value}.signataire_qualite"]
    # a title read surely but doubted (a head's over a delegation: courrier._head_by_delegation) is
    # not confirmed by reading it again
    if page_quality.status is FieldStatus.MISSING \
            or page_quality.status is FieldStatus.EXTRACTED and page_quality.confidence < QUALITY_TRUSTED:
        collectivite = reading.fields.get("collectivite")
        quality = quality_of(lines, kind.value, entites.is_epci_name(collectivite.value if collectivite else None))
        # a title the page's OCR read unsure ("Préfète." under a stamp) is confirmed by the same
        # title read again on dark ink; another title read there leaves it to a reviewer
        if quality and (page_quality.status is FieldStatus.MISSING or quality.slug == page_quality.value
                        or _untitled_delegate(page_quality, quality)):
            confidence = max(page_quality.confidence, round(min(quality.confidence, 0.85), 3))
            found["signataire_qualite"] = FieldValue(quality.slug, confidence, page_quality.source or source,
                                                     FieldStatus.EXTRACTED)
        elif quality is None and page_quality.status is FieldStatus.MISSING \
                and (guessed := _title_guessed(lines, reading, kind, collectivite)) is not None:
            # a title word a signature's stroke still mars on dark ink ("adjojnt"): a guess, for a reviewer
            found["signataire_qualite"] = FieldValue(guessed.slug, min(guessed.confidence, GUESSED_TITLE), source,
                                                     FieldStatus.NEEDS_REVIEW)
    name = out[f"{kind.value}.signataire_nom"]
    if name.status is not FieldStatus.EXTRACTED or name.confidence < NAME_TRUSTED:
        again = name_of(lines, reading.places)
        if again and again.sure and again.confidence >= 0.85:
            read = str(name.value or "")
            # "La Anne Raffin": the article of "La Maire" lost beside the name is no part of it
            words = [w for w in name_words(read) if w not in _PARTICLES]
            # "Françoise RBARTHÉLEMY": a stroke read as a letter at a word's edge, the word read again without it
            words = [_without_stray_edge(w, name_words(again.text)) for w in words]
            agrees = bool(words) and set(words) <= set(name_words(again.text)) and any(len(w) >= 3 for w in words) \
                and (name.confidence > UNREADABLE or set(name_words(again.text)) <= set(words)
                     or words_of_name(read, again.text)) and not _given_only(words, again.text) \
                and not _uncommon_given(words, again.text) or _pieces_agree(words, name_words(again.text))
            status = FieldStatus.EXTRACTED if agrees else FieldStatus.NEEDS_REVIEW
            found["signataire_nom"] = FieldValue(again.text, 0.85 if agrees else 0.5, source, status)
        elif (echo := _echoed_name(lines, reading)) is not None and not same_person(str(name.value or ""), echo.text):
            # a stroke read as a second name beside it: the name holding a word the page read
            # too ("BARTHÉLEMY Jérôme" where the page read "Jérôme") is the better reading, for a reviewer
            found["signataire_nom"] = FieldValue(echo.text, 0.5, source, FieldStatus.NEEDS_REVIEW)
    return found


def _pieces_agree(page: list[str], again: list[str]) -> bool:
    """The page's reading of a name the strokes cut holds every word read again on dark ink, whole
    or as a piece of it ("ASANOVA" of "CASANOVA", "AULT" of "THIBAULT": its other end under the ink),
    and one word of four letters or more whole: two readings agree on each word. A piece is its
    word's start or end, half its letters at least, else it is no reading of it ("LO" of "LOUIS");
    a word of one or two letters the page read is a stroke's ("Ve") or a cut piece, and says nothing."""
    seen = [w for w in page if len(w) >= 3 and w not in _PARTICLES]
    named = [w for w in again if w not in _PARTICLES]

    def piece_of(piece: str, word: str) -> bool:
        return piece == word or 2 * len(piece) >= len(word) and (word.startswith(piece) or word.endswith(piece))

    return bool(named) and any(len(w) >= 4 and w in named for w in seen) \
        and all(any(piece_of(w, a) for a in named) for w in seen) \
        and all(any(piece_of(w, a) for w in seen) for a in named)


def _title_guessed(lines: list[Line], reading: LetterReading, kind: PieceKind,
                   collectivite: FieldValue | None) -> Quality | None:
    """The quality of the block read again with its title words matched loosely: a word close
    to one ("Présidehte", "adjojnt", a stroke read as a letter in it) read as that title."""
    from rapidfuzz import fuzz

    def mended(match: re.Match) -> str:
        word = match.group(0)
        if len(word) < 6 or word.startswith(("prese", "prefec", "presidence")):  # "présente" is no title
            return word
        best = max(_LOOSE_TITLES, key=lambda title: fuzz.ratio(word, title))
        return best if fuzz.ratio(word, best) >= LOOSE_RATIO and word[:4] == best[:4] else word

    again = [_text_line(re.sub(r"[a-z]+", mended, line.norm), reading, row) for row, line in enumerate(lines)]
    if [line.norm for line in again] == [line.norm for line in lines]:
        return None
    return quality_of(again, kind.value, entites.is_epci_name(collectivite.value if collectivite else None))


_LOOSE_TITLES = ("adjoint", "adjointe", "president", "presidente", "prefet", "prefete")
LOOSE_RATIO = 80
GUESSED_TITLE = 0.5  # a title guessed from a marred word: below the review threshold


def _given_only(words: list[str], again: str) -> bool:
    """The page's words of the name are only its given name ("Laurent" of "Laurent WDAL"): the
    surname read again on dark ink, where a stroke crossed it, has no second reading."""
    tokens = [t for t in re.findall(r"[^\s\-]+", again) if not _CIVILITY_WORD.match(t)]
    if any(len(t) >= 2 and t.isupper() for t in tokens):  # "Laurent VIDAL", "VIDAL Laurent"
        surname = {w for t in tokens if t.isupper() for w in name_words(t)}
    else:  # "Dominique Salmon": all but the first
        surname = {w for t in tokens[1:] for w in name_words(t)}
    return bool(surname) and not surname & set(words)


def _uncommon_given(words: list[str], again: str) -> bool:
    """A word the block's second reading adds beside the surname the page read that is no common
    given name ("JACQUEMIN Régis Din": a stroke's pieces read as a word): no second reading vouches for it."""
    added = [t for t in re.findall(r"[^\W\d_]+", again) if not t.isupper() and not _CIVILITY_WORD.match(t)
             and t.casefold() not in _PARTICLES
             and not set(name_words(t)) & set(words)]
    return any(min(spellings().get(fold(t), {}).values(), default=COMMON + 1) > COMMON for t in added)


_CIVILITY_WORD = re.compile(r"^(?:m|mr|mme|mlle|monsieur|madame|dr)\.?$", re.I)


def _without_stray_edge(word: str, again: list[str]) -> str:
    """`word` without its first or last letter when that leaves a word (of five letters or more)
    of the name read again; else `word`."""
    for other in again:
        if len(other) >= 5 and len(word) == len(other) + 1 and other in (word[1:], word[:-1]):
            return other
    return word


def _echoed_name(lines: list[Line], reading: LetterReading) -> Name | None:
    """The one name-shaped line of the block read again that holds a word of four letters or
    more the page's own reading of the signatory area also read, whole."""
    zone = reading.zone
    if zone is None:
        return None
    page = {w for word in reading.pages[zone.page].words if overlaps(word.bbox, zone.bbox)
            for w in name_words(word.text) if len(w) >= 4}
    named = [found for line in lines if (found := name_of([line])) is not None and found.sure
             and found.confidence >= 0.85 and any(w in page for w in name_words(found.text) if len(w) >= 4)]
    return named[0] if len(named) == 1 else None


def _untitled_delegate(page: FieldValue, again: Quality) -> bool:
    """The page's block read only "[pour le] préfet et par délégation" (an unsure `autre`: someone
    signs for the préfet, their own title lost under the signature), and the block read again
    gives the signer's own title before that same delegation ("Le Sous-préfet, pour le préfet…")."""
    if page.value != AUTRE or page.confidence >= QUALITY_TRUSTED or again.slug == AUTRE:
        return False
    text = " ".join(repaired_titles(line.norm) for line in again.lines)  # "Le Sous-prétet,"
    roles = roles_in(text)
    own = [pos for pos, _, delegated in roles if not delegated]
    # the delegating title may be lost too ("Le Sous-préfet, Du et par délégation"): the delegation is said
    return bool(own) and (any(delegated for _, _, delegated in roles) or bool(_BY_DELEGATION.search(text[own[0]:])))


_BY_DELEGATION = re.compile(r"\bpar (?:delegation|empechement|suppleance|interim)\b")


def ink_over_name(zone: SignatureZone | None, ink: BBox | None) -> bool:
    """Whether the signature's ink lies over the signatory's name line (upright points)."""
    box = zone.name_box if zone else None
    return bool(box and ink and overlaps(box, ink))


def name_read_again(name: FieldValue, check: SignatureCheck) -> FieldValue:
    """A sure name under the signature's strokes, against the block read again on dark ink (the
    strokes lighter or coloured gone): another name there ("Solène PERROT" for "Solène PER",
    "Solène Perrot" for "Mié Solène Perrot") leaves it to a reviewer, with the longer reading
    when the page's words are its words cut short; no name read again says nothing."""
    if name.status is not FieldStatus.EXTRACTED or not isinstance(name.value, str) or not check.block_text:
        return name
    again = name_of(_block_after_closing(check, None))
    if again is None or not again.sure:
        return name
    read, other = name_words(name.value), name_words(again.text)
    extra = [w for w in other if w not in read]
    if sorted(read) == sorted(other) or set(read) <= set(other) and all(len(w) <= 2 for w in extra):
        return name  # alike, or a stroke read as a tiny word beside it on dark ink ("On Marie Bonnot")
    # the page's words cut short by the strokes, word for word ("POIRI" | "POIRIER", "Sophie" | "Anne-Sophie")
    cut = bool(read) and len(name.value.split()) == len(again.text.split()) \
        and all(any(o.startswith(w) or o.endswith(w) for o in other) for w in read)
    return replace(name, value=again.text if cut else name.value, confidence=min(name.confidence, 0.6),
                   status=FieldStatus.NEEDS_REVIEW)


def capitals_under_ink(name: FieldValue, signe: FieldValue) -> FieldValue:
    """A scanned name all in capitals, under the signature's strokes, is for a reviewer: what
    the strokes cut of a "Prénom NOM" reads as two capital fragments ("PER BROT" for "Solène
    PERROT"), its first name lost, as name-shaped as a name."""
    if name.status is not FieldStatus.EXTRACTED or signe.value is not True or not isinstance(name.value, str) \
            or not name.source or not signe.source or name.source.page != signe.source.page \
            or not name.source.bbox or not signe.source.bbox or re.search(r"[a-zà-ÿ]", name.value):
        return name
    if overlaps(name.source.bbox, signe.source.bbox):
        return replace(name, status=FieldStatus.NEEDS_REVIEW)
    return name


UNREADABLE = 0.3  # a block's last line read as no name ("À Huet"): a word of it agreeing adds no second reading
NAME_TRUSTED = 0.80  # a signatory's name read with less is for a reviewer (schemas.normalise's identity threshold)
_PARTICLES = {"le", "la", "les", "de", "du", "des"}
_CLOSING_WORDS = re.compile(r"je vous prie|veuillez|l'expression|l'assurance|salutations|consideration|distingue")


def _block_after_closing(check: SignatureCheck, reading: LetterReading | None) -> list[Line]:
    """The lines of the block read again on dark ink, after the closing formula when it shows."""
    lines = [_text_line(text, reading, row) for row, text in enumerate(t for t in check.block_text if t.strip())]
    closing = max((i for i, line in enumerate(lines) if _CLOSING_WORDS.search(line.norm)), default=-1)
    end = next((i for i in range(closing + 1, len(lines)) if AFTER_SIGNATURE.match(lines[i].norm)), len(lines))
    return lines[closing + 1:end]  # "Copie : Monsieur le Sous-préfet" is no title of the signer's


def _text_line(text: str, reading: LetterReading | None, row: int = 0) -> Line:
    """A line of the re-read block, as the letter's rules read lines (no boxes: one word per token,
    each line a row of its own, so that "On" over "Marie Bonnot" is not joined to it as one row)."""
    words = tuple(Word(token, (0.0, 20.0 * row, 1.0, 20.0 * row + 1.0), 0.9, row) for token in text.split())
    return Line(words, reading.zone.page if reading and reading.zone else 0, text, normalise(text))
