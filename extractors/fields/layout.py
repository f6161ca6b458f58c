"""Words of a document as rows in reading order, with running headers and footers removed."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractors.fields.doubles import inside, without_doubles
from extractors.fields.email_text import address_piece
from extractors.fields.form import LABELS, RUNNING_HEADERS
from extractors.fields.rule_marks import label_colon, number_group, on_rules
from extractors.fields.word_boxes import BOXES as _BOXES, lines_of
from extractors.fields.word_match import norm
from extractors.model import BBox, PageText

log = logging.getLogger(__name__)

MARGIN = 0.07  # share of the page height where running headers and footers live
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}\s*(/|sur|of)\s*\d{1,3}$|^-?\s*\d{1,3}\s*-?$")
# "Fait à Vitré, le 3 mars 2026" closes the form near the page's foot: an answer, even when a
# title wrapped on page 1 ("… candidature Vitré") makes it resemble a line seen elsewhere.
_SIGNING_LINE = re.compile(r"^\W*fait\s+[àa]\s.*\d", re.I)
# A section's title at a page's top or foot: alike from section to section, never a running line.
_SECTION_TITLE = re.compile(r"^\W*(section|annexe)\s*([0-9]|[ivx]+\b)", re.I)
_PAGE_OF = re.compile(r"\bpage\s*\d{1,3}(\s*(/|sur)\s*\d{1,3})?\s*$")  # a footer ending "… Page 2/4"


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
    bilevel: bool | None = None  # its page's image black and white only (a fax): PageText.bilevel

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


_FORM_HEADERS = [norm(header) for header in RUNNING_HEADERS]
_HEADER_WORDS = {norm(word) for header in RUNNING_HEADERS for word in header.split() if len(norm(word)) > 3}
_HEADER_SHORT = {norm(word) for header in RUNNING_HEADERS for word in header.split() if 0 < len(norm(word)) <= 3}
# The printed labels' long words: read letter for letter, such a word is the form's own
# print even when OCR squashed its box flat ("disponibles" boxed one point high).
_LABEL_WORDS = {norm(word) for label in LABELS for word in label.text.split() if len(norm(word)) >= 8}


def token_lines(tokens: list[Token]) -> list[list[Token]]:
    """Tokens in reading order cut into their lines: a line starts where the text goes back left."""
    lines: list[list[Token]] = []
    for token in tokens:
        if lines and (token.file, token.page) == (lines[-1][-1].file, lines[-1][-1].page) \
                and token.x0 >= lines[-1][-1].x0:
            lines[-1].append(token)
        else:
            lines.append([token])
    return lines


def document_rows(pages: list[tuple[str, PageText]], columns: bool = False) -> list[Row]:
    """All rows of (file, page) pairs in order, without running headers/footers or page numbers.

    With `columns`, a page laid out in two newspaper columns is read one column after the other.
    """
    per_page = [page_rows(file, page, columns) for file, page in pages]
    repeated = _running_lines(per_page)
    rows = []
    for page_rows_ in per_page:
        margin = {id(row) for row in _in_margin(page_rows_)}
        for row in page_rows_:
            if id(row) in margin and not _SIGNING_LINE.match(row.text) \
                    and not _SECTION_TITLE.match(row.text) and (_running(row, repeated)
                                                or _PAGE_NUMBER.match(row.text.lower())
                                                or _PAGE_OF.search(row.text.lower())):
                continue
            rows.append(row)
    return rows


def page_rows(file: str, page: PageText, columns: bool = False) -> list[Row]:
    """Group a page's words into rows in reading order: (with `columns`) newspaper columns
    one after the other, and within a block the reader's own lines, then lines side by side."""
    words = _readable(page.words) if page.ocr else list(page.words)
    out = []
    for block in (column_blocks(words) if columns else [words]):
        out += _block_rows(file, page, block)
    return out


def column_blocks(words: list) -> list[list]:
    """The page's words as blocks in reading order: one block for a page in one column;
    for a page in two newspaper columns, each band between full-width lines gives its
    left column, then its right column."""
    lines: dict[int, list] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    gutter = _gutter(list(lines.values()))
    if gutter is None:
        return [words]
    blocks: list[list] = []
    left: list = []
    right: list = []
    for line in sorted(lines.values(), key=_centre):
        if _crosses(line, gutter):
            blocks += [b for b in (left, right, line) if b]
            left, right = [], []
            continue
        for word in line:
            (left if word.bbox[2] <= gutter else right).append(word)
    blocks += [b for b in (left, right) if b]
    return blocks


