"""Accents of the fiche's person names read by OCR, put back from the dossier's other text.

OCR loses the accent over a capital more than any other ("BARTHELEMY" on a photo's fiche,
"Odile BARTHÉLEMY" under the letter's signature). A word of a name read without accents that
the dossier writes elsewhere, surely read and as a name is written (capitalised or in
capitals), with accents and otherwise the same letters, in one way only, is that spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from extractors.fields.given_names import fold
from extractors.model import FieldValue, PageText

FICHE_PERSONS = ("s1.etat.referent_nom", "s1.collectivite.elu_nom", "s1.collectivite.contact_nom")
MIN_LETTERS = 4  # shorter words ("LEA", "ELIE") are too many names' and words' spellings
# A fax adds an accent too, as a speck over a letter ("Sainté-Luce" at 0.71): only an accented
# word read surely says how the name is spelt.
ACCENT_SURE = 0.85
_WORD = re.compile(r"[^\W\d_]+")


def accents_written_elsewhere(fields: Mapping[str, FieldValue],
                              pages: Iterable[tuple[str, PageText]]) -> dict[str, FieldValue]:
    """The fiche's person names read by OCR, each unaccented word of them that the dossier
    writes elsewhere with accents (see the module) spelt so, in the case it was read."""
    pages = list(pages)
    ocr_pages = {(file, page.number) for file, page in pages if page.ocr}
    read = [f for f in FICHE_PERSONS if isinstance((value := fields.get(f)) and value.value, str)
            and value.source is not None and (value.source.file, value.source.page) in ocr_pages]
    if not read:
        return dict(fields)
    accented: dict[str, set[str]] = {}
    for _, page in pages:
        for word in (w for read in page.words if read.conf >= ACCENT_SURE for w in _WORD.findall(read.text)):
            if len(word) >= MIN_LETTERS and word[0].isupper() and fold(word) != word.lower():
                accented.setdefault(fold(word), set()).add(word.upper())
    out = dict(fields)
    for field in read:
        text = out[field].value
        for word in set(_WORD.findall(text)):
            spelt = accented.get(fold(word), set())
            if len(word) < MIN_LETTERS or fold(word) != word.lower() or len(spelt) != 1:
                continue
            accent = spelt.pop()
            accent = accent if word.isupper() else accent[0] + accent[1:].lower()
            text = re.sub(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", accent, text)
        out[field] = replace(out[field], value=text)
    return out
