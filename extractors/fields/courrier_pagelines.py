"""Lines of a letter's pages seen as a page's rows: a running header or footer printed on each page,
the first rows atop a next page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from extractors.fields.courrier_layout import Line


def first_rows(indices: list[int], lines: list[Line], count: int, overlap: float) -> list[int]:
    """The lines of the first `count` rows (tops `overlap` of a line's height apart are one row):
    a running header OCR split into pieces on one row ("Ville che ant" | "Mont" atop a fax's
    page 2) is one row."""
    rows: list[float] = []
    kept = []
    for i in indices:
        line = lines[i]
        if not any(abs(line.top - top) <= overlap * line.height for top in rows):
            if len(rows) == count:
                break
            rows.append(line.top)
        kept.append(i)
    return kept


def running_lines(lines: list[Line]) -> set[int]:
    """Lines printed alike, at one height, on two pages of the letter: a running footer or header
    ("Commune d'Amfreville-la-Mi-Voie — Seine-Maritime" under each page), no part of the
    signatory block (a title atop the next page may read like the letterhead, higher up)."""
    if len({line.page for line in lines}) < 2:
        return set()
    return {i for i, line in enumerate(lines) if len(line.norm) >= RUNNING_LENGTH and any(
        other.page != line.page and abs(other.top - line.top) <= RUNNING_SHIFT * line.height
        and fuzz.ratio(other.norm, line.norm) >= RUNNING_ALIKE for other in lines)}


RUNNING_LENGTH = 12  # characters: shorter lines ("Le Maire,") may be printed twice and be the block's
RUNNING_ALIKE = 90  # ratio: the same line read twice, an OCR slip apart
RUNNING_SHIFT = 3  # line heights: how far a scan or a photo may shift a page's footer from the other's
