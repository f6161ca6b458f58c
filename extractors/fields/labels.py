"""Find the form's printed labels among a document's rows, tolerant of OCR errors."""

from __future__ import annotations

import logging
import re

from rapidfuzz import fuzz

from extractors.fields.annex_titles import numbered_annex
from extractors.fields.form import ALIASES, LABELS, OPTIONS
from extractors.fields.label_order import Hit, in_form_order
from extractors.fields.layout import _BOXES, Row, Token, norm
from extractors.fields.word_match import same_word

log = logging.getLogger(__name__)

COLUMN_GAP = 22.0  # points: a wider gap between two words means the next column
MIN_SCORE = 0.8
# Section headings, including what OCR leaves of them at a page edge ("ECTION", "NNEXE").
_HEADING = re.compile(r"^[\s|(\[{:;.,'!]*((s?ection|a?nnexe)\s*[0-9ivxa]+\b|[0-9]\s*[.)–-]\s+(les?\s|la\s|l\s?['’]))", re.I)
_LEADERS = {"", "•", "-", "–", "—", "*", "·"}


def find_labels(rows: list[Row]) -> list[Hit]:
    """Every label occurrence, then the subset that follows the form's order."""
    hits = []
    for r, row in enumerate(rows):
        start = _first_real_token(row)
        if start is None or _option_of(hits, row) or _option_row(row) and not bare_title(row):
            continue  # "✓ Commune" is a ticked option, never the label "Commune(s)"; "☐ Ressources": "5/" read as a box
        found = _best_hit_at(rows, r, start) or _garbled_heading(row, r, start) or _numbered_annex(row, r, start) \
            or _after_rule(rows, r, start) or _after_speck(rows, r, start)
        if found is not None:
            hits.append(found)
        elif _HEADING.match(row.text) or numbered_heading(row) or heading_scrap(row) or bare_title(row):
            hits.append(Hit(-1, (r, start), frozenset((r, k) for k in range(len(row.tokens))), 1.0))
            continue
        hits += _labels_inside(rows, r, start, found)
    return in_form_order(hits)


_SEPARATORS = (":", ".", ";", "-", "–", "—")
_COLON = (":", ";")  # a fax or a poor scan reads a colon as a semicolon
_COLON_MISREAD = {"!", "|"}  # ... or, standing alone after the label, as these

# A retyped copy numbers its sections its own way ("2/ Localisation", "2) La localisation",
# "Section 2 : …", "II. …"), OCR turning "2/" into "21" or "2l": the number, then a word of
# that section's printed title, on a short row of its own.
_NUMBERING = re.compile(r"^[\W_]*(?:section|partie|titre)?\s*(?P<number>[1-5]|i{1,3}|iv|v)"
                        r"(?:\s*[/|).:!\]}–—-]|[1lI]?(?=\s))\s*", re.I)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def _section_words() -> dict[int, set[str]]:
    """Each section's number and the words of its printed title that name it."""
    words = {}
    for label in LABELS:
        match = re.match(r"SECTION (\d) – (.*)", label.text)
        if match and label.field is None:
            title = [norm(w) for w in re.split(r"[\s'’]+", match.group(2))]
            words[int(match.group(1))] = {w for w in title if len(w) > 3 and w != "atelier"}
    return words


_SECTION_WORDS = _section_words()


def numbered_heading(row: Row) -> bool:
    """A section heading in a retyped copy's own numbering: it ends the answer before it."""
    if len(row.tokens) > 8:
        return False
    match = _NUMBERING.match(row.text)
    if not match:
        return False
    number = match.group("number").lower()
    section = int(number) if number.isdigit() else _ROMAN[number]
    rest = [norm(w) for w in re.split(r"[\s'’]+", row.text[match.end():]) if norm(w)]
    title = _SECTION_WORDS.get(section, set())
    return any(same_word(word, key) for word in rest[:3] for key in title)



