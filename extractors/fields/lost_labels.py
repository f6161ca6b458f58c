"""Labels OCR did not find: what is left of them in a table row, and which field a row is."""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from extractors.fields.form import LABELS
from extractors.fields.label_order import Hit
from extractors.fields.labels import VARIANTS, column_gap, same_word, speck
from extractors.fields.layout import Token, norm, token_lines

SCRAP_LETTERS = 5  # a label's tail shorter than this may be an answer's own word


def own_label_words(field: str, tokens: list[Token]) -> int:
    """How many leading tokens are the field's own label read too badly to be found, not its
    answer: its start, its last word cut by OCR ("Autres partenaires as:"), or its tail alone
    in the label column ("porteuse" of "Collectivité porteuse", a photo losing the first word
    at the cell's left edge), a column gap then parting it from the answer. A speck read before
    the label ("SRE Commune(s) concernée(s) …": a table rule's scrap) goes with it."""
    found = _own_label_words(field, tokens)
    if not found and len(tokens) > 1 and speck(tokens[0]):
        after = _own_label_words(field, tokens[1:])
        return after + 1 if after else 0
    return found


def _own_label_words(field: str, tokens: list[Token]) -> int:
    best = 0
    for index, words in VARIANTS:
        if LABELS[index].field != field:
            continue
        count = 0
        for token, word in zip(tokens, words):
            if not (same_word(token.norm, word) or len(token.norm) >= 2 and word.startswith(token.norm)):
                break
            count += 1
        if count >= 2 and count == len(words) - 1 and _last_word_misread(tokens, count, words[-1]):
            count += 1  # "Service de l'État ptote": its last word misread, in the label's column
        best = max(best, count if count >= 2 else 0, _label_tail(tokens, words), _first_word_misread(tokens, words))
    return best


def _first_word_misread(tokens: list[Token], words: list[str]) -> int:
    """"Findiulé de l'Atelier | Reconvertir …": the label's first word misread on a photo, its
    other words read, a column gap then parting it from the answer: the label's tokens."""
    n = len(words)
    if n < 2 or len(tokens) <= n or fuzz.ratio(tokens[0].norm, words[0]) < MISREAD \
            or sum(map(len, words[1:])) < SCRAP_LETTERS:
        return 0
    if not all(same_word(t.norm, w) or t.norm == w for t, w in zip(tokens[1:n], words[1:])):
        return 0
    return n if _gap_after(tokens[n - 1], tokens[n]) else 0


MISREAD = 60  # ratio of a label word misread on a photo ("ptote" for "pilote") to the printed one


def _last_word_misread(tokens: list[Token], k: int, word: str) -> bool:
    """Whether token k, right after the label's other words, is its last word misread: alike
    enough, and ended by a column gap before the answer's words on the same line."""
    if k + 1 >= len(tokens) or fuzz.ratio(tokens[k].norm, word) < MISREAD:
        return False
    return _gap_after(tokens[k], tokens[k + 1])


def _gap_after(last: Token, following: Token) -> bool:
    """A column gap between two words of one line: the label's column ends there."""
    return (last.file, last.page) == (following.file, following.page) and following.bbox[1] < last.bbox[3] \
        and last.bbox[1] < following.bbox[3] and column_gap(last, following)


def _label_tail(tokens: list[Token], words: list[str]) -> int:
    """How many leading tokens are the label's words from its second one on, ended by a column
    gap before the rest of the row (0 when not)."""
    for start in range(1, len(words)):
        count = 0
        for token, word in zip(tokens, words[start:]):
            if not same_word(token.norm, word):
                break
            count += 1
        if not count or count >= len(tokens) or sum(len(t.norm) for t in tokens[:count]) < SCRAP_LETTERS:
            continue
        if _gap_after(tokens[count - 1], tokens[count]):
            return count
    return 0


def lost_label_named(words: str, fields: list[str]) -> str | None:
    """The one field among `fields` (labels OCR did not find) whose printed label the
    label-column words of a table row resemble ("technique", "Nom et prénom de l'élu(e)"),
    or None when none or several do."""
    text = norm(words)
    if len(text) < 5:
        return None
    printed = {label.field: norm(label.text) for label in LABELS if label.field in fields}
    alike = [field for field, label in printed.items() if fuzz.partial_ratio(text, label) >= 85]
    return alike[0] if len(alike) == 1 else None


