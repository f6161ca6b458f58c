"""Support letters (courriers de soutien): signatory, quality, collectivité, département, date, addressee.

Each letter is read by the structure of a French administrative letter (letterhead,
addressee block, "Objet :", closing formula, signatory block); when several letters of a
kind arrive, the one the domain page names is chosen (the porteuse's, the préfet's).
Whether a letter is signed is decided on its page image (extractors.signature) by the
worker, and handed in here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from extractors.fields import courrier_entites as entites
from extractors.fields.courrier_blockpage import block_page
from extractors.fields.courrier_dates import DATE, written_date
from extractors.fields.courrier_departement import departement_clues
from extractors.fields.courrier_destinataire import destinataire_dgaln
from extractors.fields.courrier_layout import (
    BOXES,
    LetterParts,
    Line,
    letter_lines,
    letter_parts,
    source_of,
)
from extractors.fields.courrier_reread import (
    NAME_TRUSTED,
    capitals_under_ink,
    ink_over_name,
    name_read_again,
    reread_block,
)
from extractors.fields.courrier_zone import SignatureZone, signature_zone
from extractors.fields.signataire import (
    QUALITY_TRUSTED,
    UNDER_STROKES,
    Name,
    Quality,
    body_name,
    body_quality,
    name_of,
    place_words,
    quality_of,
    repaired_titles,
    roles_in,
    same_person,
)
from extractors.fields.signataire_elu import (
    checked_against_elu,
    completed_by_elu,
    confirmed_by_elu,
    echoed_in_block,
    named_in_block,
)
from extractors.fields.signataire_place import headless_prefet, prefet_place_doubted
from extractors.fields.signataire_shape import cut_by_ink, one_spelling
from extractors.fields.signataire_stamp import stamp_centre_aside
from extractors.fields.signataire_title import title_confirmed
from extractors.fields.signataire_voice import delegation_in, voice_quality
from extractors.model import FieldStatus, FieldValue, PageText, PieceKind, Source
from extractors.signature import SignatureCheck
from extractors.text import normalise
from extractors.vocabulary import AUTRE, LETTER_FIELDS, MAIRE, PREFET, PRESIDENT_EPCI, SOUS_PREFET

log = logging.getLogger(__name__)

_GENERIC = re.compile(r"\b(commune|ville|mairie|hotel de ville|communaute de communes|communaute d'agglomeration|"
                      r"communaute urbaine|communaute|cte|c|communes|agglomeration|cc|ca|cu|de|du|des|d|la|le|les|l)\b")


@dataclass(frozen=True)
class LetterReading:
    """One letter read: its raw field values (without `signe`) and where its signature should be."""

    kind: PieceKind
    file: str
    pages: tuple[PageText, ...]
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    zone: SignatureZone | None = None
    ended: bool = True  # its closing formula was read: the signatory block is where the zone says
    places: frozenset[str] = frozenset()  # words of the places it speaks for (`signataire.place_words`)
    block_titled: bool = True  # its quality read in the signatory block, not the head (`_quality_in_block`)


def is_letter(kind: PieceKind) -> bool:
    """Whether pieces of this kind are support letters."""
    return kind in LETTER_FIELDS


def read_letter(kind: PieceKind, file: str, pages: tuple[PageText, ...]) -> LetterReading:
    """Raw values of one letter's fields (names as written, dates as written, clues for the département)."""
    lines = letter_lines(pages)
    if not lines:
        return LetterReading(kind, file, pages)
    parts = letter_parts(lines)
    coll = entites.collectivite_of(parts, pages[lines[0].page].ocr) if kind is PieceKind.COURRIER_COLLECTIVITE \
        else None
    block = block_page(parts) or [parts.lines[i] for i in parts.signatory]  # a page of the block alone
    values: dict[str, FieldValue] = {}
    quality = title_confirmed(_quality(parts, block, kind, coll.value if coll else None), parts, block, kind, coll)
    quality = _no_surer_than_collectivite(quality, parts, block, kind, coll)
    placed = prefet_place_doubted(quality, parts) if kind is PieceKind.COURRIER_PREFET else quality
    if quality:
        # the quality's confidence is already its title words' reading (signataire.quality_of)
        values["signataire_qualite"] = _value(placed.slug, placed.confidence, file, pages, placed.lines, read=True)
        # a reviewer's question, not a reading to confirm again (a title's place no préfet's: signataire_place)
        if _head_by_delegation(quality, block) or placed is not quality:
            values["signataire_qualite"] = replace(values["signataire_qualite"], status=FieldStatus.NEEDS_REVIEW)
    places = _places(parts, kind, coll)
    name = _signatory_name(parts, block, file, pages, places)
    if name:
        values["signataire_nom"] = name
    values.update(_date(parts, file, pages))
    if coll:
        values["collectivite"] = _value(coll.value, coll.confidence, file, pages, coll.lines)
    if kind is PieceKind.COURRIER_PREFET:
        values.update(_prefet_values(parts, file, pages))
    zone = signature_zone(parts, pages)
    return LetterReading(kind, file, pages, values, zone, parts.closing is not None, places,
                         _quality_in_block(quality, parts, block))


