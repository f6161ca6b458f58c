"""A text answer's edges without the table's rules OCR read as marks glued to it."""

from __future__ import annotations

import re

# A cell's left rule read as "]", "_]", "|", "[", ")" before the answer's first word, glued to it
# or not ("_]Ville de Saint-André-de-Lidon" on a fax, "[ Impression et diffusion…" on a scan):
# no answer starts with one of these (an answer's own bracket opens a word: "(CCKB)"). The one
# rule for them: the values' cleaning (schemas.values) keeps a bracket a letter's text opens with.
_LEADING = re.compile(r"^[\[\])|_!{}¦]+\s*(?=\w)")
# ... or its right rule after the last word, where nothing was opened for it to close ("(CCKB)}");
# not "!", which French prints after a space.
_TRAILING = re.compile(r"(?<=\S)\s*[\]|_}¦]+$")


def without_rule_marks(text: str) -> str:
    text = _LEADING.sub("", text)
    match = _TRAILING.search(text)
    before = text[:match.start()] if match else ""
    if match and not ("]" in match.group() and "[" in before or "}" in match.group() and "{" in before):
        text = before
    return text


# Inside an answer OCR read, a rule or a speck read as a lone mark between two words ("pour les
# } ateliers", "des Hauts et ses ] abords", "en dehors des 1! vacances"): no word of the answer.
# A bracket glued to a word stays ("[à population" was "la population"): the answer, its bracket
# left open, is for a reviewer.
_LONE_MARKS = re.compile(r"[\[\]|{}¦]+|[1lI][!|]+")
_EXCLAMATION = "!"  # French prints "!" after a space: a mark only before a word in lower case


def without_lone_marks(tokens: list) -> list:
    """The answer's tokens OCR read, less the lone marks (see above).
    Words the text layer gave (confidence 1.0) are kept as they are."""
    out = []
    for i, token in enumerate(tokens):
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if token.conf < 1.0 and (_LONE_MARKS.fullmatch(token.text) and not _paired(tokens, i)
                                 or token.text == _EXCLAMATION and following[:1].islower()):
            continue
        out.append(token)
    return out


def _paired(tokens: list, i: int) -> bool:
    """A lone "[" that a later word closes, or a lone "]" closing an earlier one: the answer's own."""
    if tokens[i].text == "[":
        return any("]" in t.text for t in tokens[i + 1:])
    if tokens[i].text == "]":
        return any("[" in t.text for t in tokens[:i])
    return False
