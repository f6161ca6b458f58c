"""Lone marks inside a prose answer read by OCR (session fiche33), on the unseen maker's fiches
made, degraded and read whole by the pipeline (bench.fichestudy's study seeds: real Tesseract):
a table's rule or a speck read as a lone mark between two words ("des 1! vacances", "pour les }
ateliers", "disposition ! d'une") or before the first ("1! Un agent") is no part of the answer;
a bracket the answer closes, a "!" before a capital, a bracket glued to a word ("[à population"
was "la population") and the text layer's words are kept.
"""

from __future__ import annotations

import shutil

import pytest

from bench.fichestudy import fields_of, make_files, read_pages
from extractors.fields.layout import Token, norm
from extractors.fields.text_edges import without_lone_marks

needs_office = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                  reason="the maker converts its fiches with LibreOffice")


def _read(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


def _tokens(text: str, conf: float = 0.9) -> list[Token]:
    return [Token(w, norm(w), "scan.pdf", 1, (0.0, 0.0, 1.0, 1.0), conf, (0.0, 0.0, 1.0, 1.0)) for w in text.split()]


def _text(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def test_what_stays():
    for kept in ("Attention ! Les travaux [phase 1] commencent", "les phases [ 1 ] et 2", "Un plan-guide (livrable) pour le PLUi."):
        assert _text(without_lone_marks(_tokens(kept))) == kept
    assert _text(without_lone_marks(_tokens("pour les } ateliers", conf=1.0))) == "pour les } ateliers"
    assert _text(without_lone_marks(_tokens("habitants : [à population"))) == "habitants : [à population"
    assert _text(without_lone_marks(_tokens("disposition ! d'une salle"))) == "disposition d'une salle"


@needs_office
def test_a_lone_mark_read_between_two_words_is_dropped(tmp_path):
    """An official fiche scanned at 300 dpi: "en dehors des 1! vacances scolaires"."""
    calendrier = _read(19, tmp_path)["s4.calendrier"]
    assert calendrier == {"value": "Au premier semestre 2027, en dehors des vacances scolaires.", "status": "extracted"}


@needs_office
def test_a_lone_mark_at_a_cells_left_rule_is_dropped(tmp_path):
    """A table fiche faxed: "1! Un agent du service…", the cell's left rule read "1!"."""
    moyens = _read(164, tmp_path)["s5.moyens"]
    assert moyens["value"].startswith("Un agent du service urbanisme")