def _quality_in_block(quality: Quality | None, parts: LetterParts, block: list[Line]) -> bool:
    """The quality was read in a signatory block: on a line of the block or below the closing
    formula, never in the letter's head ("La Sous-préfète" over "à Madame …" on a first photo
    that ends on its closing, its block photographed apart)."""
    below = parts.lines[parts.closing + 1:] if parts.closing is not None else ()
    return quality is not None and any(any(line is mine for mine in (*block, *below)) for line in quality.lines)


def _places(parts: LetterParts, kind: PieceKind, coll: entites.Clue | None) -> frozenset[str]:
    """The words of the places the letter speaks for: its collectivité, a préfet's département or
    sous-préfecture (`signataire.place_words`)."""
    if kind is PieceKind.COURRIER_PREFET:
        return place_words(v for clue in departement_clues(parts) for v in clue.value.values())
    return place_words([coll.value] if coll else [])


def _signatory_name(parts: LetterParts, block: list, file: str, pages: tuple[PageText, ...],
                    places: frozenset[str] = frozenset()) -> FieldValue | None:
    """The name under the signature, checked against the one the body gives ("Je soussignée
    Marie Duval, …"): two readings that disagree are for a reviewer; without a name-shaped
    line in the block (strokes read as letters), the body's name stands. `places`: as `name_of`'s."""
    name = name_of(block, places)
    body = body_name([line for i, line in enumerate(parts.lines) if i not in parts.signatory])
    if name and not name.sure and body:
        name = None  # strokes over the name: the body says who signs
    if name and (not name.sure or body and not same_person(name.text, body.text)):
        value = _value(name.text, name.confidence, file, pages, [name.line])
        return replace(value, status=FieldStatus.NEEDS_REVIEW)
    chosen: Name | None = name or body
    if chosen is None:
        return None
    if name and body and (spelt := one_spelling(name.text, body.text)) != name.text:
        if spelt is None:  # a letter differs ("Rouxtl" | "ROUXEL"): one reading is wrong, which is unsaid
            return replace(_value(body.text, 0.5, file, pages, [name.line]), status=FieldStatus.NEEDS_REVIEW)
        chosen = replace(name, text=spelt)  # accents only: the accented reading
    confidence = max(chosen.confidence, body.confidence) if name and body else chosen.confidence
    if chosen is name and _boxed(name.line, pages):
        confidence = min(confidence, UNDER_STROKES)
    return _value(chosen.text, confidence, file, pages, [chosen.line])


def _boxed(line: Line, pages: tuple[PageText, ...]) -> bool:
    """A box OCR read on the name's row and the layout dropped ("☒ SILVA Cédric" for "DA SILVA
    Cédric": the signature's ink blackened a word): the name read without it may lack a word."""
    rows = {w.line for w in line.words}
    return any(w.text in BOXES and w.line in rows for w in pages[line.page].words)


