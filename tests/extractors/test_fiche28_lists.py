"""Fiche check boxes and running headers on scans (session 28): a retyped fiche's list of the
chosen options read by OCR is sure (seen on the dash, slash and table layouts of three draws,
left in review at 0.65 as a printed group with lines lost); a tick a scan made a doubted "/" is
kept; what a fax left of the running header ("Atéher des de") is no answer."""

from __future__ import annotations

from extractors.fields.boxes import LISTED, UNREAD
from extractors.fields.fiche import extract_fiche
from extractors.model import PageText, Word
from tests.extractors.test_fiche25_boxes import _printed, _themes
from tests.extractors.test_fiche_layouts import _page

REVIEW_BELOW = 0.7  # schemas.normalise's threshold, under which a value goes to a reviewer


def test_a_retyped_list_of_chosen_options_read_on_a_scan_is_sure():
    # "X Réhabilitation des entrées de ville" / "X Accompagnement …": the other options never written.
    texts = [None] * 10
    texts[1] = "X Réhabilitation des entrées de ville"
    texts[6] = "X Accompagnement des projets socio-économiques (ESS) et économiques"
    value = _themes(texts, conf={"X": 0.92})["s3.thematiques"]
    assert value.value == ["entree_de_ville", "economie_ess"]
    assert value.confidence >= LISTED > REVIEW_BELOW


def test_a_printed_group_with_empty_boxes_and_a_line_lost_stays_unsure():
    # The same ticks read among the printed options' empty boxes, one line lost: a tick may be on it.
    texts = _printed({1, 6})
    texts[5] = None
    value = _themes(texts, conf={"X": 0.92})["s3.thematiques"]
    assert value.value == ["entree_de_ville", "economie_ess"]
    assert value.confidence <= UNREAD


def _table_row(label: str, mark: str | None, mark_conf: float, option: str) -> list[tuple]:
    return [(60.0, 100.0, "Intitulé de l'Atelier : Requalifier l'entrée de ville"),
            (60.0, 115.0, label), *([(240.0, 115.0, mark)] if mark else []), (250.0, 115.0, option),
            (60.0, 130.0, "Présentation du projet et de la problématique : Texte.")], {mark: mark_conf}


def test_a_tick_read_as_a_doubted_slash_before_a_table_cell_option_is_kept():
    # A retyped table's "✓ Autre (préciser)": the tick read "/" at 0.36.
    lines, conf = _table_row("Thématique(s)", "/", 0.36, "Autre (préciser)")
    value = extract_fiche([("scan.pdf", _page(lines, ocr=True, conf=conf))])["s3.thematiques"]
    assert value.value == ["autre"]
    assert value.confidence >= LISTED


def test_a_doubted_speck_before_a_text_answer_still_goes():
    lines, conf = _table_row("Intitulé de l'Atelier", "/", 0.36, "Atelier du bourg")
    lines = [line for line in lines if not line[2].startswith("Intitulé de l'Atelier :")]
    value = extract_fiche([("scan.pdf", _page(lines, ocr=True, conf=conf))])["s3.intitule"]
    assert value.value == "Atelier du bourg"


def _two_pages(header_scrap: list[tuple[str, float]]) -> list[tuple[str, PageText]]:
    """A faxed fiche: page 1 ends on the Département row, page 2 starts with what the fax left of
    the running header, then the Région row."""
    def page(number, rows):
        words = []
        for line, (y, pieces) in enumerate(rows):
            for x, text, conf in pieces:
                words.append(Word(text, (x, y, x + 6.0 * len(text), y + 9.0), conf, line))
        return PageText(number, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)

    first = [(60.0, [(60.0, "SECTION", 0.95), (110.0, "2", 0.9), (120.0, "–", 0.9), (130.0, "LA", 0.95),
                     (150.0, "LOCALISATION", 0.95), (240.0, "DE", 0.95), (260.0, "L'ATELIER", 0.95)]),
             (80.0, [(60.0, "Commune(s)", 0.9), (130.0, "concernée(s)", 0.9), (300.0, "Vitré", 0.95)]),
             (300.0, [(60.0, "Département", 0.95), (300.0, "Marne", 0.96)]),
             (780.0, [(60.0, "MTECT", 0.9), (110.0, "Version", 0.9), (160.0, "novembre", 0.9), (220.0, "2025", 0.9),
                      (500.0, "Page", 0.9), (530.0, "1/4", 0.9)])]
    x, scrap = 330.0, []
    for text, conf in header_scrap:
        scrap.append((x, text, conf))
        x += 6.0 * len(text) + 5.0
    second = [(40.0, scrap),
              (100.0, [(60.0, "Région", 0.95), (300.0, "Grand", 0.71), (340.0, "Est", 0.71)]),
              (120.0, [(60.0, "Secteur", 0.9), (110.0, "d'étude", 0.9), (300.0, "Le", 0.95), (320.0, "bourg", 0.95)]),
              (780.0, [(60.0, "MTECT", 0.9), (110.0, "Version", 0.9), (160.0, "novembre", 0.9), (220.0, "2025", 0.9),
                       (500.0, "Page", 0.9), (530.0, "2/4", 0.9)])]
    return [("fax.tif", page(1, first)), ("fax.tif", page(2, second))]


def test_what_a_fax_left_of_the_running_header_is_no_answer():
    fields = extract_fiche(_two_pages([("Atéher", 0.23), ("des", 0.58), ("de", 0.85)]))
    assert fields["s2.departement"].value == "Marne"


def test_an_answer_word_in_the_margin_stays():
    # A word the header does not print, among its small words: an answer's, kept.
    fields = extract_fiche(_two_pages([("Atéher", 0.23), ("des", 0.58), ("Ardennes", 0.85)]))
    assert "Ardennes" in fields["s2.departement"].value