# The small words of a retyped copy's own section titles ("Objet de l'atelier", "Porteurs du projet").
_TITLE_FILLERS = frozenset("de du des la le les l latelier atelier projet".split())


def bare_title(row: Row) -> bool:
    """A retyped copy's section title whose number a fax lost ("Ressources" for "5/ Ressources")
    or a scan misread as a doubted scrap ("AI Objectifs" for "4/ Objectifs"): a short row of
    its own, a word only that section's printed title holds, then small words."""
    tokens = row.tokens[1:] if len(row.tokens) > 1 and len(row.tokens[0].text) <= 2 \
        and row.tokens[0].conf < _NUMBER_DOUBTED else row.tokens
    words = [t.norm for t in tokens if t.norm]
    if not 1 <= len(words) <= 4 or len(row.tokens) > 5:
        return False
    head = words[0]
    return len(head) >= 5 and any(same_word(head, key) for keys in _SECTION_WORDS.values() for key in keys) \
        and all(w in _TITLE_FILLERS for w in words[1:])


_NUMBER_DOUBTED = 0.7  # a section's number read as letters Tesseract doubts so ("AI" at 0.58 for "4/")
_TITLE_WORDS = frozenset(w for words in _SECTION_WORDS.values() for w in words) | {"dynamiques", "amenagement"}


def heading_scrap(row: Row) -> bool:
    """What a photo left of a section's title: a short row in capitals holding a piece of a
    word only the titles print ("LED JECTIFS DE" for "LES OBJECTIFS DE L'ATELIER"). It ends
    the answer before it: the next section's words are no part of it."""
    words = [t.text for t in row.tokens if t.norm]
    if not 2 <= len(words) <= 6 or not all(w.isupper() for w in words):
        return False
    return any(len(n) >= 5 and any(n in key or same_word(n, key) for key in _TITLE_WORDS)
               for n in (norm(w) for w in words))


def _labels_inside(rows: list[Row], r: int, start: int, first: Hit | None) -> list[Hit]:
    """Labels after an answer on the same row, as a retyped fiche writes them: "Nom : Jean
    Fontaine   Courriel : jf@…", or OCR's "Fonction . Cheffe de service". Only a label the
    form's words fully match, followed by its colon (or a dot or dash OCR made of it) or by
    an answer of its own shape (an address after "Courriel")."""
    tokens = rows[r].tokens
    taken = set(first.positions) if first else set()
    found = []
    for k in range(start + 1, len(tokens)):
        token = tokens[k]
        if (r, k) in taken or not token.text[:1].isupper():
            continue
        hit = _best_hit_at(rows, r, k, inside=True)
        if hit is None or hit.index < 0 or hit.score < 0.9 or hit.start[0] != r:
            continue
        label = LABELS[hit.index]
        if not label.field or label.skip or label.inline or not _separated(rows, hit, label.field):
            continue
        found.append(Hit(hit.index, hit.start, hit.positions, hit.score, inside=True))
        taken |= hit.positions
    return found


def _separated(rows: list[Row], hit: Hit, field: str) -> bool:
    row, k = max(hit.positions)
    tokens = rows[row].tokens
    if tokens[k].text.rstrip().endswith(_COLON):
        return True
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if following is None:
        return False
    if following.text in _SEPARATORS or following.text.startswith(":"):
        return True
    shaped = {"_email": "@" in following.text, "_telephone": re.fullmatch(r"[+\d][\d .]*", following.text)}
    return any(field.endswith(suffix) and bool(ok) for suffix, ok in shaped.items())


_TITLES = [(index, norm(label.text)) for index, label in enumerate(LABELS)
           if norm(label.text).startswith(("section", "annexe"))]


