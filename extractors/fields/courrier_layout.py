"""A letter as lines in columns, and its parts: letterhead, addressee, date line, objet, closing, signatory block."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extractors.fields.courrier_dates import DATE, MONTH
from extractors.fields.courrier_pagelines import first_rows, running_lines
from extractors.fields.signataire_repair import repaired_titles
from extractors.model import BBox, PageText, Source, Word
from extractors.text import normalise

log = logging.getLogger(__name__)

BOXES = {"☐", "☒", "☑", "□", "■"}  # what OCR reads for a dark blot: a box
_CONNECTOR_HEADS = {"commune", "ville", "mairie", "communaute", "prefet", "prefete", "prefecture"}
# "bjet :": a scan's margin ate the "O"; "Objet" alone on its line, its colon and text read apart
_OBJET = re.compile(r"^([o0]?bjet|obiet|obj\.?|object)\s*(?:[:.;]|$)")
_OBJET_NO_COLON = re.compile(r"^(?:Objet|OBJET)\s+[A-ZÀ-Ý«]")  # "Objet Candidature …": a photo lost the colon
_SALUTATION = re.compile(r"^(madame|monsieur|mesdames|messieurs|cher|chere|chers)\b")
_CLOSING = re.compile(r"je vous prie|je vous saurais gre|veuillez (agreer|croire|recevoir)|l'expression de|"
                      r"l'assurance de|"
                      r"\bsalutations\b|\bconsideration\b|\bsentiments\b|cordialement|respectueux")
_PAGE_MARK = re.compile(r"^(?:page\s*)?\d{1,2}\s*/\s*\d{1,2}$|^[-–—]\s*\d{1,2}\s*[-–—]$"
                        r"|^page \d{1,2}(?: sur \d{1,2})?$")
_RUNNING_HEAD = re.compile(r"\s[–—-]\s*\d{1,2}/\d{1,2}/(?:19|20)\d\d$")
# "Le Maire," just under a closing that lacks its full stop: the signatory block begins.
_TITLE_LINE = re.compile(r"^(?:(?:le|la|l') )?(?:maire|prefete?|presidente?|sous-prefete?|vice-presidente?|adjointe?)\b"
                         r"(?:[ ,]|$)")
# "Copie :" as a fax or a photo gives it ("Cople :", "Cop1e :")
# "Copie :" misread beyond its word ("Taphe : Monsieur le Sous-préfet d'arrondissement"): a word and
# its colon before a civility, the title of a copy's recipient, no signer's; a speck before it (".Copie :")
AFTER_SIGNATURE = re.compile(r"^[.,'`·*-]{0,2} ?(?:(p\.? ?j\.?|pieces? jointes?|cop[il1]e|cc|ampliation|destinataires?"
                             r"|annexes?)\b\s*:?|[a-z]{3,7} ?[:;] ?(?:monsieur|madame|mme|m\.) )")
FOOTER = re.compile(r"\b\d{5}\b|\b0\d([ .]?\d\d){4}\b|@|www\.|https?:|\btel\b|\bfax\b|\bsiret\b|\bbp ?\d"
                    r"|\btoute correspondance\b")  # "Toute correspondance est à adresser au Président"
_ADDRESSEE = re.compile(r"^(a |a l'attention de |a l'att\.? de )?(monsieur|madame|mesdames|messieurs|m\. |mme )")
# "le" before a date, or how a fax or a photo reads it ("Corte, lo 09 mars", "Lé 5 mai 2026")
_LE = r"(?:[lI][eéèo])"
_DATE_LINE = re.compile(rf"^(?:(?:fait\s+)?(?:a|à)\s+)?(?P<place>[^,\d]{{2,60}}?)\s*,?\s+(?:{_LE}\s+)?(?:lundi|mardi|mercredi|"
                        r"jeudi|vendredi|samedi|dimanche)?\s*(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """Words of one line of one column, left to right, on the upright page (points)."""

    words: tuple[Word, ...]
    page: int  # index of the page in the letter
    text: str
    norm: str

    @property
    def bbox(self) -> BBox:
        return (min(w.bbox[0] for w in self.words), min(w.bbox[1] for w in self.words),
                max(w.bbox[2] for w in self.words), max(w.bbox[3] for w in self.words))

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def bottom(self) -> float:
        return self.bbox[3]

    @property
    def height(self) -> float:
        heights = sorted(w.bbox[3] - w.bbox[1] for w in self.words)
        return max(4.0, heights[len(heights) // 2])

    @property
    def conf(self) -> float:
        weight = sum(len(w.text) for w in self.words)
        return sum(w.conf * len(w.text) for w in self.words) / weight if weight else 0.0


@dataclass(frozen=True)
class LetterParts:
    """Where each part of a French administrative letter lies, as indexes into `lines`."""

    lines: tuple[Line, ...]
    head: tuple[int, ...]  # before the objet (or the salutation): letterhead, addressee, date
    addressee: tuple[int, ...]
    sender_title: int | None  # "Le préfet du Finistère" above "à Monsieur …"
    date_line: int | None
    objet: int | None
    salutation: int | None
    closing: int | None  # last line of the closing formula
    signatory: tuple[int, ...]  # quality lines and name, after the closing formula


def letter_lines(pages: tuple[PageText, ...]) -> list[Line]:
    """Every line of every page in reading order; a line cut by a wide gap is two columns."""
    lines: list[Line] = []
    for index, page in enumerate(pages):
        lines += _years_joined(sorted(_page_lines(page, index), key=lambda l: (round(l.top / 3), l.x0)))
    return lines


_DAY_MONTH_END = re.compile(rf"(?<!\w)(?:\d{{1,2}}|1 ?er|1re|premier)\s+(?:{MONTH})\.?$", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d[.,]?$")


def _years_joined(lines: list[Line]) -> list[Line]:
    """A date's year OCR read as a line of its own beside the rest ("Fort-de-France, le 22
    octobre" | "2026", a fax's faint last word): one line again, the date whole."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and _YEAR_ONLY.match(line.text.strip()) and _DAY_MONTH_END.search(last.text.strip()) \
                and abs(line.top - last.top) <= 0.5 * last.height \
                and -0.2 * last.height <= line.x0 - last.bbox[2] <= 2.5 * last.height:
            text = f"{last.text} {line.text}"
            out[-1] = Line(last.words + line.words, last.page, text, normalise(text))
            continue
        out.append(line)
    return out


