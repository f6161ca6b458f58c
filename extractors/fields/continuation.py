"""A letter photographed or scanned in two files: its second file continues the first.

Each file is its own piece, of the same kind, and each is read as a letter of its own: the
first page has the letterhead, the addressee, the date and the objet but no signatory block;
the second the closing formula, the signatory block and the signature, and no head. Read
apart, the second lacks the addressee (a reviewer is asked) and the first the signatory.
Joined, they are one letter: the head's values from the first, the signatory's from the
second, whose page holds the signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from extractors import classify  # the module, not its name: classify imports this package
from extractors.fields.courrier import LetterReading, head_quality, requalified
from extractors.model import FieldStatus, PageText, PieceKind

# Read on the page that holds the signatory block; the rest is the letter's head or body.
SIGNATORY_FIELDS = ("signataire_nom", "signataire_qualite")


def joined_continuations(readings: Mapping[int, LetterReading]) -> dict[int, LetterReading]:
    """The letters with each continuation joined to the letter before it (by piece index).

    A continuation is a letter of the same kind read after one that did not end (no closing
    formula read), whose first page continues a letter (no objet or salutation of its own,
    its closing or signatory block, or a page number). The joined reading keeps the
    continuation's index, pages and signature zone (its page carries the signature); the
    first letter's index is dropped, so the pair counts as one letter.
    """
    out = dict(readings)
    unended: dict = {}  # kind -> the index of the last letter of that kind that did not end
    last: dict = {}  # kind -> the index of the last letter of that kind
    for index in sorted(readings):
        reading = readings[index]
        before = unended.pop(reading.kind, None)
        if before is None and last.get(reading.kind) in out and _block_unread(out[last[reading.kind]]) \
                and _block_alone(reading):
            before = last[reading.kind]  # its closing formula ends the first photo, its block the second
        if before is not None and continues(reading):
            head = out.pop(before)
            out[index] = replace(reading, fields=_joined_fields(head.fields, reading.fields, head, reading))
        elif not reading.ended:
            unended[reading.kind] = index
        last[reading.kind] = index
    return out


def _block_unread(reading: LetterReading) -> bool:
    """A letter that ended (its closing formula read) with no signatory read after it: no title
    in a block (a title over the addressee is the head's, `courrier._quality_in_block`), no name
    but one for a reviewer (a page's footer read as its block)."""
    name = reading.fields.get("signataire_nom")
    return reading.ended and ("signataire_qualite" not in reading.fields or not reading.block_titled) \
        and (name is None or name.status is not FieldStatus.EXTRACTED)


def _block_alone(reading: LetterReading) -> bool:
    """A page of a signatory block alone (`courrier_blockpage.block_page`): a title, no closing."""
    return not reading.ended and "signataire_qualite" in reading.fields


def continues(reading: LetterReading) -> bool:
    """The reading is a letter's next page: no head of its own, its first page continuing a letter."""
    return bool(reading.pages) and classify.continues_letter(reading.pages[0]) and not _has_head(reading)


def ended_by(previous: LetterReading | None, piece_kind: PieceKind, pages: tuple[PageText, ...]) -> bool:
    """A piece of no letter kind that ends the letter read just before it: a page photographed
    apart whose only words are the closing formula and the signatory block (`classify.ends_letter`)
    right after a letter that did not end, or that ended on its closing with no block read (the
    block photographed apart). Anything else (a fiche page, a page of its own) is not."""
    return (previous is not None and (not previous.ended or _block_unread(previous)) and piece_kind is PieceKind.AUTRE
            and bool(pages) and classify.ends_letter(pages[0]))


def _has_head(reading: LetterReading) -> bool:
    """A letter of its own: its addressee was read (a running header may repeat the date)."""
    addressed = reading.fields.get("destinataire_dgaln")
    return bool(addressed and addressed.value is not None)


def _joined_fields(head: Mapping, tail: Mapping, head_reading: LetterReading | None = None,
                   tail_reading: LetterReading | None = None) -> dict:
    """The signatory's fields from the tail, where the block is (a head without one guesses
    them from other lines); each other field from the page that read it surer (the
    département may be said by the signatory's title, "Le Préfet de La Réunion", better
    than by the head's town), the head's on a tie."""
    out = {name: value for name, value in tail.items() if name in SIGNATORY_FIELDS}
    if "signataire_qualite" not in out and head_reading is not None:
        # the tail's block kept no title (a photo's strokes over it): the head's "Le préfet de
        # La Réunion" over "à …" or its body's "Je soussigné…, maire de …" says who writes, as
        # for a one-page letter whose block lost it (never the head's last lines read as a block)
        quality = head_quality(head_reading)
        if quality is not None:
            out["signataire_qualite"] = quality
    for name in (set(head) | set(tail)) - set(SIGNATORY_FIELDS):
        read = [v for v in (head.get(name), tail.get(name))
                if v is not None and v.value is not None and v.status is not FieldStatus.MISSING]
        out[name] = max(read, key=lambda v: v.confidence) if read else head.get(name, tail.get(name))
    collectivite = out.get("collectivite")
    if tail_reading is not None and "signataire_qualite" in tail and collectivite is not None \
            and collectivite is not tail.get("collectivite"):
        # "Présidente de la Commu…" read on a page whose own letterhead is lost: the head's
        # "Communauté de communes …" says whether she presides an EPCI
        quality = requalified(tail_reading, collectivite.value)
        if quality is not None:
            out["signataire_qualite"] = quality
    return out