def _quality(parts: LetterParts, block: list, kind: PieceKind, collectivite: str | None) -> Quality | None:
    """The signatory block's quality; else the body's "Je soussignée …, maire de …"; else the
    sender's title above "à Monsieur …", less trusted. A block's title read unsure (a stamp
    over it) that the body or the sender's title names alike is as sure as they are."""
    epci = entites.is_epci_name(collectivite)
    quality = quality_of(stamp_centre_aside(block), kind.value, epci) \
        or (headless_prefet(parts, block) if kind is PieceKind.COURRIER_PREFET else None)
    delegated_head = _head_by_delegation(quality, block)
    if quality is not None and quality.confidence >= QUALITY_TRUSTED and not delegated_head:
        return quality
    body, sender = _qualities_beyond_block(parts, kind, epci)
    if body is None:
        # the body's writer stating their title in the first person ("en ma qualité de maire")
        body = _unless_delegated(voice_quality([line for i, line in enumerate(parts.lines)
                                                if i not in parts.signatory], kind.value, epci), block)
    if quality is None:  # the heading's writer signs, unless the block shows a delegation
        return body or _unless_titled(_unless_delegated(sender, block), block, parts)
    if delegated_head:
        # a head never signs for another: the title read is the delegating one, its "pour le"
        # misread ("pour 7 et par délégation" under "préfet,"), or the delegate's, its head lost
        # under a stamp ("[Le sous-]préfet,"): the letter's head or body naming a sous-préfet
        # says who signs; else for a reviewer, with what was read
        stand_in = next((q for q in (body, sender) if q is not None and q.slug == SOUS_PREFET), None)
        return stand_in or replace(quality, confidence=min(quality.confidence, DELEGATED_HEAD))
    if kind is PieceKind.COURRIER_PREFET and _for_the_prefet_only(quality):
        # "La [Sous-préfète] / pour le préfet": the signer's own title lost under the strokes;
        # the letter's head ("La Sous-préfète" over "à Madame …") or body says who signs for him
        stand_in = next((q for q in (body, sender) if q is not None and q.slug == SOUS_PREFET), None)
        if stand_in is not None:
            return stand_in
    same = [q.confidence for q in (body, sender) if q is not None and q.slug == quality.slug]
    return replace(quality, confidence=max([quality.confidence] + same))


def _no_surer_than_collectivite(quality: Quality | None, parts: LetterParts, block: list, kind: PieceKind,
                                coll: entites.Clue | None) -> Quality | None:
    """A président's title is `autre` only because the letter's collectivité does not read as an
    EPCI ("Président de Loire Forez [Agglomération]", a stroke over its last word): the title is
    then no surer than that reading."""
    if quality is None or quality.slug != AUTRE or coll is None or coll.confidence >= QUALITY_TRUSTED:
        return quality
    unknown = _quality(parts, block, kind, None)  # the title alone, whoever the collectivité
    if unknown is not None and unknown.slug == PRESIDENT_EPCI:
        return replace(quality, confidence=round(min(quality.confidence, coll.confidence), 3))
    return quality


def _head_by_delegation(quality: Quality | None, block: list[Line]) -> bool:
    """A head's own title ("préfet", "maire", "président") in a block that shows a signature by delegation."""
    return quality is not None and quality.slug in (PREFET, MAIRE, PRESIDENT_EPCI) and delegation_in(block)


DELEGATED_HEAD = 0.6  # under QUALITY_TRUSTED: a head's title over a delegation is doubted


def _unless_delegated(quality: Quality | None, block: list[Line]) -> Quality | None:
    """A title the heading or the body gives the letter's writer, unless the block shows a
    signature by delegation ("pour …", "par délégation"): the letter is then another's, written
    in the voice of the préfet or the maire it is signed for; a sous-préfet is the delegate."""
    return quality if quality is None or quality.slug == SOUS_PREFET or not delegation_in(block) else None


def _unless_titled(quality: Quality | None, block: list[Line], parts: LetterParts) -> Quality | None:
    """The heading's title ("Le préfet de … à Madame …") for a block with a line of words that is
    neither the name nor the date: its signer's own title, unread ("La precis dpalèane des
    terrifoires"), may be another's (a directeur départemental signs under the préfet's heading).
    For a reviewer, with what the heading says; a sous-préfet's heading is the delegate's own
    (as in `_unless_delegated`)."""
    if quality is None or quality.slug == SOUS_PREFET:
        return quality
    name = name_of(block)
    date = parts.lines[parts.date_line] if parts.date_line is not None else None
    unread = [line for line in block if line is not date and not (name and line is name.line)
              and len(_WORDS.findall(line.text)) >= 2]
    return replace(quality, confidence=min(quality.confidence, UNREAD_TITLE)) if unread else quality


_WORDS = re.compile(r"[^\W\d_]{3,}")
UNREAD_TITLE = 0.6  # below the quality's review threshold (QUALITY_TRUSTED)