def _page_lines(page: PageText, index: int) -> list[Line]:
    by_line: dict[int, list[Word]] = {}
    for word in page.words:
        if page.ocr and _noise(word):
            continue
        by_line.setdefault(word.line, []).append(word)
    out = []
    for words in by_line.values():
        words.sort(key=lambda w: w.bbox[0])
        heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
        gap = max(14.0, 2.2 * heights[len(heights) // 2])
        segment = [words[0]]
        for word in words[1:]:
            if word.bbox[0] - segment[-1].bbox[2] > gap:
                out += _line(segment, index)
                segment = []
            segment.append(word)
        out += _line(segment, index)
    return out


def _noise(word: Word) -> bool:
    """Specks OCR reads as letters: next to no confidence, or one uncertain character."""
    if word.text in BOXES:
        return False  # judged with its neighbours in _line
    return word.conf < 0.2 or (word.conf < 0.45 and len(word.text) <= 2)


def _line(words: list[Word], index: int) -> list[Line]:
    kept = []
    for i, word in enumerate(words):
        if word.text in BOXES:  # OCR's check-box finder sees boxes in letters: a lost "de", or dirt
            before = normalise(words[i - 1].text) if i else ""
            # a lost "de" ("Commune ☐ Vitré"), not a box in the gap before the "de" itself
            # ("Ville ☐ de Bras-Panon", which a "DE" put back would make "Ville DE de …")
            if before in _CONNECTOR_HEADS and i + 1 < len(words) and not _particle_next(words[i + 1:]):
                kept.append(Word("de" if words[i - 1].text.islower() else "DE", word.bbox, 0.6, word.line))
            continue
        kept.append(word)
    if not any(ch.isalnum() for w in kept for ch in w.text):
        return []  # "|", "—", "_": a rule, the sheet's edge or a fold read as marks, not text
    text = " ".join(w.text for w in kept)
    return [Line(tuple(kept), index, text, normalise(text))]


def _particle_next(words: list[Word]) -> bool:
    """The next word that is no box is a particle ("de", "d'Ajaccio", "du", "des")."""
    after = next((w for w in words if w.text not in BOXES), None)
    return after is not None and re.match(r"(?:de|du|des|d['’])(?:\b|$)", normalise(after.text)) is not None


def typed_height(lines: list[Line]) -> float | None:
    """The height of the lines' typed words: the lower quartile of their words' heights (a
    signature read as tall words among them stands above it)."""
    heights = sorted(w.bbox[3] - w.bbox[1] for line in lines for w in line.words)
    return heights[len(heights) // 4] if heights else None


def join_lines(lines: list[Line]) -> str:
    """Lines as one text; a word cut by a hyphen at a line end is rejoined ("CHARENTE-" "MARITIME")."""
    text = ""
    for line in lines:
        if text.endswith("-"):
            text += line.text
        else:
            text += (" " if text else "") + line.text
    return re.sub(r"\s+", " ", text).strip()


def source_of(file: str, pages: tuple[PageText, ...], lines: list[Line]) -> Source | None:
    """The box of `lines` (on the page of the first one) on the page as received."""
    if not lines:
        return None
    page = pages[lines[0].page]
    on_page = [line for line in lines if line.page == lines[0].page]
    bbox = (min(l.bbox[0] for l in on_page), min(l.bbox[1] for l in on_page),
            max(l.bbox[2] for l in on_page), max(l.bbox[3] for l in on_page))
    return Source(file, page.number, tuple(round(v, 2) for v in page.to_page(bbox)))


def letter_parts(lines: list[Line]) -> LetterParts:
    """Find the parts of a letter from its lines, by the conventions of French letters."""
    objet = next((i for i, l in enumerate(lines) if _OBJET.match(l.norm) or _OBJET_NO_COLON.match(l.text)), None)
    salutation = _salutation(lines, objet)
    end_of_head = objet if objet is not None else salutation if salutation is not None else _first_body(lines)
    closing = _closing(lines, salutation if salutation is not None else end_of_head)
    if closing is None and objet is None and salutation is None:
        # a letter's last page photographed apart, opening on its closing formula: no head above it
        closing = _closing(lines, 0)
        start = _closing_start(lines, closing) if closing is not None else 0
        if closing is not None and not all(_page_furniture(lines[i], lines[start]) or _letterhead_above(lines[i], lines[start])
                                           for i in range(start)):
            closing = None  # body lines above it: the last lines stand for the block (`_signatory_fallback`)
        end_of_head = 0 if closing is not None else end_of_head
    head = tuple(i for i in range(end_of_head) if lines[i].page == lines[0].page) if lines else ()
    addressee, sender_title = _addressee(lines, head)
    signatory = _signatory(lines, closing) if closing is not None else _signatory_fallback(lines, end_of_head)
    date_line = _date_line(lines, head, signatory, end_of_head)
    return LetterParts(tuple(lines), head, addressee, sender_title, date_line, objet, salutation,
                       closing, signatory)


def _salutation(lines: list[Line], objet: int | None) -> int | None:
    start = objet + 1 if objet is not None else 0
    for i in range(start, min(len(lines), start + 8)):
        line = lines[i]
        if i > 0 and _CLOSING.search(lines[i - 1].norm) and lines[i - 1].norm.rstrip().endswith(","):
            continue  # "Je vous prie de croire," | "Madame la Sous-directrice,": the closing's vocative
        if _SALUTATION.match(line.norm) and len(line.norm) <= 70 and (objet is not None or line.norm.endswith(",")):
            return i
    return None


def _first_body(lines: list[Line]) -> int:
    """Without objet or salutation: the first line of the longest run of wide lines."""
    widths = [l.bbox[2] - l.bbox[0] for l in lines]
    wide = max(widths, default=0) * 0.75
    return next((i for i, w in enumerate(widths) if w >= wide and i > 2), min(len(lines), 3))


def _addressee(lines: list[Line], head: tuple[int, ...]) -> tuple[tuple[int, ...], int | None]:
    """The addressee block: "Monsieur le …" (or what follows a lone "à") and the lines under it."""
    start, sender_title = None, None
    for i in head:
        if lines[i].norm in ("a", "a :") and i + 1 in head:
            start, sender_title = i + 1, _line_above(lines, i, head)
            break
        if _ADDRESSEE.match(lines[i].norm):
            start = i
            # "La préfète de l'Aisne" set over "Madame la sous-directrice" without its "à", in its
            # column or centred on the page
            titles = [j for j in head if j < i and _SENDER_TITLE.match(lines[j].norm)
                      and 0 <= lines[i].top - lines[j].bottom + 1 <= 4 * lines[i].height]
            sender_title = max(titles, key=lambda j: lines[j].bottom) if titles else None
            break
    if start is None or sender_title is None and _signer_named(lines, start, head):
        return (), None
    block = [start]
    for i in head:
        if i <= block[-1]:
            continue
        last, line = lines[block[-1]], lines[i]
        # Lines of a photographed page bow: their boxes may overlap a little.
        if abs(line.x0 - lines[start].x0) <= 25 and -0.5 * last.height <= line.top - last.bottom <= 1.6 * last.height \
                and not DATE.search(line.text):
            block.append(i)
    return tuple(block), sender_title


def _signer_named(lines: list[Line], start: int, head: tuple[int, ...]) -> bool:
    """"M. Fabrice …" alone, the head's last line, under a title line ("Le Sous-préfet,"): a page of
    the signatory block alone names its signer so, no addressee."""
    return _CIVIL_NAME.match(lines[start].norm) is not None and start == head[-1] \
        and any(title_line(lines[i].norm) for i in head if i < start)


_CIVIL_NAME = re.compile(r"^(?:m\.|mme) [a-z]")
_SENDER_TITLE = re.compile(r"^(?:le|la) (?:sous-? ?)?(?:pr[a-z]{3,6}e?|maire|president|presidente)\b")


def _line_above(lines: list[Line], index: int, head: tuple[int, ...]) -> int | None:
    """The sender's title over the lone "à": the nearest line above it in its column, or set
    centred over it ("La préfète de la Guadeloupe" across the "à", a contact line beside); on a
    photo, its box may run into the "à"'s."""
    a = lines[index]
    # a photo's boxes stand taller than the type: the title's may run a little into the "à"'s
    above = [i for i in head if i < index and lines[i].top < a.top
             and lines[i].bottom <= a.top + 1 + OVERLAP * lines[i].height
             and (abs(lines[i].x0 - a.x0) <= 40 or lines[i].x0 < a.x0 < lines[i].bbox[2])]
    return max(above, key=lambda i: (lines[i].bottom, -abs(lines[i].x0 - a.x0))) if above else None


def _closing(lines: list[Line], start: int) -> int | None:
    """The last line of the closing formula ("Je vous prie d'agréer … distinguée.")."""
    found = [i for i in range(start, len(lines)) if _CLOSING.search(lines[i].norm)]
    if not found:
        return None
    last = found[-1]
    # its paragraph's next lines, and the pieces of its own lines OCR cut apart at a wide gap
    # ("… une suite favorable" | "à cette"; "Dans" | "l'attente …"), wherever they sort
    # never into a date line under it ("Blois, le 9 août 2026" between the closing, its full
    # stop read as a comma on a photo, and the block): a date line stands on its own
    while last + 1 < len(lines) and not title_line(lines[last + 1].norm) and not _is_date_line(lines[last + 1]) and (
            _same_row(lines[last], lines[last + 1]) or not lines[last].norm.rstrip().endswith(".")
            and _same_paragraph(lines[last], lines[last + 1])):
        last += 1
    return last


def title_line(norm: str) -> bool:
    """A signatory block's title line ("Le Maire,", "La Préfète de …"), its title as OCR may have
    slipped it ("La Prétète", "Le Ma ire") and the quality reader puts right."""
    return bool(_TITLE_LINE.match(norm) or _TITLE_LINE.match(repaired_titles(norm)))


def _same_row(line: Line, other: Line) -> bool:
    """Two pieces of one printed line: on one page, most of their height shared."""
    shared = min(line.bottom, other.bottom) - max(line.top, other.top)
    return line.page == other.page and shared >= 0.6 * min(line.bottom - line.top, other.bottom - other.top)


def _closing_start(lines: list[Line], closing: int) -> int:
    """The first line of the closing formula's paragraph that ends at `closing`."""
    start = closing
    while start > 0 and (_same_row(lines[start - 1], lines[start]) or _same_paragraph(lines[start - 1], lines[start])
                         and not lines[start - 1].norm.endswith(".")):
        start -= 1
    return start


def _page_furniture(line: Line, text: Line | None = None) -> bool:
    """A page number or a running header ("Commune d'Aléria – 30/05/2026") atop a letter's next
    page, or marks without a letter: no line of the letter's text. Above the letter's `text`, a
    line in smaller type is a running header too, however OCR read its date."""
    return bool(_PAGE_MARK.match(line.norm) or _RUNNING_HEAD.search(line.text) or not re.search(r"[a-z]", line.norm)
                or text is not None and line.bottom <= text.top and line.height < SMALLER * text.height)


def _letterhead_above(line: Line, text: Line) -> bool:
    """The letterhead a letter's next page repeats ("Grand Nord de Mayotte" over the closing
    formula): a short line ending no sentence, set apart above the text by a line's height or
    more; a body's last line ends its sentence or runs on into the text."""
    return line.page == text.page and len(line.norm) <= LETTERHEAD_LENGTH \
        and not line.norm.rstrip().endswith((".", ";", ":", "!", "?", ",")) \
        and text.top - line.bottom >= min(line.height, text.height)


LETTERHEAD_LENGTH = 40  # characters: a name or a town, no line of a paragraph
SMALLER = 0.8  # a line's height under this share of the text's: a header or footer's type, not the letter's


def _same_paragraph(line: Line, after: Line) -> bool:
    """The next line of one paragraph. A photo's OCR boxes may stand taller than the line
    spacing, so that a line's box runs a little into the next one's."""
    return line.page == after.page and after.top > line.top \
        and -OVERLAP * line.height <= after.top - line.bottom <= 0.9 * line.height


OVERLAP = 0.5  # of a line's box height: how far a photo's box may run into the next line's


def _signatory(lines: list[Line], closing: int) -> tuple[int, ...]:
    """Lines after the closing formula: quality, name; not the footer nor the "P.J." lines.

    A closing at the foot of a page whose block holds no title, the next page opening with
    one ("La Maire" under a fax's header): what followed the closing was the page's footer
    misread, and the block is on the next page."""
    block = _block_from(lines, closing + 1)
    page = lines[closing].page
    if any(title_line(lines[i].norm) for i in block) or all(lines[i].page != page for i in block):
        return block
    following = first_rows([i for i in range(closing + 1, len(lines)) if lines[i].page == page + 1], lines,
                           NEXT_PAGE_HEAD, OVERLAP)
    title = next((i for i in following if title_line(lines[i].norm)), None)
    return _block_from(lines, title) if title is not None else block


NEXT_PAGE_HEAD = 4  # rows atop a letter's next page where its signatory block may begin (after a running header)


def _block_from(lines: list[Line], start: int) -> tuple[int, ...]:
    closing = start - 1
    block: list[int] = []
    repeated = running_lines(lines)
    for i in range(start, len(lines)):
        line = lines[i]
        previous = lines[block[-1]] if block else lines[closing]
        if line.page != previous.page and block:
            break
        if _page_furniture(line) or i in repeated:
            # "1/2" under the closing (or OCR's "172" for it: no title nor name is without a
            # letter), "Commune d'Aléria – 30/05/2026" atop the next page
            continue
        if AFTER_SIGNATURE.match(line.norm):
            break
        # a gap measured in text lines: a signature's stroke read as a speck of a line is no measure
        text_height = max(previous.height, lines[closing].height) if closing >= 0 else previous.height
        if block and line.page == previous.page and line.top - previous.bottom > 16 * text_height:
            break
        if FOOTER.search(line.norm):
            if block:
                break
            continue  # the closing at the foot of a page: the block is on the next one, past the footer
        block.append(i)
        if len(block) >= 8:
            break
    return tuple(block)


def _signatory_fallback(lines: list[Line], start: int) -> tuple[int, ...]:
    """No closing formula: the last short lines of the letter."""
    last = next((i for i in range(max(start, len(lines) - 6), len(lines)) if AFTER_SIGNATURE.match(lines[i].norm)),
                len(lines))  # "Copie : …", "P.J. : …" come after the signature
    tail = [i for i in range(max(start, len(lines) - 6), last)
            if len(lines[i].norm) <= 60 and not FOOTER.search(lines[i].norm)]
    return tuple(tail[-4:])


def _date_line(lines: list[Line], head: tuple[int, ...], signatory: tuple[int, ...], end: int) -> int | None:
    """"Ville, le 12 mars 2026" in the head (or "Fait à …, le …" by the signature), never the body."""
    made = [i for i, line in enumerate(lines) if line.norm.startswith("fait ")]  # "Fait à …, le …" by the closing
    for group in (head, signatory, range(end), made):
        found = [i for i in group if (match := DATE.search(lines[i].text)) and _date_line_shape(lines[i].text, match)]
        # A bare "06/07/2026" above the letterhead is a fax's transmission header or a stamp's
        # "received" date: the letter's own "Fort-de-France, le 4 juillet 2026" comes first.
        written = [i for i in found if not _BARE_NUMERIC.fullmatch(lines[i].text.strip(" .,;:|"))]
        if found:
            return (written or found)[0]
    return None


def _is_date_line(line: Line) -> bool:
    """"Blois, le 9 août 2026": a date with at most its place before it, nothing after."""
    match = DATE.search(line.text)
    return bool(match) and _date_line_shape(line.text, match)


_BARE_NUMERIC = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}")


# the place ends on its comma, or on the period or semicolon a photo or a scan reads it as
# ("Grand-Bourg. 30 septembre 2026", "Cayenne; le 8 novembre 2026")
_BEFORE_DATE = re.compile(rf"(?i)^\s*[^\w\s]*\s*(?:(?:fait\s*)?(?:à|a)\s+)?(?:[A-ZÀ-Ý](?:[^\W\d_]|['’ .-]){{0,50}}?"
                          rf"(?:[,.;]\s*(?:{_LE}\s+)?|\s+{_LE}\s+)|{_LE}\s+)?(?:(?:lun|mar|mercre|jeu|vendre|same)di\s+|dimanche\s+)?$")


def _date_line_shape(text: str, match: re.Match) -> bool:
    """The date is the line's point: a place and "le" before it at most ("Rennes, le"), nothing after.

    Not "V/Réf : courrier du 2 février 2026", not "Par délibération du 15 février 2026".
    """
    before, after = text[:match.start()], text[match.end():]
    numbers = re.findall(r"\d+", match.group("date"))
    if len(numbers) == 3 and not (1 <= int(numbers[0]) <= 31 and 1 <= int(numbers[1]) <= 12):
        return False  # "Tél. 04.77,56.22.56": digits in threes, no day and month
    return bool(_BEFORE_DATE.match(before) or _FAIT.match(before)) and len(after.strip(" .")) <= 3


_FAIT = re.compile(r"(?i)^\s*[^\w\s]*\s*fait(?:\b|(?=à))[^\d:]{0,45}$")  # "Fait à Saint-Cyprien, le", however OCR read the place


def date_parts(text: str) -> tuple[str | None, str | None]:
    """("Rennes", "16 mars 2026") from "Rennes, le 16 mars 2026"."""
    match = DATE.search(text)
    if not match:
        return None, None
    before = text[:match.start()]
    place = _DATE_LINE.match(before + " x")
    place_text = place.group("place").strip(" ,.") if place else None
    if place_text and re.fullmatch(rf"(?i){_LE}|fait", place_text):
        place_text = None
    return place_text or None, match.group("date")