def _gutter(lines: list[list]) -> float | None:
    """The x of a gap between two newspaper columns, or None for a page in one column.

    A table's label column is narrow and its answers cross the middle of the page; two
    newspaper columns leave an empty lane near the middle that almost no line crosses,
    with many lines on each side and the right column's lines starting at one x.
    """
    if len(lines) < 12:
        return None
    x0 = min(w.bbox[0] for line in lines for w in line)
    x1 = max(w.bbox[2] for line in lines for w in line)
    width = x1 - x0
    best = None
    for step in range(35, 66):
        x = x0 + width * step / 100
        crossing = sum(1 for line in lines if _crosses(line, x))
        if best is None or crossing < best[1]:
            best = (x, crossing)
    x, crossing = best
    if crossing > 0.15 * len(lines):
        return None
    sides = [line for line in lines if not _crosses(line, x)]
    left = [line for line in sides if min(w.bbox[0] for w in line) < x]
    right = [line for line in sides if max(w.bbox[2] for w in line) > x]
    if len(left) < 0.15 * len(lines) or len(right) < 0.15 * len(lines):
        return None
    starts = sorted(min(w.bbox[0] for w in line if w.bbox[0] >= x) for line in right)
    column_start = starts[len(starts) // 10]
    aligned = sum(1 for s in starts if s - column_start <= 0.05 * width)
    if aligned < 0.6 * len(starts):
        return None
    # The lane's middle: halfway between the left column's right edge and the right one's start.
    left_edge = max((w.bbox[2] for line in sides for w in line if w.bbox[2] <= x), default=x)
    return (left_edge + column_start) / 2 if left_edge < column_start else x


def _crosses(line: list, x: float) -> bool:
    """A word covers x, or x falls in a mere space between two words of the line."""
    ordered = sorted(line, key=lambda w: w.bbox[0])
    height = _height(line)
    for word, nxt in zip(ordered, ordered[1:] + [None]):
        if word.bbox[0] <= x <= word.bbox[2]:
            return True
        if nxt is not None and word.bbox[2] < x < nxt.bbox[0] and nxt.bbox[0] - word.bbox[2] < 1.2 * height:
            return True
    return False


# A table's rule read by OCR as a line of dashes ("—  —  —_—" along a cell's border).
_RULE_LINE = re.compile(r"[—–\-_=~+.|]+")


def _block_rows(file: str, page: PageText, words: list) -> list[Row]:
    lines: dict = lines_of(words)  # a box the finder put on a line far from it stands on its own
    if page.ocr:
        # A rule's line stands between two rows: taken for one, it drew the answer below it
        # away from its label's row (a fax's "Céline COULIBALY" read before "Nom et prénom du
        # référent", as the service's answer's second line).
        lines = {n: line for n, line in lines.items() if not all(_RULE_LINE.fullmatch(w.text) for w in line)}
    level = _levels(list(lines.values())) if page.ocr else (lambda line: _centre(line))
    ordered = sorted(lines.values(), key=level)
    rows: list[list] = []
    row_level = 0.0
    for line in ordered:
        # Two cells of one table row are two lines for the reader: same height, one row here.
        # Half the taller one: a cell's text read with a table rule ("| Maire") stands taller.
        if rows and abs(level(line) - row_level) <= 0.5 * max(_height(line), _height(rows[-1])):
            rows[-1].extend(line)
        else:
            rows.append(list(line))
            row_level = level(line)
    out = []
    for row in rows:
        tokens = tuple(
            Token(text, norm(text), file, page.number, w.bbox, w.conf, page.to_page(w.bbox), page.bilevel)
            for w in sorted(row, key=lambda w: w.bbox[0])
            if (text := _strip_rules(w.text))
        )
        if any(t.norm or t.text in _BOXES for t in tokens) and not (page.ocr and _speck_row(tokens)):
            out.append(Row(file, page.number, tokens))
    return out


def unnamed_row(row: Row, label_row: Row, column: float | None, labels: set[int],
                 wrapped: bool = False) -> set[int] | None:
    """A later row of the label's page with words of its own in the label column, apart
    from the answer column by a gutter: the next row of the table, whose label OCR misread
    ("Moyens logistiques mrs à"). The answer is the right-hand cell of its label's row, and
    ends there. Its words in the label column (`wrapped`: a row below one, its label's rest)."""
    if column is None or (row.file, row.page) != (label_row.file, label_row.page):
        return None
    height = max(t.bbox[3] - t.bbox[1] for t in row.tokens)
    edge = column - height  # the answer column's edge is a band (see fiche `_wrapped_label`)
    if any(t.x0 < edge < t.x1 for t in row.tokens):
        return None  # a line running across the column: the answer, wrapped to the margin
    left = {k for k, t in enumerate(row.tokens) if t.x1 <= edge and k not in labels}
    later = [t.x0 for t in row.tokens if t.x0 >= edge]
    # A row of label words alone may be an answer wrapped to the margin ("Corse" under "Haute-").
    if not any(len(row.tokens[k].norm) >= 3 or wrapped and row.tokens[k].norm for k in left) \
            or not (later or wrapped) or later and min(later) - max(row.tokens[k].x1 for k in left) < height:
        return None
    return left


def _readable(words) -> list:
    """OCR words without specks, keeping plain words that Tesseract doubted on a line it
    read well, and dropping "boxes" found inside a letter (the bowl of a bold "d")."""
    # A table rule read as "|" is no word, and its tall box would shift its line's centre.
    ruled = on_rules(words)  # "1" or "." read on a rule, where other lines read "|"
    words = [w for w in words if _strip_rules(w.text) and id(w) not in ruled]
    confident = {w.line for w in words if w.conf >= 0.8 and len(norm(w.text)) >= 3}
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words if len(norm(w.text)) >= 3)
    flat = 0.3 * heights[len(heights) // 2] if heights else 0.0
    kept = [w for w in words if not _noise(w) or w.line in confident and (_plain(w.text) or _tick(w))
            or number_group(w, words) or label_colon(w, words) or address_piece(w, words)]
    # Letters are never flat: "00 ENS" read on a table rule has no height (a word read
    # with confidence keeps its place even when its box came out squashed).
    kept = [w for w in kept if w.bbox[3] - w.bbox[1] >= flat or not norm(w.text) or w.conf >= 0.7
            or norm(w.text) in _LABEL_WORDS]
    letters = [w for w in kept if w.text not in _BOXES and norm(w.text)]
    boxes = [w for w in kept if w.text in _BOXES]
    clear = [w for w in boxes if not any(inside(w, o) or _runs_into(w, o) for o in letters)]
    misread = {id(o) for w in boxes if _in_box_column(w, clear) for o in letters
               if len(norm(o.text)) <= 2 and inside(w, o)}
    # On one line, only a word OCR doubted: a small scan's bowls of "de" read sure are boxes too.
    misread |= {id(o) for w in boxes if _in_box_row(w, boxes) for o in letters
                if len(norm(o.text)) <= 2 and o.conf < 0.75 and inside(w, o)}
    # Anywhere, a "word" with a box's side read as a bracket ("[&A", "C]") is that box misread.
    misread |= {id(o) for w in boxes for o in letters if len(norm(o.text)) <= 2 and inside(w, o)
                and any(side in o.text for side in "[]")}
    letters = [o for o in letters if id(o) not in misread]
    kept = [w for w in kept if id(w) not in misread
            and (w.text not in _BOXES or not any(inside(w, o) or _runs_into(w, o) for o in letters))]
    return without_doubles(kept)


def _in_box_column(box, clear: list) -> bool:
    """A box of the size of two others of the page standing clear of any word, its left edge
    lined up with theirs: one of a printed group of check boxes. A short "word" around it
    ("ET" for a ☒ whose tick ran out of it on a scan) is that box misread, not a letter whose
    bowl looked like a box."""
    width = box.bbox[2] - box.bbox[0]
    return sum(1 for other in clear if other is not box and abs(other.bbox[0] - box.bbox[0]) <= 0.3 * width
               and abs((other.bbox[2] - other.bbox[0]) - width) <= 0.25 * width) >= 2


def _in_box_row(box, boxes: list) -> bool:
    """A box level with two others of its size ("☐ Site ou îlot ☒ Communale ☐
    Intercommunale"): one of a group printed on one line, a short "word" over it ("WC") its tick."""
    width, height = box.bbox[2] - box.bbox[0], box.bbox[3] - box.bbox[1]
    return sum(1 for other in boxes if other is not box and abs(other.bbox[1] - box.bbox[1]) <= 0.3 * height
               and abs((other.bbox[2] - other.bbox[0]) - width) <= 0.25 * width) >= 2


def _runs_into(box, word) -> bool:
    """A small "box" whose right part lies over the first letter of a word read with confidence
    (a fax's speck or the top of an "F" seen as a square): part of the word, not a box before it.
    A printed box stands clear of its option's text."""
    # The word starts over the box's left half: a photo's loose word box overlaps a real box's
    # right edge by a few points, no more.
    if word.conf < 0.7 or len(norm(word.text)) < 3 \
            or not box.bbox[0] < word.bbox[0] < (box.bbox[0] + box.bbox[2]) / 2:
        return False
    x = box.bbox[2] - word.bbox[0]
    y = min(box.bbox[3], word.bbox[3]) - max(box.bbox[1], word.bbox[1])
    area = max(1e-6, (box.bbox[2] - box.bbox[0]) * (box.bbox[3] - box.bbox[1]))
    return y > 0 and x * y >= 0.25 * area


def _plain(text: str) -> bool:
    """A word of letters (an apostrophe or a hyphen allowed), at least three of them; the
    form's labels mark a plural or a feminine in brackets ("Commune(s)", "référent(e)")."""
    return len(norm(text)) >= 3 and bool(re.fullmatch(r"[^\W\d_]+(['’-][^\W\d_]+)*(\((e|s|es)\))?[.,;:]?", text))


def _speck_row(tokens: tuple[Token, ...]) -> bool:
    """A row of one or two uncertain characters: dirt on the scan, not an answer."""
    alnum = [t for t in tokens if t.norm]
    return (sum(len(t.norm) for t in alnum) < 3 and not any(t.text in _BOXES for t in tokens)
            and min((t.conf for t in alnum), default=0.0) < 0.6)


# A printed tick ("✓ Communale") that a 150 dpi scan leaves as a thin stroke: OCR reads it
# "/" and doubts it. On a line read well it is kept for the check boxes; a text answer drops it.
TICKS = {"/", "✓", "✔", "√"}
TICK_DOUBT = 0.6


# A box a photo left as its sides around its content ("[]", "[2", "C2]", "(x)"): OCR doubts it
# next to nothing, yet it is no speck; the check boxes read it, a text answer drops it.
_BRACKET_MARK = re.compile(r"(?i)^(?=.*[\[\]()])[\[(|]?c?[2xjli1 ]?[\])]?$")


def bracket_mark(text: str) -> bool:
    return len(text) >= 2 and bool(_BRACKET_MARK.match(text))


def mark(token) -> bool:
    """A box, or a doubted tick or box's sides: no word of a text answer."""
    return token.text in _BOXES or (token.text in TICKS or bracket_mark(token.text)) and token.conf < TICK_DOUBT


def _tick(word) -> bool:
    return word.text in TICKS and word.conf >= 0.2


def _noise(word) -> bool:
    """Specks and smudges that OCR reads as letters, with next to no confidence."""
    if word.text in _BOXES or word.text.startswith("Æ") or bracket_mark(word.text):
        return False  # "Æ", "ÆCommune": how OCR reads a photographed ☒, which it always doubts
    return word.conf < 0.2 or (word.conf < 0.4 and len(word.text) <= 2) or (word.conf < 0.6 and len(word.text) == 1)


def _levels(lines: list[list]):
    """A line's height on the page as if its text ran level: on a photo taken at an angle
    the lines slope, differently at the top and at the bottom, and the right end of one
    line sits at the height of the next line's left end. The local slope is the median
    of the long lines' slopes nearby."""
    slopes = [(_centre(line), slope) for line in lines if (slope := _slope(line)) is not None]

    def level(line: list) -> float:
        centre = _centre(line)
        near = sorted(s for y, s in slopes if abs(y - centre) <= 200)
        slope = near[len(near) // 2] if near else 0.0
        middle = sum((w.bbox[0] + w.bbox[2]) / 2 for w in line) / len(line)
        return centre - slope * middle

    return level


def _slope(line: list) -> float | None:
    """Least-squares slope of a line's word centres, for lines long enough to tell."""
    if len(line) < 4:
        return None
    xs = [(w.bbox[0] + w.bbox[2]) / 2 for w in line]
    ys = [(w.bbox[1] + w.bbox[3]) / 2 for w in line]
    if max(xs) - min(xs) < 250:  # points: a short line's slope is mostly its letters' shapes
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return max(-0.1, min(0.1, slope))


def _centre(words: list) -> float:
    return sum((w.bbox[1] + w.bbox[3]) / 2 for w in words) / len(words)


def _height(words: list) -> float:
    return max(1.0, sorted(w.bbox[3] - w.bbox[1] for w in words)[len(words) // 2])


def _strip_rules(text: str) -> str:
    """Table borders read by OCR as "|" glued to words, or alone."""
    return text.strip("|¦")


def _in_margin(rows: list[Row]) -> list[Row]:
    """The rows near the top or bottom of the text block (not of the image: a photo has a desk
    around); its extent measured once a page, not once a row."""
    top = min((r.top for r in rows), default=0.0)
    bottom = max((t.bbox[3] for r in rows for t in r.tokens), default=0.0)
    extent = max(bottom - top, 1.0)
    return [row for row in rows if row.top < top + MARGIN * extent
            or max(t.bbox[3] for t in row.tokens) > bottom - MARGIN * extent]


def _key(row: Row) -> str:
    """A row as compared from page to page: a page number (three digits at most) is any
    number; a longer one (a phone number, a year) keeps its length's mark."""
    return re.sub(r"\d{1,3}", "#", "".join(t.norm for t in row.tokens))


def _running(row: Row, repeated: set[str]) -> bool:
    key = _key(row)
    # A piece of the header (a tilted photo cuts it in two rows) is still the header.
    return key in repeated or _header_words(row) or any(
        fuzz.ratio(key, header) >= 80 or len(key) >= 10 and fuzz.partial_ratio(key, header) >= 88
        for header in _FORM_HEADERS)


def _header_words(row: Row) -> bool:
    """A margin row made mostly of the running header's or footer's words, as a fax leaves
    them ("Version 2025 Page", "Aueker des tertoes Fish"): what is left of the header, not an answer."""
    # Short words ("des", "de") say nothing either way: the header's long words are counted,
    # each once ("quartier" and "l'Atelier" are one header word, not two).
    words = [t.norm for t in row.tokens if len(t.norm) > 3 and not t.norm.isdigit()]
    known = len({max(_HEADER_WORDS, key=lambda h: fuzz.ratio(w, h)) for w in words
                 if any(fuzz.ratio(w, h) >= 65 for h in _HEADER_WORDS)})
    # Or one of its long words left, and nothing but the header's small words around it
    # ("Atéher des de", "des - Fiche de"): no answer is made of those alone.
    short = [t.norm for t in row.tokens if t.norm and (len(t.norm) <= 3 or t.norm.isdigit())]
    only_header = known == len(words) and all(w in _HEADER_SHORT for w in short)
    return known >= 2 and known >= 0.5 * len(words) or known >= 1 and only_header


def _running_lines(per_page: list[list[Row]]) -> set[str]:
    """Margin lines that recur on several pages: headers and footers, allowing OCR's
    misreadings ("Ateber des terrtores Flash" on one photo, "Atelier des territoires
    Flash" on the next)."""
    margins = [{_key(r) for r in _in_margin(rows)} - {""} for rows in per_page]
    repeated = set()
    for i, keys in enumerate(margins):
        others = [key for j, other in enumerate(margins) if j != i for key in other]
        for key in keys:
            if key in others or len(key) >= 12 and any(
                    len(other) >= 12 and fuzz.ratio(key, other) >= 80 for other in others):
                repeated.add(key)
    return repeated