def _qualities_beyond_block(parts: LetterParts, kind: PieceKind, epci: bool | None) -> tuple[Quality | None, ...]:
    """The body's "Je soussignée …, maire de …" and the sender's title above "à Monsieur …"."""
    body = body_quality([line for i, line in enumerate(parts.lines) if i not in parts.signatory], kind.value, epci)
    sender = quality_of([parts.lines[parts.sender_title]], kind.value, None) \
        if parts.sender_title is not None else None
    return body, replace(sender, confidence=min(sender.confidence, 0.75)) if sender else None


def head_quality(reading: LetterReading) -> FieldValue | None:
    """The quality a letter's head or body gives its writer, apart from any signatory block:
    for a letter whose block is on a page photographed or scanned apart."""
    parts = _parts_of(reading)
    if parts is None:
        return None
    collectivite = reading.fields.get("collectivite")
    body, sender = _qualities_beyond_block(parts, reading.kind,
                                           entites.is_epci_name(collectivite.value if collectivite else None))
    return _quality_value(reading, body or sender)


def requalified(reading: LetterReading, collectivite: str | None) -> FieldValue | None:
    """The block's quality read again for the collectivité the letter's other page names (a
    président's title is an EPCI's only when the letter speaks for one)."""
    parts = _parts_of(reading)
    if parts is None:
        return None
    return _quality_value(reading, _quality(parts, [parts.lines[i] for i in parts.signatory], reading.kind,
                                            collectivite))


def _parts_of(reading: LetterReading) -> LetterParts | None:
    lines = letter_lines(reading.pages)
    return letter_parts(lines) if lines else None


def _quality_value(reading: LetterReading, quality: Quality | None) -> FieldValue | None:
    if quality is None:
        return None
    return _value(quality.slug, quality.confidence, reading.file, reading.pages, quality.lines, read=True)


def _for_the_prefet_only(quality: Quality) -> bool:
    """A block whose only title is the préfet's after "pour" / before "par délégation": an
    unsure `autre`, someone signing for the préfet with their own title unread."""
    if quality.slug != AUTRE or quality.confidence >= QUALITY_TRUSTED:
        return False
    roles = roles_in(" ".join(repaired_titles(line.norm) for line in quality.lines))
    return bool(roles) and all(delegated and role == "prefet" for _, role, delegated in roles)


def _prefet_values(parts: LetterParts, file: str, pages: tuple[PageText, ...]) -> dict[str, FieldValue]:
    values = {}
    clues = departement_clues(parts)
    if clues:
        first = clues[0]
        values["departement"] = _value([c.value for c in clues], first.confidence, file, pages, first.lines)
    addressed = destinataire_dgaln(parts)
    if addressed:
        values["destinataire_dgaln"] = _value(addressed.value, addressed.confidence, file, pages, addressed.lines,
                                              reading=addressed.reading)
    else:  # no addressee found: a reviewer says, nobody guesses
        head = [parts.lines[i] for i in parts.head]
        source = source_of(file, pages, head)
        values["destinataire_dgaln"] = FieldValue(None, 0.3, source, FieldStatus.NEEDS_REVIEW)
    return values


GUESSED_DATE = 0.6  # a digit of the date guessed back from its OCR slip: for a reviewer


def _date(parts: LetterParts, file: str, pages: tuple[PageText, ...]) -> dict[str, FieldValue]:
    if parts.date_line is None:
        return {}
    line = parts.lines[parts.date_line]
    match = DATE.search(line.text)
    if not match:
        return {}
    written, guessed = written_date(match)
    return {"date": _value(written, GUESSED_DATE if guessed else 0.95, file, pages, [line])}


def _value(value: object, rule_confidence: float, file: str, pages: tuple[PageText, ...],
           lines, read: bool = False, reading: float | None = None) -> FieldValue:
    lines = list(lines)
    if reading is None:
        reading = 1.0 if read else min((l.conf for l in lines), default=1.0)
    confidence = round(min(rule_confidence, reading if pages[lines[0].page].ocr else 1.0), 3)
    return FieldValue(value, confidence, source_of(file, pages, lines), FieldStatus.EXTRACTED)


