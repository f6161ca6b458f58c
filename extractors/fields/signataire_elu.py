"""The letter's signer against the fiche's élu référent: what a stamp or a stroke hid, from
the élu when the letter says it is them; a reading that differs from the élu's, for a reviewer."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.fields.signataire import QUALITY_TRUSTED, name_words, roles_in, same_person
from extractors.fields.signataire_shape import bare_words, same_letters
from extractors.model import FieldStatus, FieldValue, Source
from extractors.text import normalise
from extractors.vocabulary import MAIRE, PRESIDENT_EPCI


def elu_read(name: FieldValue | None, quality: FieldValue | None) -> tuple[float, float]:
    """How surely the fiche's élu name and quality were read: their confidence, at most half
    for a value the fiche's rules already left to a reviewer. A letter's value taken from them
    is no surer: the élu read unsure ("Brigine Bellay" at 0.65) makes no sure signer."""
    return tuple(0.0 if v is None or v.value is None else v.confidence if v.status is FieldStatus.EXTRACTED
                 else min(v.confidence, 0.5) for v in (name, quality))


def _elu_mandate(elu_qualite: str | None) -> str | None:
    """The slug of the mandate the fiche's élu holds in their own name ("Maire", "Présidente"), else None."""
    written = [role for _, role, delegated in roles_in(normalise(elu_qualite or "")) if not delegated]
    return {"maire": MAIRE, "president": PRESIDENT_EPCI}.get(written[0]) if written else None


def completed_by_elu(name: FieldValue, quality: FieldValue, elu: str | None, elu_qualite: str | None,
                     letter_is_epci: bool | None = None, read: tuple[float, float] = (1.0, 1.0),
                     ) -> tuple[FieldValue, FieldValue]:
    """What a stamp or a stroke hid in the signatory block, from the fiche's élu when the letter
    says it is them: the élu's mandate for a signer read by name, the élu's name for a signer
    whose name was half read ("Peyrou" for "Armelle Peyrou") and who holds the élu's mandate.
    A name only half read stays for a reviewer unless what was read is the élu's own. A title
    read unsure ("La es", "Le Mai Jo": the strokes over it) counts as lost when it names no
    other title than the élu's mandate; a letter whose collectivité is of the other kind (a
    commune's for a président) is not completed. `read`: how surely the fiche's élu name and
    quality were read (`elu_read`); what is taken from them is no surer."""
    mandate = _elu_mandate(elu_qualite)
    if not elu or mandate is None:
        return name, quality
    name_read, quality_read = read
    if _unsure_or_lost(quality, mandate, letter_is_epci) and name.status is FieldStatus.EXTRACTED and name.value \
            and same_person(str(name.value), elu):
        # the title lost or read unsure (struck through by the signature, a stamp), the name
        # read is the élu's: the élu signs, with the élu's mandate
        # (a title lost: the mandate is only the fiche's, as sure as its reading)
        lost = quality_read if quality.status is FieldStatus.MISSING else 1.0
        quality = FieldValue(mandate, round(min(name.confidence, 0.85, lost), 3),
                             quality.source or name.source, FieldStatus.EXTRACTED)
    elif quality.status is FieldStatus.MISSING and name.value and (
            _fragments_of(str(name.value), elu)
            or name.status is not FieldStatus.EXTRACTED and same_person(str(name.value), elu)):
        # "que POIRIER" for "Dominique POIRIER" (the start under a signature or a stamp, the title
        # lost with it), "Le po , Alain Jaéquemin" ("Le Maire, Alain Jacquemin" under the strokes,
        # a letter of the name slipped): the élu signs, with the élu's mandate
        return _from_elu(elu, 0.8, name_read, name.source), _from_elu(mandate, 0.75, quality_read, name.source)
    if quality.value == mandate and name.status is not FieldStatus.EXTRACTED:
        read = str(name.value or "")
        part_of = bool(read) and set(name_words(read)) <= set(name_words(elu)) \
            and any(len(w) >= 4 for w in name_words(read))
        sure = part_of and quality.status is FieldStatus.EXTRACTED
        # an élu read unsure gives a value for a reviewer, never one `confirmed_by_elu` would
        # then take for a second reading of that élu
        status = FieldStatus.EXTRACTED if sure and name_read >= ELU_READ_SURELY else FieldStatus.NEEDS_REVIEW
        confidence = min(quality.confidence, 0.85, name_read) if sure else 0.5
        name = FieldValue(elu, round(confidence, 3), name.source or quality.source, status)
    return name, quality


