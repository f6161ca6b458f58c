"""The fiche in other layouts than the official table: retyped 'Label : value' lines,
newspaper columns, a label column without rules; check boxes OCR glued or doubted."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from extractors.fields.boxes import read_boxes
from extractors.fields.fiche import extract_fiche
from extractors.fields.form import OPTIONS
from extractors.fields.labels import find_labels
from extractors.fields.layout import Token, column_blocks, norm, page_rows
from extractors.model import FieldStatus, PageText, Word
from extractors.pdf_text import text_layer_page

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CHAR = 5.0  # points per character of the synthetic 10-point text
HEIGHT = 9.0


def _page(lines: list[tuple[float, float, str]], ocr: bool = False, conf: dict | None = None) -> PageText:
    """A page from (x, y, text) lines: one word box per word, spaces one character wide."""
    words = []
    heights = sorted({y for _, y, _ in lines})
    for x, y, text in lines:
        number = heights.index(y)  # as a text layer numbers them: one line per height
        for word in text.split():
            confidence = (conf or {}).get(word, 0.95 if ocr else 1.0)
            words.append(Word(word, (x, y, x + CHAR * len(word), y + HEIGHT), confidence, number))
            x += CHAR * (len(word) + 1)
    return PageText(1, 595.0, 842.0, tuple(words), ocr=ocr, confidence=0.9)


def _tokens(text: str) -> list[Token]:
    out, x = [], 50.0
    for word in text.split():
        out.append(Token(word, norm(word), "f", 1, (x, 100, x + CHAR * len(word), 109), 0.9,
                         (x, 100, x + CHAR * len(word), 109)))
        x += CHAR * (len(word) + 1)
    return out


def _newspaper_page() -> PageText:
    """Two columns of 'Label : value' lines, both starting at the same heights."""
    left = ["SECTION 1 – LES PORTEURS DE L'ATELIER", "Service de l'État pilote : DDT du Cher",
            "Nom et prénom du référent : Paul Roux", "Fonction : Chef de service",
            "Courriel : paul.roux@cher.gouv.fr", "Téléphone : 02 48 00 00 01",
            "Collectivité porteuse : Commune de Vierzon", "Qualité : Maire",
            "Référent technique : Anne Biet", "Courriel : a.biet@vierzon.fr",
            "Téléphone : 02 48 00 00 02", "Autres partenaires associés : CAUE"]
    right = ["SECTION 2 – LA LOCALISATION DE L'ATELIER", "Commune(s) concernée(s) : Vierzon",
             "EPCI de rattachement : CC Vierzon-Sologne-Berry", "Département : Cher",
             "Région : Centre-Val de Loire", "Secteur d'étude : la gare et le site Case",
             "SECTION 3 – L'OBJET DE L'ATELIER", "Intitulé de l'Atelier : De la friche à la gare",
             "Présentation du projet et de la problématique : Une friche près de la gare.",
             "SECTION 4 – LES OBJECTIFS DE L'ATELIER", "Objectifs poursuivis : Relier la gare",
             "Calendrier souhaité : 2027"]
    lines = [(60.0, 80.0 + 20 * i, text) for i, text in enumerate(left)]
    lines += [(320.0, 80.0 + 20 * i, text) for i, text in enumerate(right)]
    return _page(lines)


def test_newspaper_columns_are_read_one_after_the_other():
    page = _newspaper_page()
    blocks = column_blocks(list(page.words))
    assert len(blocks) == 2
    assert all(w.bbox[0] < 300 for w in blocks[0]) and all(w.bbox[0] >= 300 for w in blocks[1])
    fields = extract_fiche([("f.pdf", page)])
    assert fields["s1.etat.service"].value == "DDT du Cher"
    assert fields["s1.partenaires"].value == "CAUE"
    assert fields["s2.communes"].value == "Vierzon"
    assert fields["s3.description"].value == "Une friche près de la gare."
    assert fields["s4.calendrier"].value == "2027"


def test_a_label_column_is_read_row_by_row_not_as_newspaper_columns():
    """Labels left, answers right at the same height, no rule: each label keeps its answer."""
    labels = ["Service de l'État pilote", "Nom et prénom du référent", "Fonction", "Courriel",
              "Téléphone", "Collectivité porteuse", "Qualité", "Référent technique",
              "Courriel", "Téléphone", "Commune(s) concernée(s)", "Département", "Région"]
    answers = ["DDT des Vosges", "Pierre Martin", "Adjoint au chef du service", "p.martin@vosges.gouv.fr",
               "03 29 00 00 01", "Ville d'Épinal", "Maire", "Lise Blanc", "l.blanc@epinal.fr",
               "03 29 00 00 02", "Épinal", "Vosges (88)", "Grand Est"]
    lines = [(60.0, 80.0 + 22 * i, text) for i, text in enumerate(labels)]
    lines += [(300.0, 80.0 + 22 * i, text) for i, text in enumerate(answers)]
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s1.etat.referent_nom"].value == "Pierre Martin"
    assert fields["s1.collectivite.contact_email"].value == "l.blanc@epinal.fr"
    assert fields["s2.region"].value == "Grand Est"


def test_a_page_in_one_column_has_no_gutter():
    lines = [(60.0, 80.0 + 14 * i, "Le centre ancien perd des commerces et des habitants depuis vingt ans, "
                                   "la commune veut agir.") for i in range(20)]
    assert len(column_blocks(list(_page(lines).words))) == 1


def test_a_label_close_to_its_answer_still_ends_at_the_column_gap():
    """A narrow label column leaves less than a fixed gap: the gap is measured on the letters."""
    lines = [(60.0, 100.0, "Présentation du projet et de la problématique"),
             (60.0 + CHAR * 46 + 12, 100.0, "Reconstruit après 1944, le centre")]
    rows = page_rows("f", _page(lines))
    hits = find_labels(rows)
    assert [h.index >= 0 for h in hits] == [True]
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s3.description"].value == "Reconstruit après 1944, le centre"


def test_numbered_heading_with_an_elided_article_ends_the_answer_before_it():
    lines = [(60.0, 100.0, "Secteur d'étude : le quartier de la gare"),
             (60.0, 130.0, "3. L'objet de l'Atelier"),
             (60.0, 150.0, "Intitulé de l'Atelier : Un quartier à réinventer")]
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s2.secteur"].value == "le quartier de la gare"
    assert fields["s3.intitule"].value == "Un quartier à réinventer"


def test_fait_a_a_place_starting_with_le():
    fields = extract_fiche([("f.pdf", _page([(60.0, 700.0, "Fait à Le Quesnoy, le 30 juin 2026")]))])
    assert fields["fiche.lieu"].value == "Le Quesnoy"
    assert fields["fiche.date"].value == "30 juin 2026"


def test_boxes_glued_to_their_option_and_option_words_glued_together():
    """OCR of "[X] Site ou îlot  [ ] Communale  [ ] Intercommunale" on a scan."""
    slugs, _ = read_boxes(_tokens("[X] Site ouîlot []Communale [] Intercommunale"), OPTIONS["s2.echelle"])
    assert slugs == ["site"]
    slugs, _ = read_boxes(_tokens("[ ] Site ou îlot [X]Communale [ ] Intercommunale"), OPTIONS["s2.echelle"])
    assert slugs == ["communale"]


def test_a_box_found_inside_a_letter_is_dropped_and_a_doubted_word_kept():
    page = _page([(60.0, 100.0, "Nom et prénom du référent : Mathieu Royer"),
                  (60.0, 120.0, "Échelle de réflexion : [X] Site ou îlot")], ocr=True,
                 conf={"Site": 0.08, "ou": 0.08, "îlot": 0.08})
    du = next(w for w in page.words if w.text == "du")
    ghost = Word("☒", (du.bbox[0] + 1, du.bbox[1] + 2, du.bbox[0] + 6, du.bbox[3] - 1), 1.0, du.line)
    page = PageText(1, page.width, page.height, page.words + (ghost,), ocr=True, confidence=0.9)
    rows = page_rows("f", page)
    assert "☒" not in rows[0].text
    assert "Site" in rows[1].text and "îlot" in rows[1].text  # "ou" stays a speck: too short


def _digital_fiche(case: str) -> tuple[list, dict]:
    folder = SAMPLES / case
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    doc = next(d for d in expected["documents"] if d["kind"] == "fiche")
    with pdfplumber.open(folder / "input" / doc["file"]) as pdf:
        pages = [(doc["file"], text_layer_page(pdf.pages[n - 1], n)) for n in doc["pages"]]
    return pages, expected["fields"]


@pytest.mark.parametrize("case", ["17_fiche_retapee_pdf", "20_fiche_deux_colonnes"])
def test_retyped_and_two_column_samples_give_every_free_text_answer(case):
    if not (SAMPLES / case).exists():
        pytest.skip("sample not generated")
    pages, expected = _digital_fiche(case)
    fields = extract_fiche(pages)
    free_text = ["s1.partenaires", "s2.secteur", "s3.intitule", "s3.description", "s4.objectifs",
                 "s4.attendus", "s4.calendrier", "s5.documents", "s5.acteurs", "s5.moyens",
                 "a1.dynamiques_territoire", "a2.dynamiques_amenagement"]
    for field in free_text:
        assert fields[field].value == expected[field]["value"], field
    for field in ("s3.thematiques", "s2.echelle", "s1.collectivite.type"):
        assert fields[field].value == expected[field]["value"], field
    for field, value in fields.items():
        if value.status is FieldStatus.EXTRACTED:
            assert value.source is not None and value.source.bbox[2] > value.source.bbox[0], field


def test_sloping_lines_of_a_photo_are_not_mixed_up():
    """Lines rising to the right: a line's right end sits at the height of the next line's start."""
    slope, words, line = -0.06, [], 0
    texts = ["Service de l'État pilote et direction départementale DDT de la Nièvre et ses services",
             "Nom et prénom du référent de la direction départementale Franck Moreau chef d'unité",
             "Fonction occupée dans la direction départementale Chef de l'unité territoriale du Morvan"]
    for n, text in enumerate(texts):
        x, y0, cut = 60.0, 100.0 + 12.0 * n, False
        for word in text.split():
            width = CHAR * len(word)
            if x > 340 and not cut:
                line, cut = line + 1, True  # Tesseract cut the sloping line in two
            y = y0 + slope * (x - 60.0)
            words.append(Word(word, (x, y, x + width, y + HEIGHT), 0.95, line))
            x += width + CHAR
        line += 1
    rows = page_rows("f", PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9))
    assert [r.text.split()[0] for r in rows] == ["Service", "Nom", "Fonction"]


def test_running_headers_misread_by_ocr_and_page_footers_are_not_answers():
    def photo(header: str, body: list[tuple[str, str]], footer: str) -> PageText:
        lines = [(300.0, 40.0, header)]
        for i, (label, answer) in enumerate(body):
            lines += [(60.0, 80.0 + 20 * i, label)] + ([(400.0, 80.0 + 20 * i, answer)] if answer else [])
        return _page(lines + [(60.0, 760.0, footer)], ocr=True)
    pages = [("a.jpg", photo("Atelier des territoires Flash - Fiche de candidature",
                             [("Objectifs poursuivis", "Relier la gare au centre"),
                              ("Calendrier souhaité", "Printemps 2027")],
                             "MTECT - DGALN/DHUP/AD1 - Version novembre 2025 Page 3/4")),
             ("b.jpg", photo("Ateber des terrtores Flash - Fiche de canddature",
                             [("Moyens logistiques mis à disposition (salle, restauration…)", "Salle des fêtes"),
                              ("Fait à Clamecy, le 15 juillet 2026", "")],
                             "MTECT - DGALN/DHUP/ADI - Version novembre 2025 Page 4/4"))]
    fields = extract_fiche(pages)
    assert fields["s4.calendrier"].value == "Printemps 2027"
    assert fields["fiche.date"].value == "15 juillet 2026"


def test_table_rules_read_as_letters_or_marks_are_left_out_of_answers():
    page = _page([(60.0, 100.0, "Calendrier souhaité"), (300.0, 100.0, "Mars à juin 2027 !"),
                  (60.0, 130.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER")], ocr=True)
    flat = Word("ENS", (480.0, 104.0, 495.0, 104.5), 0.5, page.words[0].line)
    page = PageText(1, page.width, page.height, page.words + (flat,), ocr=True, confidence=0.9)
    assert extract_fiche([("f.pdf", page)])["s4.calendrier"].value == "Mars à juin 2027"


def test_a_mangled_annex_title_still_ends_the_answer_before_it():
    """A title read off a dark band on a photo: "KE 1-LES DYN ES DU TERRITO"."""
    lines = [(60.0, 100.0, "Moyens logistiques mis à disposition (salle, restauration…)"),
             (420.0, 100.0, "Salle des fêtes"),
             (60.0, 140.0, "KE 1-LES DYN ES DU TERRITO"),
             (60.0, 160.0, "Saint-Affrique compte 7 941 habitants.")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.moyens"].value == "Salle des fêtes"
    assert fields["a1.dynamiques_territoire"].value == "Saint-Affrique compte 7 941 habitants."


def test_a_two_line_label_with_the_answer_line_between_its_lines():
    lines = [(60.0, 100.0, "Présentation du projet et de la"), (300.0, 100.0, "L'entrée nord s'est développée"),
             (300.0, 112.0, "sans cohérence."), (60.0, 124.0, "problématique"), (300.0, 124.0, "La commune agit.")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s3.description"].value == "L'entrée nord s'est développée sans cohérence. La commune agit."


def test_boxes_read_by_ocr_as_letters():
    slugs, confidence = read_boxes(_tokens("& Site ou îlot D Communale O Intercommunale"), OPTIONS["s2.echelle"])
    assert slugs == ["site"] and confidence == 1.0


def test_a_wrapped_label_whose_second_line_lost_a_word_stays_out_of_the_answer():
    lines = [(60.0, 100.0, "Documents disponibles"), (300.0, 100.0, "PLU de Saint-Laurent-du-Maroni ;"),
             (60.0, 112.0, "SCoT, études,"), (300.0, 112.0, "PPRI du Maroni."),
             (60.0, 124.0, "diagnostics…)"),
             (60.0, 140.0, "Acteurs à mobiliser"), (300.0, 140.0, "EPFA Guyane")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.documents"].value == "PLU de Saint-Laurent-du-Maroni ; PPRI du Maroni."


def test_specks_at_the_ends_of_an_answer_and_a_short_footer_are_left_out():
    lines = [(60.0, 100.0, "Qualité"), (300.0, 100.0, "= Maire F"),
             (60.0, 120.0, "Moyens logistiques mis à disposition (salle, restauration…)"),
             (420.0, 120.0, "Salle du centre culturel"),
             (60.0, 800.0, "MTECT Version novembre 2025 Page 3")]
    page = _page(lines, ocr=True, conf={"=": 0.4, "F": 0.3})
    fields = extract_fiche([("f.jpg", page)])
    assert fields["s1.collectivite.elu_qualite"].value == "Maire"
    assert fields["s5.moyens"].value == "Salle du centre culturel"


def test_a_label_continued_below_while_its_answer_starts_close_after_its_first_line():
    """A narrow label cell: "Présentation du projet et de la" then the answer, a little apart."""
    first = "Présentation du projet et de la"
    lines = [(60.0, 100.0, first), (60.0 + CHAR * (len(first) + 3), 100.0, "Le centre ancien souffre"),
             (60.0, 112.0, "problématique"), (60.0 + CHAR * (len(first) + 3), 112.0, "de la vacance.")]
    fields = extract_fiche([("f.pdf", _page(lines, ocr=True))])
    assert fields["s3.description"].value == "Le centre ancien souffre de la vacance."


def test_printed_instructions_and_rules_read_on_a_fax_stay_out_of_the_annex():
    lines = [(60.0, 100.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE"),
             (60.0, 115.0, "Présentez de manière synthétique les dynamiques à l'œuvre sur le territoire concerné : "
                           "démographie, économie et"),
             (60.0, 127.0, "emploi, el et"),
             (60.0, 145.0, "Fécamp compte 17 313 habitants. Le port fait"),
             (60.0, 157.0, ": l'objet d'un projet.")]
    page = _page(lines, ocr=True, conf={":": 0.5})
    fields = extract_fiche([("f.tif", page)])
    assert fields["a1.dynamiques_territoire"].value == "Fécamp compte 17 313 habitants. Le port fait l'objet d'un projet."


def test_an_address_read_by_ocr_is_mended_where_no_address_differs():
    lines = [(60.0, 100.0, "Courriel"), (300.0, 100.0, "“cedric.lemonnier@séine-maritime. gouv.fr"),
             (60.0, 120.0, "Téléphone"), (300.0, 120.0, "02 35 58 53 27"),
             (60.0, 140.0, "Collectivité porteuse"), (300.0, 140.0, "Commune de Forcalquier"),
             (60.0, 160.0, "Courriel"), (300.0, 160.0, "urbanisme@forcalquierfr")]
    fields = extract_fiche([("f.pdf", _page(lines, ocr=True))])
    assert fields["s1.etat.referent_email"].value == "cedric.lemonnier@seine-maritime.gouv.fr"
    assert fields["s1.collectivite.contact_email"].value == "urbanisme@forcalquier.fr"


def test_a_word_read_twice_at_one_place_counts_once():
    page = _page([(60.0, 100.0, "Qualité"), (300.0, 100.0, "Maire")], ocr=True)
    again = Word("Maire", tuple(v + 0.5 for v in page.words[-1].bbox), 0.5, page.words[-1].line)
    page = PageText(1, page.width, page.height, page.words + (again,), ocr=True, confidence=0.9)
    assert extract_fiche([("f.pdf", page)])["s1.collectivite.elu_qualite"].value == "Maire"


def test_mending_an_address_keeps_apart_what_follows_it():
    lines = [(60.0, 100.0, "Courriel"), (300.0, 100.0, "jm.grondin@saintjoseph.re fr")]
    fields = extract_fiche([("f.pdf", _page(lines, ocr=True))])
    assert fields["s1.etat.referent_email"].value == "jm.grondin@saintjoseph.re"