def _garbled_heading(row: Row, r: int, k: int) -> Hit | None:
    """A section or annex title that OCR mangled ("ANNEXE EXE LES DYNAMIQUES D Q DU T", "KE
    1-LES DYN ES DU TERRITO", read off a dark band on a photo): the whole row read as one
    string, close to one title and clearly closer to it than to any other."""
    if len(row.tokens) - k > 10:
        return None  # running text, not a title
    text = "".join(t.norm for t in row.tokens[k:])
    scored = sorted(((fuzz.ratio(text, title), index) for index, title in _TITLES), reverse=True)
    (best, index), (second, _) = scored[0], scored[1]
    if best < 70 or best - second < 3:
        return None
    return Hit(index, (r, k), frozenset((r, j) for j in range(len(row.tokens))), round(best / 100, 3))


def _numbered_annex(row: Row, r: int, k: int) -> Hit | None:
    """An annex's title cut after its number: the whole row is the title (see annex_titles)."""
    index = numbered_annex(row.tokens[k:])
    return None if index is None else Hit(index, (r, k), frozenset((r, j) for j in range(len(row.tokens))), MIN_SCORE)


HEADLESS = 12  # letters a label's words must still hold once its first word is lost
HEADLESS_WORD = 10


def _variants() -> list[tuple[int, list[str]]]:
    """(LABELS index, label words) for every label and alias, longest first; and a label
    without its first word where the rest still says which it is: a scan loses a word at a
    cell's left edge ("de rattachement" for "EPCI de rattachement")."""
    out = []
    for index, label in enumerate(LABELS):
        words = [w for w in map(norm, label.text.split()) if w]
        out.append((index, words))
        # ... or one long word of its own ("concernée(s" once a scan lost "Commune(s)")
        if label.field and not (label.skip or label.inline) and (
                sum(map(len, words[1:])) >= HEADLESS or len(words) == 2 and len(words[1]) >= HEADLESS_WORD):
            out.append((index, words[1:]))
        for alias in ALIASES.get(label.field or "", ()):
            out.append((index, [w for w in map(norm, alias.split()) if w]))
    return sorted(out, key=lambda item: -sum(map(len, item[1])))


VARIANTS = _variants()


def _best_hit_at(rows: list[Row], r: int, k: int, inside: bool = False) -> Hit | None:
    """The label starting at token k of row r; `inside` a row, what follows it is checked by
    the caller (its colon may be a dot, its answer may follow after a mere space)."""
    first = rows[r].tokens[k].norm
    # A label's first word OCR cut after its first letters ("Th ématique(s)"): the two pieces.
    joined = first + rows[r].tokens[k + 1].norm if len(first) < 4 and k + 1 < len(rows[r].tokens) else first
    best = None
    for index, words in VARIANTS:
        if not words or not same_word(first, words[0]) and not first.startswith(words[0][:4]) \
                and not (len(words[0]) >= 6 and joined.startswith(words[0][:4])):
            continue
        # Printed instructions need not end at a gap: OCR leaves their last line half read.
        matched = _match(rows, r, k, words, LABELS[index].inline or LABELS[index].skip or inside)
        if matched is None:
            continue
        positions, score = matched
        threshold = 0.6 if LABELS[index].skip else MIN_SCORE
        if LABELS[index].skip:
            # Printed instructions fill their lines: what OCR left of them is no answer.
            positions = [(row, j) for row in sorted({p[0] for p in positions})
                         for j in range(len(rows[row].tokens))]
        # The variant covering the most of the row wins: the full label whose OCR lost a
        # word, rather than a short alias that leaves the label's last line in the answer.
        if score >= threshold and (best is None or (len(positions), score) > (len(best.positions), best.score)):
            best = Hit(index, (r, k), frozenset(positions), score)
    return best


