"""Text as the rules compare it: lower-case, without accents, whitespace collapsed."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1 << 16)  # the same lines normalised by rule after rule
def normalise(text: str) -> str:
    """Lower-case, without accents, typographic apostrophes straightened, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()
