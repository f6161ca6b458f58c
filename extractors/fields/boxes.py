"""Check-box groups: which options are ticked, from ☒/☐, [X]/[ ] or boxes found on scans."""

from __future__ import annotations

import logging
import re

from extractors.fields.form import Option
from extractors.fields.labels import same_word
from extractors.fields.layout import Token, norm

log = logging.getLogger(__name__)

CHECKED = {"☒", "☑", "✔", "✓", "✗", "✘", "■", "⊠", "[x]", "(x)", "x", "🗹", "⌧",
           "&", "[x", "x]", "®"}  # how Tesseract reads a crossed box it did not see as one
UNCHECKED = {"☐", "□", "❑", "❏", "[]", "[ ]", "()", "( )", "o",
             "0", "d", "cd", "ci", "cl", "c]", "[j", "li"}  # ... and an empty one


def read_boxes(tokens: list[Token], options: tuple[Option, ...]) -> tuple[list[str] | None, float]:
    """Slugs of the ticked options in form order; None when no box is ticked at all.

    The confidence drops when an option's box cannot be told (neither ticked nor empty).
    """
    marks = _merge_brackets(tokens)
    ticked, undecided, found = [], 0, 0
    for option in options:
        at = _find_option(marks, option)
        if at is None:
            continue
        found += 1
        state = _box_before(marks, at)
        if state is None:
            undecided += 1
        elif state:
            ticked.append(option.slug)
    if not found:
        return None, 0.0
    confidence = 1.0 - undecided / max(found, 1)
    return (ticked or None), round(confidence * min(1.0, found / len(options) + 0.5), 3)


def box_state(text: str) -> bool | None:
    """True for a ticked box glyph, False for an empty one, None for anything else."""
    text = text.strip().lower()
    if text in CHECKED:
        return True
    if text in UNCHECKED:
        return False
    return None


_GLUED_BOX = re.compile(r"^(\[\s*[xX]?\s*\]|[☐☒☑□■])(?=\w)")


def _split_glued(tokens: list[Token]) -> list[Token]:
    """OCR glues a retyped box to its option ("[]Communale", "☒Aucun"): two tokens again."""
    out: list[Token] = []
    for token in tokens:
        match = _GLUED_BOX.match(token.text)
        if not match:
            out.append(token)
            continue
        box, rest = match.group(0), token.text[match.end():]
        share = len(box) / len(token.text)
        split_x = token.bbox[0] + share * (token.bbox[2] - token.bbox[0])
        page_split = token.page_bbox[0] + share * (token.page_bbox[2] - token.page_bbox[0])
        box_text = "[x]" if "x" in box.lower() else "[ ]" if box.startswith("[") else box
        out.append(Token(box_text, norm(box_text), token.file, token.page,
                         (token.bbox[0], token.bbox[1], split_x, token.bbox[3]), token.conf,
                         (token.page_bbox[0], token.page_bbox[1], page_split, token.page_bbox[3])))
        out.append(Token(rest, norm(rest), token.file, token.page,
                         (split_x, token.bbox[1], token.bbox[2], token.bbox[3]), token.conf,
                         (page_split, token.page_bbox[1], token.page_bbox[2], token.page_bbox[3])))
    return out


def _merge_brackets(tokens: list[Token]) -> list[Token]:
    """Retyped boxes split into words: "[", "X", "]" or "[", "]" become one token."""
    tokens = _split_glued(tokens)
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        text = tokens[i].text
        if text == "[" and i + 1 < len(tokens) and tokens[i + 1].text == "]":
            out.append(_joined(tokens[i], tokens[i + 1], "[ ]"))
            i += 2
        elif text == "[" and i + 2 < len(tokens) and tokens[i + 2].text == "]" and tokens[i + 1].text.lower() == "x":
            out.append(_joined(tokens[i], tokens[i + 2], "[x]"))
            i += 3
        else:
            out.append(tokens[i])
            i += 1
    return out


def _joined(first: Token, last: Token, text: str) -> Token:
    bbox = (first.bbox[0], min(first.bbox[1], last.bbox[1]), last.bbox[2], max(first.bbox[3], last.bbox[3]))
    page_bbox = (first.page_bbox[0], min(first.page_bbox[1], last.page_bbox[1]), last.page_bbox[2],
                 max(first.page_bbox[3], last.page_bbox[3]))
    return Token(text, norm(text), first.file, first.page, bbox, min(first.conf, last.conf), page_bbox)


def _find_option(tokens: list[Token], option: Option) -> int | None:
    """Where the option's words start: the fullest match, preferring one right after a box."""
    words = [w for w in map(norm, option.text.split()) if w]
    best, best_key = None, (0, False)
    for start, token in enumerate(tokens):
        if not same_word(token.norm, words[0]):
            continue
        matched = _matched_words(tokens, start, words)
        boxed = _box_before(tokens, start) is not None
        if matched < len(words) and (matched < 3 or matched < 0.75 * len(words)):
            continue  # "villes" is not "Villages d'avenir", "gestion des" not "Gestion des risques"
        key = (matched, boxed)
        if key > best_key:
            best, best_key = start, key
    return best


def _matched_words(tokens: list[Token], start: int, words: list[str]) -> int:
    j, k = 0, start
    while j < len(words) and k < len(tokens):
        if not tokens[k].norm:
            k += 1
            continue
        if same_word(tokens[k].norm, words[j]):
            j, k = j + 1, k + 1
            continue
        glued = next((n for n in (2, 3) if j + n <= len(words)
                      and same_word(tokens[k].norm, "".join(words[j:j + n]))), 0)
        if not glued:  # OCR glues short words: "ouîlot" is "ou îlot"
            break
        j, k = j + glued, k + 1
    return j


def _box_before(tokens: list[Token], at: int) -> bool | None:
    """The state of the box printed just before an option's first word."""
    for back in (1, 2):
        if at - back < 0:
            return None
        state = box_state(tokens[at - back].text)
        if state is not None:
            return state
        if tokens[at - back].norm and tokens[at - back].norm != "x":
            return None
    return None
