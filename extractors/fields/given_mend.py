"""A signatory's name left to a reviewer whose given name OCR misread: the given name mended to
the one it was read from, so that the reviewer is shown the likely name, still to confirm.

A fax or a signature's stroke makes a letter of a given name another or adds an accent that no
one writes ("Dgminique", "Anñé-Märie", "Küllian"): the spelling borne with the same letters
(accents aside), or the common given name one letter away that nobody bears the reading of
(`given_names.likelier_spelling`, `_one_letter_off`), is what was printed. The value stays for a
reviewer: mended, it is a better proposal, never a sure one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from extractors.fields.given_names import PERSON_FIELDS, _one_letter_off, likelier_spelling
from extractors.model import FieldStatus, FieldValue

LETTER_NAMES = tuple(f for f in PERSON_FIELDS if f.startswith("courrier_"))  # the fiche's names: their own rules


def given_mended(fields: Mapping[str, FieldValue], ocr_pages: set[tuple[str, int]]) -> dict[str, FieldValue]:
    """`fields` with each letter's signatory name for a reviewer, read by OCR, mended (`mended`)."""
    out = dict(fields)
    for field_id in LETTER_NAMES:
        value = fields.get(field_id)
        if value is None or value.status is not FieldStatus.NEEDS_REVIEW or not isinstance(value.value, str) \
                or value.source is None or (value.source.file, value.source.page) not in ocr_pages:
            continue
        text = mended(value.value)
        if text != value.value:
            out[field_id] = replace(value, value=text)
    return out


def mended(name: str) -> str:
    """`name` with its given names' misread spellings mended: the given names are the words
    beside a surname in capitals ("FONTAINE Küllian"), else the first word's parts
    ("Anñé-Märie Dupont", "Dgminique Le Bihan")."""
    words = name.split()
    capitals = [i for i, w in enumerate(words) if len(w) >= 2 and w.isupper()]
    given = [i for i in range(len(words)) if i not in capitals] if capitals else [0]
    for i in given:
        parts = re.split(r"(-)", words[i])
        words[i] = "".join(part if part == "-" or not part else
                           likelier_spelling(part) or _one_letter_off(part) or part for part in parts)
    return " ".join(words)