def named_rows(tokens: list[Token], rows: list[tuple[int, str]], run: list[str]) -> dict[str, list[Token]]:
    """Unnamed table rows told apart by their label-column words among the lost labels
    ("technique" of "Référent technique"); a row naming none, or the same, continues the
    one above (its label wrapped). Empty unless the first row is named and none twice."""
    out: dict[str, list[Token]] = {}
    field = None
    for n, (start, words) in enumerate(rows):
        cell = tokens[start:rows[n + 1][0] if n + 1 < len(rows) else len(tokens)]
        named = lost_label_named(words, run)
        if named is None or named == field:
            if field is None:
                return {}
            out[field] += cell
        elif named in out:
            return {}
        else:
            field, out[named] = named, cell
    return out


def titled_by_instructions(hits: list[Hit]) -> list[Hit]:
    """An annex whose title OCR lost (a photo's dark band read "LES DU") while its printed
    instructions were found: the instructions stand for the title, so that they end the answer
    before them and the text after them is the annex's, not the previous answer's tail."""
    found = {hit.index for hit in hits}
    out = []
    for hit in hits:
        before = LABELS[hit.index - 1] if hit.index > 0 else None
        if hit.index >= 0 and LABELS[hit.index].skip and before is not None and before.field \
                and before.field.startswith("a") and hit.index - 1 not in found:
            hit = replace(hit, index=hit.index - 1)
        out.append(hit)
    return out


def label_rest(index: int, tokens: list[Token]) -> int:
    """How many leading tokens of an answer are its own label's last words, up to the colon
    that ends it: the label found by its first words, a blank where OCR lost one of its words
    ("Documents disponibles      SCoT, études, diagnostics :" on a fax that dropped
    "(PLU/PLUi,") parting them from the rest. Two words at least, in the label's order, to
    its last word; then a colon."""
    words = [w for w in map(norm, LABELS[index].text.split()) if w]
    for count in range(min(len(tokens) - 1, len(words) - 1), 1, -1):
        head = [t.norm for t in tokens[:count]]
        tail = words[len(words) - count:]
        if not all(same_word(a, b) for a, b in zip(head, tail)) or not head[-1]:
            continue
        if tokens[count - 1].text.endswith(":"):
            return count
        if tokens[count].text in (":", ";"):
            return count + 1
    return 0


def without_label_lines(field: str, tokens: list[Token]) -> list[Token]:
    """An answer whose label OCR lost, without what OCR read of that label's wrapped lines
    in the label column ("(PLU/PLUI, SCOT, études," under a lost "Documents disponibles"):
    a line's first words, a column gap then parting them from the answer's, two of them at
    least and two thirds of those of three letters or more being the label's words."""
    label = next((lab.text for lab in LABELS if lab.field == field), "")
    words = {w for w in (norm(x) for x in re.split(r"[\s/,;:()'’.…]+", label)) if len(w) >= 3}
    out: list[Token] = []
    for n, line in enumerate(token_lines(tokens)):
        gap = next((k for k in range(1, len(line)) if _gap_after(line[k - 1], line[k])), None)
        if n and gap is not None and _label_words(line[:gap], words):
            line = line[gap:]
        out += line
    return out


def _label_words(tokens: list[Token], words: set[str]) -> bool:
    worded = [t for t in tokens if len(t.norm) >= 3]
    labelled = [t for t in worded if any(label_piece(part, w) for part in label_parts(t.norm) for w in words)]
    return len(labelled) >= 2 and 3 * len(labelled) >= 2 * len(worded)


def label_piece(part: str, word: str) -> bool:
    """A label word as OCR read it: alike, or one of the two pieces a speck cut it in
    ("diagn", "nostics" for "diagnostics")."""
    return fuzz.ratio(part, word) >= 75 or len(part) >= 4 and len(word) >= 8 and (
        word.startswith(part) or word.endswith(part))


def label_parts(text: str) -> list[str]:
    return [p for p in re.split(r"[\s/,;:()'’.…{}\[\]|]+", text) if len(p) >= 3]
