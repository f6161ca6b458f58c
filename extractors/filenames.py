"""File names as senders wrote them, made safe to store and show."""

from __future__ import annotations

import logging
import unicodedata

log = logging.getLogger(__name__)


def without_format_characters(name: str) -> str:
    """`name` without invisible format characters (Unicode category Cf).

    A right-to-left override (U+202E) made "\u202egnp.pdf" show as "fdp.png"; zero-width
    spaces and joiners hide or fake characters the same way.
    """
    return "".join(c for c in name if unicodedata.category(c) != "Cf")
