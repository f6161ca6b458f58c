"""A word of a person's name as OCR misreads it and no name is written: accents stacked on one
letter or one vowel read twice with two accents ("LEMAÏÎTRE" for "LEMAÎTRE": a speck over the
circumflex read as a diaeresis too), a word in capitals that ends in a small letter ("CASTAf" for
"CASTAGNET": the signature's strokes cut the word, its last letter left read small). Such a
reading is never sure, whatever Tesseract's confidence in it.
"""

from __future__ import annotations

import re
import unicodedata

# a capitalised surname's part ends so only when cut: "CASTAf", "DUPONt" (each part of a
# compound on its own: "LE BIHAN-Dupont" has no such part)
_CAPITALS_THEN_SMALL = re.compile(r"^[A-ZÀ-ÖØ-Þ]{2,}[a-zß-öø-ÿ]+$")


def misshapen_name_word(word: str) -> bool:
    """Whether a word of a name bears marks no name's word bears (see the module's docstring)."""
    return _stacked_accents(word) or any(_CAPITALS_THEN_SMALL.match(part) for part in re.split(r"[-'’]", word))


def _stacked_accents(word: str) -> bool:
    """Two accents on one letter ("Ï̂"), or one letter twice in a row, accented both times
    ("ÏÎ", "éè"): no name does so; "Léïa", "Mattéï" accent two vowels, "Désirée" one of two e."""
    letters = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.category(char) == "Mn":
            if not letters:
                return True  # an accent on nothing
            letters[-1][1] += 1
            if letters[-1][1] >= 2:
                return True
        else:
            letters.append([char.casefold(), 0])
    return any(a[0] == b[0] and a[1] and b[1] for a, b in zip(letters, letters[1:]))
