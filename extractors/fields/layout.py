"""Words of a document as rows in reading order, with running headers and footers removed."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from extractors.model import BBox, PageText

log = logging.getLogger(__name__)

MARGIN = 0.07  # share of the page height where running headers and footers live
_BOXES = {"☐", "☒", "☑", "□", "■"}
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}\s*(/|sur|of)\s*\d{1,3}$|^-?\s*\d{1,3}\s*-?$")


@dataclass(frozen=True)
class Token:
    """A word placed in the document: page, box, confidence, and its comparable form."""

    text: str
    norm: str
    file: str
    page: int
    bbox: BBox  # on the upright page, where rows are level
    conf: float
    page_bbox: BBox  # on the page as received: what a source points at

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]


@dataclass(frozen=True)
class Row:
    """Tokens sharing a baseline, left to right."""

    file: str
    page: int
    tokens: tuple[Token, ...]

    @property
    def top(self) -> float:
        return min(t.bbox[1] for t in self.tokens)

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def norm(text: str) -> str:
    """A word as compared: lower-case, no accents, letters and digits only."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


def document_rows(pages: list[tuple[str, PageText]]) -> list[Row]:
    """All rows of (file, page) pairs in order, without running headers/footers or page numbers."""
    per_page = [page_rows(file, page) for file, page in pages]
    repeated = _running_lines(per_page)
    rows = []
    for page_rows_ in per_page:
        for row in page_rows_:
            if _in_margin(row, page_rows_) and (_key(row) in repeated or _PAGE_NUMBER.match(row.text.lower())):
                continue
            rows.append(row)
    return rows


def page_rows(file: str, page: PageText) -> list[Row]:
    """Group a page's words into rows: the reader's own lines, then lines side by side."""
    lines: dict[int, list] = {}
    for word in page.words:
        if page.ocr and _noise(word):
            continue
        lines.setdefault(word.line, []).append(word)
    ordered = sorted(lines.values(), key=_centre)
    rows: list[list] = []
    for line in ordered:
        # Two cells of one table row are two lines for the reader: same height, one row here.
        if rows and abs(_centre(line) - _centre(rows[-1])) <= 0.5 * min(_height(line), _height(rows[-1])):
            rows[-1].extend(line)
        else:
            rows.append(list(line))
    out = []
    for row in rows:
        tokens = tuple(
            Token(text, norm(text), file, page.number, w.bbox, w.conf, page.to_page(w.bbox))
            for w in sorted(row, key=lambda w: w.bbox[0])
            if (text := _strip_rules(w.text))
        )
        if any(t.norm or t.text in _BOXES for t in tokens) and not (page.ocr and _speck_row(tokens)):
            out.append(Row(file, page.number, tokens))
    return out


def _speck_row(tokens: tuple[Token, ...]) -> bool:
    """A row of one or two uncertain characters: dirt on the scan, not an answer."""
    alnum = [t for t in tokens if t.norm]
    return (sum(len(t.norm) for t in alnum) < 3 and not any(t.text in _BOXES for t in tokens)
            and min((t.conf for t in alnum), default=0.0) < 0.6)


def _noise(word) -> bool:
    """Specks and smudges that OCR reads as letters, with next to no confidence."""
    if word.text in _BOXES:
        return False
    return word.conf < 0.2 or (word.conf < 0.4 and len(word.text) <= 2) or (word.conf < 0.6 and len(word.text) == 1)


def _centre(words: list) -> float:
    return sum((w.bbox[1] + w.bbox[3]) / 2 for w in words) / len(words)


def _height(words: list) -> float:
    return max(1.0, sorted(w.bbox[3] - w.bbox[1] for w in words)[len(words) // 2])


def _strip_rules(text: str) -> str:
    """Table borders read by OCR as "|" glued to words, or alone."""
    return text.strip("|¦")


def _in_margin(row: Row, rows: list[Row]) -> bool:
    """Near the top or bottom of the text block (not of the image: a photo has a desk around)."""
    top = min(r.top for r in rows)
    bottom = max(t.bbox[3] for r in rows for t in r.tokens)
    extent = max(bottom - top, 1.0)
    row_bottom = max(t.bbox[3] for t in row.tokens)
    return row.top < top + MARGIN * extent or row_bottom > bottom - MARGIN * extent


def _key(row: Row) -> str:
    return re.sub(r"\d+", "#", "".join(t.norm for t in row.tokens))


def _running_lines(per_page: list[list[Row]]) -> set[str]:
    """Margin lines that recur on several pages: headers and footers."""
    counts = Counter(
        key for rows in per_page for key in {_key(r) for r in rows if _in_margin(r, rows)}
    )
    return {key for key, count in counts.items() if count >= 2 and key}