def _match(rows: list[Row], r: int, k: int, words: list[str], inline: bool = False):
    """Match `words` from token k of row r, continuing on the next rows at the same x."""
    positions: list[tuple[int, int]] = []
    matched_chars, j, row, last = 0, 0, r, None
    lost_inside = False
    x_start = rows[r].tokens[k].x0
    while j < len(words):
        tokens = rows[row].tokens
        if k < len(tokens) and (last is None or tokens[k].x0 - last.x1 < COLUMN_GAP):
            token = tokens[k]
            if token.norm in ("",) and token.text in _LEADERS | {":"}:
                k, last = k + 1, token
                continue
            below = _goes_on_below(rows, row, x_start, words[j]) if last is not None and positions \
                and column_gap(last, token) else None
            if below is not None:
                # "… SCoT, | Étude de revitalisation": the answer's first word, across the column
                # gap, resembles the label's next one; the label goes on below at its own edge.
                row, k, last = below[0], below[1], None
                continue
            whole = same_word(token.norm, words[j])
            if whole or _cut_short(tokens, k, words[j]):
                positions.append((row, k))
                matched_chars += len(words[j]) if whole else len(token.norm)
                j, k, last = j + 1, k + 1, token
                continue
            if k + 1 < len(tokens) and _split(token, tokens[k + 1], words[j]):
                positions += [(row, k), (row, k + 1)]  # OCR cut one word in two: "restau ratio"
                matched_chars += len(words[j])
                j, k, last = j + 1, k + 2, tokens[k + 1]
                continue
            if k + 2 < len(tokens) and _split_by_speck(tokens[k], tokens[k + 1], tokens[k + 2], words[j]):
                positions += [(row, k), (row, k + 1), (row, k + 2)]  # "diagn a nostics": a speck inside
                matched_chars += len(words[j])
                j, k, last = j + 1, k + 3, tokens[k + 2]
                continue
            glued = _glued(tokens, k, words, j)
            if glued:
                positions.append((row, k))
                matched_chars += sum(len(w) for w in words[j:j + glued])
                j, k, last = j + glued, k + 1, token
                continue
            if token.text in _BOXES and len(words[j]) <= 3 and last is not None:
                positions.append((row, k))  # "NATURE ☐ LA COLLECTIVITÉ": a small word in capitals read as a box
                matched_chars += len(words[j])
                j, k, last = j + 1, k + 1, token
                continue
            if len(words[j]) <= 2:
                j += 1  # a short word lost by OCR
                continue
            skip = _lost_words(token, words, j) if row != r and last is None else 0
            if skip:
                j += skip  # the start of the label's next line, lost by OCR ("(PLU/PLUi,")
                continue
            if last is not None and not lost_inside and j + 1 < len(words) and len(words[j]) >= 4 \
                    and same_word(token.norm, words[j + 1]):
                # One word lost inside the label's line ("Documents disponibles SCoT, études, …"
                # on a fax that dropped "(PLU/PLUi,"): only a label then read to its end.
                j, lost_inside = j + 1, True
                continue
            following = _continuation(rows, row, x_start)
            at = _token_at(rows[following], x_start) if following is not None and positions else None
            if at is not None and (same_word(rows[following].tokens[at].norm, words[j])
                                   or _cut_short(rows[following].tokens, at, words[j])):
                # The answer starts close after the label's first line: the label goes on below.
                row, k, last = following, at, None
                continue
            break
        following = _continuation(rows, row, x_start)
        if following is None or not positions:
            break
        row, k, last = following, _token_at(rows[following], x_start), None
    if j == len(words) and last is not None:
        tokens = rows[row].tokens
        while k < len(tokens) and len(tokens[k].norm) <= 2 and boxed_inside(tokens[k], last):
            positions.append((row, k))  # a photo's short word boxed inside the label's last one ("mobiliser à")
            k += 1
    total = sum(len(w) for w in words)
    if lost_inside and j < len(words):
        return None
    if not positions or not (inline or _ends_label(rows, positions[-1], j == len(words))):
        return None
    return positions, matched_chars / total


def _goes_on_below(rows: list[Row], row: int, x: float, word: str) -> tuple[int, int] | None:
    """The (row, token) where a label's next word stands on its next line at its left edge."""
    following = _continuation(rows, row, x)
    at = _token_at(rows[following], x) if following is not None else None
    if at is None or not (same_word(rows[following].tokens[at].norm, word) or _cut_short(rows[following].tokens, at, word)):
        return None
    return following, at