def named_in_block(name: FieldValue, quality: FieldValue, elu: str | None, elu_qualite: str | None,
                   block: list[tuple[str, float]], letter_is_epci: bool | None = None,
                   source: Source | None = None, read: tuple[float, float] = (1.0, 1.0),
                   ) -> tuple[FieldValue, FieldValue]:
    """A block whose title was lost (the signature's strokes or a stamp over it) and whose words
    read surely, name-sized, are all words of the élu's name, one of four letters or more
    among them ("Pierre" | "s Poirier" for "Pierre-Yves Poirier", "Deco" | "Lony" for "Dominique
    Lony": strokes read unsure): the élu signs, with the élu's mandate, less sure than a title
    read; their name as the fiche writes it. `block`: the block's words as read (text, confidence);
    `read`: as `completed_by_elu`.
    A letter whose collectivité is of the other kind (a commune's for a président) says nothing."""
    mandate = _elu_mandate(elu_qualite)
    if not elu or mandate is None or quality.status is not FieldStatus.MISSING \
            or letter_is_epci is not None and letter_is_epci != (mandate == PRESIDENT_EPCI):
        return name, quality
    own = set(name_words(elu))
    words = [w for text, conf in block if conf >= BLOCK_WORD_READ for w in name_words(text)
             if len(w) >= 3 and w not in _CIVILITIES]
    if not words or not all(w in own for w in words) or not any(len(w) >= 4 for w in words):
        return name, quality
    if len(set(words)) < 2 and _common_given_name(words[0]):
        return name, quality  # "Pierre" alone: a given name many bear, no surname to say whose
    source = name.source or quality.source or source
    return _from_elu(elu, 0.8, read[0], source), _from_elu(mandate, 0.75, read[1], source)


def _from_elu(value: str, rule: float, read: float, source: Source | None) -> FieldValue:
    """A value taken from the fiche's élu by a rule as sure as `rule`: for a reviewer when the
    élu was read less surely than that (never confirmed later as a second reading: it is the
    fiche's own)."""
    status = FieldStatus.EXTRACTED if read >= rule else FieldStatus.NEEDS_REVIEW
    return FieldValue(value, round(min(rule, read), 3), source, status)


def _common_given_name(word: str) -> bool:
    """Whether `word` (folded) is among the given names most French people bear."""
    from extractors.fields.given_names import spellings

    ranks = spellings().get(word, {})
    return bool(ranks) and min(ranks.values()) <= COMMON_GIVEN


COMMON_GIVEN = 1000  # INSEE's ranking: the thousand given names most borne


BLOCK_WORD_READ = 0.5  # a block's word read with less is a stroke's reading ("Deco" at 0.24), no word of a name
_CIVILITIES = {"mme", "mr", "monsieur", "madame", "mlle"}


def _unsure_or_lost(quality: FieldValue, mandate: str, letter_is_epci: bool | None) -> bool:
    """The block's title lost, or read below the quality threshold as the élu's own mandate on
    a letter whose collectivité, where read, is of that mandate's kind (a maire's a commune)."""
    if quality.status is FieldStatus.MISSING:
        return True
    return quality.value == mandate and quality.confidence < QUALITY_TRUSTED \
        and (letter_is_epci is None or letter_is_epci == (mandate == PRESIDENT_EPCI))



