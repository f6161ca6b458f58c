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
