"""Person names read on a black-and-white page (a fax, a scan to 1 bit) are for a reviewer.

Thresholding to two levels erases or invents the small marks that make a name: accents on
capitals ("DELÂTTRE" for DELATTRE, "Lemaïtré" for LEMAÎTRE, "Clemente" for Clémenté) and thin
letters ("Perrat" for Perrot), while Tesseract stays confident of the word. Measured on the
fresh study draws d68-d70 and tune: of the names read surely on faxes, 4 of 26 were wrong (on
grey scans 0 of 226, on photos 1 of 22), far from the 1 in 1000 a sure value must reach. Names
decide no rule of completeness: only the reviewer's confidence in them changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from extractors.fields.given_names import PERSON_FIELDS
from extractors.model import FieldStatus, FieldValue, PageText

ON_BILEVEL = 0.6  # a name's confidence on a black-and-white page: under every name's review threshold


def names_on_bilevel_doubted(fields: Mapping[str, FieldValue],
                             pages: Iterable[tuple[str, PageText]]) -> dict[str, FieldValue]:
    """`fields` with each person name read surely on a black-and-white OCR'd page left for a reviewer."""
    bilevel = {(file, page.number) for file, page in pages if page.ocr and page.bilevel}
    out = dict(fields)
    for field_id in PERSON_FIELDS:
        value = out.get(field_id)
        if value is not None and value.status is FieldStatus.EXTRACTED and value.source is not None \
                and (value.source.file, value.source.page) in bilevel:
            out[field_id] = replace(value, confidence=min(value.confidence, ON_BILEVEL),
                                    status=FieldStatus.NEEDS_REVIEW)
    return out
