"""Two words compared as OCR reads them: one slip allowed where a word is long enough to carry it."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz


@lru_cache(maxsize=1 << 16)  # a page's words are compared again and again (~40 calls a word)
def norm(text: str) -> str:
    """A word as compared: lower-case, no accents, letters and digits only."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


_DIGIT_LETTERS = str.maketrans("0158", "olsb")  # a photo's "as50cies" for "associes"


@lru_cache(maxsize=1 << 16)  # every token against every label's words, page after page
def same_word(token: str, word: str) -> bool:
    """Equal words, allowing an OCR error in words long enough to carry one (a letter read as
    the digit it resembles, in a word of letters, is one)."""
    if token == word:
        return True
    if "cl" in token and token.replace("cl", "d") == word:
        return True  # a "d" read as "cl" on a fax ("Nature cle la collectivité"), even in a short word
    if len(word) <= 2 or len(token) <= 2:
        return False
    if any(c.isdigit() for c in token) and token.translate(_DIGIT_LETTERS).isalpha() \
            and not any(c.isdigit() for c in word):
        token = token.translate(_DIGIT_LETTERS)
    # Tesseract reads an "m" as "rn" on faxes and small scans ("Norn" for "Nom"): one slip, not two.
    like = max(fuzz.ratio(token, word), fuzz.ratio(token.replace("rn", "m"), word) if "rn" in token else 0)
    return like >= (75 if len(word) <= 4 else 80)