def choose_collectivite(readings: list[LetterReading], porteuse: str | None,
                        elu: str | None = None) -> LetterReading | None:
    """The letter of the collectivité porteuse when several arrived; else the one the fiche's
    élu signs (a letterhead unread on a photo names no one, its signer still does); else the
    habilitated, latest one."""
    def rank(item):
        index, reading = item
        named = reading.fields.get("collectivite")
        same = same_collectivite(named.value, porteuse) if named and porteuse else 0
        quality = reading.fields.get("signataire_qualite")
        habilitated = quality is not None and quality.value in ("maire", "president_epci")
        return same, _signed_by(reading, elu), habilitated, index
    return max(enumerate(readings), key=rank)[1] if readings else None


def _signed_by(reading: LetterReading, elu: str | None) -> bool:
    """Whether the letter's signer, as read, is the fiche's élu."""
    signer = reading.fields.get("signataire_nom")
    return bool(elu and signer and isinstance(signer.value, str) and same_person(signer.value, elu))


def _guessed(readings: list[LetterReading], chosen: LetterReading | None, porteuse: str | None,
             elu: str | None) -> bool:
    """The collectivité's letter was chosen among letters of other collectivités (or of none
    read) with nothing to vouch for it: its collectivité is not the porteuse's as written, its
    signer not the fiche's élu."""
    if chosen is None or len(readings) < 2:
        return False
    named = chosen.fields.get("collectivite")
    name = named.value if named else None
    if name and porteuse and same_collectivite(name, porteuse) or _signed_by(chosen, elu):
        return False
    others = [r.fields.get("collectivite") for r in readings if r is not chosen]
    return any(o is None or not name or not same_collectivite(o.value, name) for o in others)


def choose_prefet(readings: list[LetterReading]) -> LetterReading | None:
    """The préfet's letter over the sous-préfet's, over anyone else's; the latest among equals."""
    order = {PREFET: 3, SOUS_PREFET: 2}

    def rank(item):
        index, reading = item
        quality = reading.fields.get("signataire_qualite")
        return order.get(quality.value if quality else None, 1 if quality else 0), index
    return max(enumerate(readings), key=rank)[1] if readings else None


def same_collectivite(a: str | None, b: str | None) -> int:
    """2 when two written names are the same collectivité's, 1 when one contains the other, else 0."""
    if not a or not b or entites.is_epci_name(a) != entites.is_epci_name(b):
        return 0  # "Commune de Vitré" is not "Vitré Communauté"
    key_a, key_b = (" ".join(_GENERIC.sub(" ", normalise(x).replace("-", " ").replace("'", " ")).split())
                    for x in (a, b))
    if key_a and key_a == key_b:
        return 2
    return 1 if key_a and key_b and (key_a in key_b or key_b in key_a) else 0


def letter_fields(readings: list[LetterReading], porteuse: str | None,
                  signatures: Mapping[int, SignatureCheck],
                  elu: tuple[str | None, str | None] = (None, None),
                  elu_read: tuple[float, float] = (1.0, 1.0)) -> dict[str, FieldValue]:
    """Every courrier_* field: the chosen letter's values, all missing for an absent letter.

    `signatures` are keyed by the index of the reading in `readings`; `elu` is the fiche's
    élu référent (name, quality), whom the collectivité's letter may name; `elu_read` how surely
    they were read (`signataire_elu.elu_read`): nothing taken from them is surer.
    """
    coll = [r for r in readings if r.kind is PieceKind.COURRIER_COLLECTIVITE]
    prefet = [r for r in readings if r.kind is PieceKind.COURRIER_PREFET]
    chosen = {PieceKind.COURRIER_COLLECTIVITE: choose_collectivite(coll, porteuse, elu[0]),
              PieceKind.COURRIER_PREFET: choose_prefet(prefet)}
    out: dict[str, FieldValue] = {}
    for kind, names in LETTER_FIELDS.items():
        reading = chosen[kind]
        index = next((i for i, r in enumerate(readings) if r is reading), None)
        check = signatures.get(index) if index is not None else None
        for name in names:
            out[f"{kind.value}.{name}"] = _field(reading, name, check)
        if reading is not None and reading.ended and check is not None and check.block_text:
            out.update({f"{kind.value}.{k}": v for k, v in reread_block(reading, check, out, kind).items()})
        if reading is not None and any(p.ocr for p in reading.pages):
            key = f"{kind.value}.signataire_nom"
            out[key] = capitals_under_ink(out[key], out[f"{kind.value}.signe"])
            if reading.ended and check and ink_over_name(reading.zone, check.bbox if check.signed else None):
                out[key] = name_read_again(out[key], check)  # first: a name cut short is read whole on dark ink
            out[key] = cut_by_ink(out[key], out[f"{kind.value}.signe"])
    if _guessed(coll, chosen[PieceKind.COURRIER_COLLECTIVITE], porteuse, elu[0]):
        # several collectivités wrote and neither the fiche's porteuse nor its élu says whose
        # letter is the dossier's: what the chosen one says is for a reviewer to confirm
        prefix = f"{PieceKind.COURRIER_COLLECTIVITE.value}."
        out.update({k: replace(v, status=FieldStatus.NEEDS_REVIEW) for k, v in out.items()
                    if k.startswith(prefix) and v.status is FieldStatus.EXTRACTED})
    key, quality_key = "courrier_collectivite.signataire_nom", "courrier_collectivite.signataire_qualite"
    named = out["courrier_collectivite.collectivite"].value  # a commune's letter is no président's
    is_epci = entites.is_epci_name(named if isinstance(named, str) else None)
    out[key], out[quality_key] = named_in_block(out[key], out[quality_key], *elu,
                                                _block_words(chosen[PieceKind.COURRIER_COLLECTIVITE]), is_epci,
                                                out["courrier_collectivite.signe"].source, elu_read)
    out[key], out[quality_key] = completed_by_elu(out[key], out[quality_key], *elu, is_epci, elu_read)
    index = next((i for i, r in enumerate(readings) if r is chosen[PieceKind.COURRIER_COLLECTIVITE]), None)
    out[key] = echoed_in_block(out[key], elu[0], signatures[index].block_text if index in signatures else (),
                               elu_read[0])
    out[key] = confirmed_by_elu(checked_against_elu(out[key], out[quality_key], *elu), elu[0])
    return out


