"""The fields' rules at less CPU, the same results: a page's margins measured once a page
(`layout._in_margin`), and the word comparisons asked again and again (`layout.norm`,
`word_match.same_word`, `text.normalise`) remembered."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractors.fields import layout
from extractors.fields.layout import MARGIN, document_rows, norm, page_rows
from extractors.fields.word_match import same_word
from extractors.pdf_text import text_layer_page
from extractors.text import normalise

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FICHE = SAMPLES / "01_pdf_numeriques" / "input" / "Fiche_candidature_AtelierFlash_Combourg.pdf"


@pytest.fixture(scope="module")
def pages():
    if not FICHE.exists():
        pytest.skip("sample not generated")
    with pdfplumber.open(FICHE) as pdf:
        return [(FICHE.name, text_layer_page(page, n)) for n, page in enumerate(pdf.pages, start=1)]


def _in_margin_row_by_row(row, rows) -> bool:
    """The definition before: the page's extent measured again for each row."""
    top = min(r.top for r in rows)
    bottom = max(t.bbox[3] for r in rows for t in r.tokens)
    extent = max(bottom - top, 1.0)
    row_bottom = max(t.bbox[3] for t in row.tokens)
    return row.top < top + MARGIN * extent or row_bottom > bottom - MARGIN * extent


def test_margin_rows_are_those_of_the_row_by_row_definition(pages):
    seen = 0
    for file, page in pages:
        rows = page_rows(file, page)
        expected = [row for row in rows if _in_margin_row_by_row(row, rows)]
        assert layout._in_margin(rows) == expected
        seen += len(expected)
    assert seen >= len(pages)  # every page has a header or a footer row
    assert layout._in_margin([]) == []


def test_running_header_still_dropped(pages):
    kept = document_rows(pages)
    every = [row for file, page in pages for row in page_rows(file, page)]
    assert len(kept) < len(every)
    dropped = [row.text for row in every if row not in kept]
    assert any("atelier" in normalise(text) for text in dropped)


def test_remembered_comparisons_equal_their_computation(pages):
    words = [w.text for _, page in pages for w in page.words]
    for text in words + ["Œuvre", "Élu(e)", "  Fait  à  Vitré ’ ", ""]:
        assert norm(text) == norm.__wrapped__(text)
        assert normalise(text) == normalise.__wrapped__(text)
    labels = ["commune", "intercommunalite", "nom", "referent", "departement"]
    for token in {norm(text) for text in words}:
        for label in labels:
            assert same_word(token, label) == same_word.__wrapped__(token, label)
    assert same_word("norn", "nom") and not same_word("nez", "nom")
    before = norm.cache_info().hits
    document_rows(pages)
    assert norm.cache_info().hits > before  # the page's words met again by later rules
