"""An annex's title cut after its number, known by the number (its label's index in the form)."""

from __future__ import annotations

import re

from extractors.fields.form import LABELS
from extractors.fields.layout import Token
from extractors.fields.word_match import same_word

_ANNEXES = {int(m.group(1)): index for index, label in enumerate(LABELS)
            if label.field and (m := re.match(r"ANNEXE (\d) –", label.text))}
_ANNEX_WORDS = {"1": ("territoire",), "2": ("amenagement",)}  # a word naming one annex's title
_ANNEX_NUMBER = re.compile(r"^(?P<number>[12]|i{1,2})(?:[.:–—-]+)?$", re.I)


def numbered_annex(tokens: tuple[Token, ...]) -> int | None:
    """An annex's title cut after its number ("ANNEXE 2 – LES ENA": a photo's dark band or a
    fax lost the rest): the number names the annex. Only on a row in capitals, as the form
    prints its titles; "Annexe 1 : plan du secteur" in an answer is a running line. The row's
    words from its first real one; the annex label's index, or None."""
    if len(tokens) < 2 or len(tokens) > 10 \
            or not all(t.text.isupper() for t in tokens if re.search(r"[^\W\d_]", t.text)):
        return None
    # "1 LES DU TERRITOIRE": a photo lost the word "ANNEXE"; its number, then a word its title
    # alone prints, in capitals, the row no longer than the title
    number = _ANNEX_NUMBER.match(tokens[0].text) if len(tokens) <= 6 else None
    if number and not any(same_word(t.norm, w) for t in tokens[1:] if len(t.norm) >= 5
                          for w in _ANNEX_WORDS.get(number.group("number"), ())):
        number = None
    if number is None and same_word(tokens[0].norm, "annexe"):
        number = _ANNEX_NUMBER.match(tokens[1].text)
    if not number:
        return None
    numeral = number.group("number").lower()
    return _ANNEXES.get(int(numeral) if numeral.isdigit() else len(numeral))