def _block_words(reading: LetterReading | None) -> list[tuple[str, float]]:
    """The words of a letter's signatory block as the page read them (text, confidence); none for
    a letter whose closing formula was not read (its last lines are no sure block)."""
    parts = _parts_of(reading) if reading is not None and reading.ended else None
    return [(w.text, w.conf) for i in parts.signatory for w in parts.lines[i].words] if parts else []


def block_worth_reading(reading: LetterReading) -> bool:
    """Whether the signatory block read again (`check.block_text`) could change this letter's
    values: `letter_fields` gives it to `reread_block` only for a letter that ended, which
    fills the quality only when missing or read unsure (not when doubted: `_head_by_delegation`)
    and the name only when not extracted or not trusted.
    A letter read with both is spared a render crop and a Tesseract read. Keep the two in step.
    (`_field` of these two names is `reading.fields`' own value; a continuation joined to the
    letter before it keeps this reading's signatory fields and its `ended`.)"""
    if not reading.ended:
        return False
    quality = reading.fields.get("signataire_qualite", FieldValue.missing())
    name = reading.fields.get("signataire_nom", FieldValue.missing())
    return quality.status is FieldStatus.MISSING \
        or quality.status is FieldStatus.EXTRACTED and quality.confidence < QUALITY_TRUSTED \
        or name.status is not FieldStatus.EXTRACTED or name.confidence < NAME_TRUSTED


def _field(reading: LetterReading | None, name: str, check: SignatureCheck | None) -> FieldValue:
    if reading is None:
        return FieldValue.missing()
    if name != "signe":
        return reading.fields.get(name, FieldValue.missing())
    return signe_value(reading, check)


def signe_value(reading: LetterReading, check: SignatureCheck | None) -> FieldValue:
    """The signature's verdict as a field; undecided or unchecked: needs_review, never a guess."""
    zone = reading.zone
    page = reading.pages[zone.page] if zone else (reading.pages[-1] if reading.pages else None)
    box = check.bbox if check and check.bbox else (zone.bbox if zone else None)
    source = Source(reading.file, page.number, tuple(round(v, 2) for v in page.to_page(box))) \
        if page and box else None
    if check is None or check.signed is None or check.signed is False and not reading.ended:
        # no closing formula read (a page of the letter missing or misread): the last lines
        # are no sure signatory block, and no ink there says nothing of the signature
        confidence = check.confidence if check and check.signed is None else 0.0 if check is None else 0.4
        return FieldValue(None, confidence, source, FieldStatus.NEEDS_REVIEW)
    return FieldValue(check.signed, check.confidence, source, FieldStatus.EXTRACTED)