def boxed_inside(token: Token, other: Token) -> bool:
    """A word boxed mostly inside the left half of the one OCR put before it: a photo's curved
    line read out of order ("bailleurs les sociaux" for "les bailleurs sociaux"). A short word
    in the right half of its neighbour's box ("Chef du") is only a loose box, in order."""
    inside = min(token.x1, other.x1) - max(token.x0, other.x0)
    return (token.file, token.page) == (other.file, other.page) and inside >= 0.5 * max(token.x1 - token.x0, 1.0) \
        and token.bbox[1] < other.bbox[3] and other.bbox[1] < token.bbox[3] \
        and token.x0 + token.x1 < other.x0 + other.x1


def _cut_short(tokens, k: int, word: str) -> bool:
    """The start of a long label word ending its line in the cell: OCR lost the rest of it at
    the cell's edge ("restau" for "restauration…)" on a 150 dpi scan)."""
    token = tokens[k]
    return len(token.norm) >= 5 and len(word) >= 8 and word.startswith(token.norm) \
        and (k + 1 == len(tokens) or column_gap(token, tokens[k + 1]))


def _lost_words(token: Token, words: list[str], j: int) -> int:
    """How many label words to pass over so that this token matches the next one (at most 2)."""
    for skip in (1, 2):
        if j + skip < len(words) and same_word(token.norm, words[j + skip]):
            return skip
    return 0


def _split(token: Token, following: Token, word: str) -> bool:
    """Two tokens close together that make one label word once joined."""
    return len(word) >= 6 and not same_word(token.norm, word) and following.x0 - token.x1 < COLUMN_GAP \
        and same_word(token.norm + following.norm, word)


def _split_by_speck(token: Token, speck: Token, following: Token, word: str) -> bool:
    """A label word cut in two by a speck OCR read as a letter between its pieces, boxed
    over them ("diagn a nostics" for "diagnostics" on a 150 dpi scan)."""
    return len(speck.norm) <= 1 and speck.x0 < following.x0 and speck.x1 > token.x1 - (token.x1 - token.x0) \
        and _split(token, following, word)


def _glued(tokens, k: int, words: list[str], j: int) -> int:
    """OCR sometimes glues two label words: how many label words this token covers."""
    for count in (2, 3):
        if j + count <= len(words) and same_word(tokens[k].norm, "".join(words[j:j + count])):
            return count
    return 0


def _ends_label(rows: list[Row], last: tuple[int, int], complete: bool) -> bool:
    """A label is followed by nothing, a column gap, or a colon: never by running text."""
    row, k = last
    tokens = rows[row].tokens
    if tokens[k].text.rstrip().endswith(_COLON):
        return True
    if k + 1 >= len(tokens):
        return True
    following = tokens[k + 1]
    if complete and _cell_gap(tokens[k], following):
        return True
    # A fax reads the colon as "!" ("Thématique(s) !"): a lone mark, never running text.
    return column_gap(tokens[k], following) or complete and (
        following.text.startswith(_COLON + ("–", "—", "-")) or following.text in _COLON_MISREAD)


def column_gap(before: Token, after: Token) -> bool:
    """A gap wider than any space between words: the next column, not the next word.

    Relative to the letters' height, since a narrow label column sits close to its answers.
    """
    height = min(before.bbox[3] - before.bbox[1], after.bbox[3] - after.bbox[1])
    return after.x0 - before.x1 >= min(COLUMN_GAP, max(1.5 * height, 6.0))


def _cell_gap(before: Token, after: Token) -> bool:
    """After a label matched word for word, a gap a few spaces wide already ends it: a
    long label fills its cell and the answer's cell starts close to its last word."""
    height = min(before.bbox[3] - before.bbox[1], after.bbox[3] - after.bbox[1])
    return after.x0 - before.x1 >= max(height, 4.0)


