"""A 150 dpi scan of the table layout: a scrap of the table's rule read as a word ("SRE", 0.38)
before the label of section 2's communes, the label not found, its words kept in the answer
("SRE Commune concernée La Léchère" listed as a commune). A short word read unsure before the
field's own label goes with the label; a word read surely is the answer's."""

from __future__ import annotations

from extractors.fields.layout import Token, norm
from extractors.fields.lost_labels import own_label_words


def _tokens(words: list[tuple[str, float]]) -> list[Token]:
    out, x = [], 83.0
    for text, conf in words:
        out.append(Token(text, norm(text), "scan.pdf", 1, (x, 322, x + 5 * len(text), 330), conf,
                         (x, 322, x + 5 * len(text), 330)))
        x += 5 * (len(text) + 1)
    return out


ROW = [("Commune(s)", 0.86), ("concernée(s)", 0.91), ("La", 0.93), ("Léchère,", 0.93), ("Les", 0.93),
       ("Avanchers-Valmorel", 0.9)]


def test_a_speck_before_the_label_goes_with_it():
    assert own_label_words("s2.communes", _tokens([("SRE", 0.38)] + ROW)) == 3


def test_the_label_alone_is_as_before():
    assert own_label_words("s2.communes", _tokens(ROW)) == 2


def test_a_word_read_surely_before_the_label_is_not_a_speck():
    assert own_label_words("s2.communes", _tokens([("SRE", 0.93)] + ROW)) == 0