def echoed_in_block(name: FieldValue, elu: str | None, block: tuple[str, ...], elu_conf: float = 1.0) -> FieldValue:
    """The élu's name put for a signer whose own the page lost (`completed_by_elu`: for a
    reviewer), and the block read again on dark ink spells one of the élu's longer names as the
    strokes over it leave it ("LoRDINd" for "LORDINOT"): a second reading agrees, and it is sure."""
    from rapidfuzz import fuzz

    if name.status is not FieldStatus.NEEDS_REVIEW or not elu or name.value != elu:
        return name
    read = [w for line in block for w in name_words(line) if len(w) >= 4]
    if any(_spelt_otherwise(line, elu) for line in block):
        return name  # the block spells the élu's name with another letter: the fiche's may be misread
    if any(fuzz.ratio(w, own) >= ECHO for own in name_words(elu) if len(own) >= 5 for w in read):
        # as sure as the élu's reading at most: an élu read unsure, for a reviewer still (see above)
        return replace(name, confidence=min(0.8, elu_conf),
                       status=FieldStatus.EXTRACTED if elu_conf >= ELU_READ_SURELY else FieldStatus.NEEDS_REVIEW)
    return name


def _spelt_otherwise(line: str, elu: str) -> bool:
    """A line of the block read again that is the élu's name with a letter changed ("SAÏNTÉ-ROSE
    Didiér" for a fiche's "Didier Sainte-Rase"): two readings of one name that disagree."""
    written = " ".join(w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 2)
    if len(written.split()) < 2 or not same_person(written, elu) or same_letters(written, elu):
        return False
    # a letter in place of another, not a word cut short by the strokes ("ic FABRE-DUVAL" for "Loïc")
    pairs = list(zip(sorted(bare_words(written)), sorted(bare_words(elu))))
    return len(bare_words(written)) == len(bare_words(elu)) and all(len(a) == len(b) for a, b in pairs)


ECHO = 80  # similarity of a word read again to one of the élu's: one or two letters changed by the ink


def _fragments_of(read: str, elu: str) -> bool:
    """Every word read is one of the élu's or the end or start of one (three letters at least),
    and one of four letters or more is whole: a name cut by a stroke, not another person."""
    words, full = name_words(read), set(name_words(elu))
    whole = [w for w in words if w in full and len(w) >= 4]
    cut = [w for w in words if w not in full]
    return bool(whole) and bool(cut) and all(
        len(w) >= 3 and any(f != w and (f.endswith(w) or f.startswith(w)) for f in full) for w in cut)


def checked_against_elu(name: FieldValue, quality: FieldValue, elu: str | None,
                         elu_qualite: str | None) -> FieldValue:
    """The letter's signer holds the fiche élu's own mandate (both maire, both président): one
    person, so a name that differs from the fiche's is a misreading of one of them."""
    if name.status is not FieldStatus.EXTRACTED or not elu or not name.value:
        return name
    mandate = _elu_mandate(elu_qualite)
    if mandate is None or quality.value != mandate or same_person(str(name.value), elu):
        return name
    return replace(name, status=FieldStatus.NEEDS_REVIEW)


def confirmed_by_elu(name: FieldValue, elu: str | None) -> FieldValue:
    """A name read unsure (strokes over it, a cut) that spells the fiche's élu word for word:
    two readings of one name agree, and it is sure."""
    if name.status is not FieldStatus.EXTRACTED or not elu or not isinstance(name.value, str) \
            or name.confidence >= ELU_CONFIRMED:
        return name
    read, own = sorted(name_words(name.value)), sorted(name_words(elu))
    if len(read) >= 2 and read == own and not _accents_differ(name.value, elu):
        return replace(name, confidence=ELU_CONFIRMED)
    return name


def _accents_differ(a: str, b: str) -> bool:
    """Two writings of one name whose letters bear different accents where both bear one
    ("Lemaïtre" read on the letter, "LEMAÎTRE" on the fiche): one of them is an OCR slip, and
    which one, neither says. An accent left off (capitals, "LEMAITRE") is no disagreement."""
    import unicodedata

    def letters(text: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for word in re.split(r"[\s-]+", text):
            chars = [unicodedata.normalize("NFD", c.lower()) for c in word if c.isalpha()]
            out[normalise("".join(chars))] = [c[1:] for c in chars]
        return out

    marks_a, marks_b = letters(a), letters(b)
    return any(x and y and x != y for word, marks in marks_a.items() if word in marks_b
               for x, y in zip(marks, marks_b[word]))


ELU_CONFIRMED = 0.85
ELU_READ_SURELY = 0.80  # schemas.normalise's identity threshold: an élu read with less makes nothing sure