def _continuation(rows: list[Row], row: int, x: float) -> int | None:
    """The next row holding the label's next line at the same x: the row right below, or
    the one after when the answer's second line (its own row) came between them."""
    height = max(t.bbox[3] - t.bbox[1] for t in rows[row].tokens)
    for nxt in (row + 1, row + 2):
        if nxt >= len(rows):
            return None
        if (rows[nxt].file, rows[nxt].page) != (rows[row].file, rows[row].page):
            # A label cut by the page's end goes on at the top of the next page.
            turned = nxt == row + 1 and (rows[nxt].file, rows[nxt].page) == (rows[row].file, rows[row].page + 1)
            return nxt if turned and _token_at(rows[nxt], x) is not None else None
        if rows[nxt].top - rows[row].top > max(40, 4 * height):
            return None
        if _token_at(rows[nxt], x) is not None:
            return nxt
    return None


def _token_at(row: Row, x: float) -> int | None:
    for index, token in enumerate(row.tokens):
        if abs(token.x0 - x) <= 12:
            return index
    return None


# Marks that open a check-box option's line, as typed or as OCR reads them.
_BOX_MARKS = _BOXES | {"✓", "✔", "✗", "✘", "⊠", "❑", "❏", "[x]", "[X]", "[", "[]", "[ ]", "X", "x", "×"}


def _option_row(row: Row) -> bool:
    """A row that starts with a box or a tick: one option of a check-box group."""
    first = row.tokens[0].text
    if first == "[" and (len(row.tokens) < 2 or row.tokens[1].text.lower() not in ("]", "x", "x]")):
        return False  # a lone "[" is a scan's cell rule before a label, not a typed "[ ]"
    return first in _BOX_MARKS or bool(re.match(r"^(\[\s*[xX]?\s*\]|[☐☒☑□■✓✔])\w", first))


def _option_of(hits: list[Hit], row: Row) -> bool:
    """A row that is, word for word, one option of the check-box group whose label was the
    last found ("Commune" under "Nature de la collectivité", its ticked box lost on a scan):
    an option, never the label it resembles ("Commune(s)")."""
    last = next((h for h in reversed(hits) if h.index >= 0), None)
    options = OPTIONS.get(LABELS[last.index].field or "", ()) if last is not None else ()
    text = "".join(t.norm for t in row.tokens)
    return any(text == "".join(norm(w) for w in option.text.split()) for option in options)


_RULE_STROKES = set("1lI|!Î[]")


def _after_rule(rows: list[Row], r: int, k: int) -> Hit | None:
    """A label after a table's left rule read as a lone stroke ("1 Secteur d'étude", "Î Attendus
    de l'Atelier" on photos and faxes): the stroke is the label's, no answer's."""
    tokens = rows[r].tokens
    if tokens[k].text not in _RULE_STROKES or tokens[k].conf >= 1.0 or k + 1 >= len(tokens):
        return None
    hit = _best_hit_at(rows, r, k + 1)
    return Hit(hit.index, hit.start, hit.positions | {(r, k)}, hit.score) if hit is not None else None


def speck(token: Token) -> bool:
    """A short word read so unsurely it is likelier a table rule's or a stain's scrap than a word."""
    return token.conf < SPECK and len(token.norm) <= 3


SPECK = 0.5  # below this, a word of three letters or less opening a row is a scrap


def _after_speck(rows: list[Row], r: int, start: int) -> Hit | None:
    """The label after a speck opening its row ("SRE Commune(s) concernée(s)", "TA Courriel:"):
    a scan's table rule or a photo's shadow read as letters before the label."""
    if start + 1 < len(rows[r].tokens) and speck(rows[r].tokens[start]):
        return _best_hit_at(rows, r, start + 1)
    return None


def _first_real_token(row: Row) -> int | None:
    """Skip bullets and numbering ("1.", "a)") in front of a retyped label."""
    for index, token in enumerate(row.tokens):
        if token.text in _LEADERS or re.fullmatch(r"[0-9a-z]{1,2}[.)]", token.text, re.I):
            continue
        if not token.norm and token.text not in _BOXES:
            continue  # a table's left rule read as ":", "|" or "!" on a scan
        return index
    return None
