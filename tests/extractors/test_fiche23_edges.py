"""Fiche values on scans and faxes (session 23): a label's colon misread, a section heading
numbered "5!", a label word lost inside its line, options run into a text answer, a speck
read as an accent on a body's kind word. Synthetic pages."""

from __future__ import annotations

import pytest

from extractors.fields.answer_text import finished_text
from extractors.fields.fiche import extract_fiche
from extractors.fields.plausible import holds_options
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page


def _fax(lines, conf=None):
    return extract_fiche([("fax.pdf", _page(lines, ocr=True, conf={"!": 0.9, **(conf or {})}))])


def test_a_label_whose_colon_a_fax_read_as_an_exclamation_mark_ends_the_answer_before_it():
    """"Thématique(s) !" on a line of its own: the label of the options below, not the end of
    the title above (its options then ran into the title, read sure)."""
    fields = _fax([(60.0, 100.0, "Intitulé de l'Atelier : Requalifier l'entrée de ville"),
                   (60.0, 115.0, "Thématique(s) !"),
                   (60.0, 130.0, "[X] Réhabilitation des entrées de ville"),
                   (60.0, 145.0, "[X] Adaptation des mobilités"),
                   (60.0, 160.0, "Calendrier souhaité : 2027")])
    assert fields["s3.intitule"].value == "Requalifier l'entrée de ville"
    assert fields["s3.thematiques"].value == ["entree_de_ville", "mobilites"]


@pytest.mark.parametrize("heading", ["5! Ressources", "5/ Ressources", "5) Ressources", "5] Ressources", "Ressources"])
def test_a_retyped_sections_number_misread_still_ends_the_answer_before_it(heading):
    fields = _fax([(60.0, 100.0, "Calendrier souhaité : Démarrage souhaité en novembre 2027."),
                   (60.0, 115.0, heading),
                   (60.0, 130.0, "Acteurs à mobiliser : L'EPF et le CAUE.")], conf={"5!": 0.7})
    assert fields["s4.calendrier"].value == "Démarrage souhaité en novembre 2027."
    assert fields["s5.acteurs"].value == "L'EPF et le CAUE."


def test_a_label_word_lost_inside_its_line_leaves_the_rest_of_the_label_out_of_the_answer():
    """A fax dropped "(PLU/PLUi," from "Documents disponibles (PLU/PLUi, SCoT, études,
    diagnostics…)": the label's other words and its colon are no part of the answer."""
    answer = "Diagnostic commercial de la CCI, atlas de la biodiversité."
    for label_line in ([(60.0, 190.0, "Documents disponibles SCoT, études, diagnostics :")],
                       [(60.0, 190.0, "Documents disponibles"), (240.0, 190.0, "SCoT, études, diagnostics :")]):
        fields = _fax([(60.0, 175.0, "5/ Ressources"), *label_line, (60.0, 205.0, answer),
                       (60.0, 220.0, "Acteurs à mobiliser : L'EPF.")])
        assert fields["s5.documents"].value == answer


def test_a_labels_own_words_in_an_answer_stay_when_no_colon_ends_them():
    fields = _fax([(60.0, 175.0, "5/ Ressources"),
                   (60.0, 190.0, "Documents disponibles"), (240.0, 190.0, "SCoT, études, diagnostics de 2019."),
                   (60.0, 220.0, "Acteurs à mobiliser : L'EPF.")])
    assert fields["s5.documents"].value == "SCoT, études, diagnostics de 2019."


@pytest.mark.parametrize("text, held", [
    ("Requalifier l'entrée de ville Thématique(s) ! [X] Réhabilitation des entrées de ville", True),
    ("Le centre ☐ Adaptation des mobilités", True),
    ("Une friche [XI] Aménagement des friches", True),
    ("Adaptation des mobilités et des logements", False),
    ("Le projet [X] concerne la gare", False),
])
def test_a_text_answer_holding_a_box_and_an_options_words_is_not_trusted(text, held):
    assert holds_options(text) is held


@pytest.mark.parametrize("read, name", [
    ("Villé de Case-Pilote", "Ville de Case-Pilote"),
    ("Communé de Gap", "Commune de Gap"),
    ("Communaute de communes du Lot", "Communaute de communes du Lot"),  # an accent missing: as typed
    ("Ville de Saint-Pierre", "Ville de Saint-Pierre"),
])
def test_a_speck_read_as_an_accent_on_a_bodys_kind_word_is_put_right(read, name):
    assert finished_text("s1.collectivite.nom", read) == (name, FieldStatus.EXTRACTED)


def _section1(second_line: str | None) -> dict:
    lines = [(60.0, 80.0, "SECTION 1 – LES PORTEURS DE L'ATELIER"),
             (60.0, 100.0, "Collectivité porteuse"), (200.0, 100.0, "CC de Petite-Terre"),
             (60.0, 125.0, "Nom et prénom de l'élu(e) référent(e)"), (200.0, 125.0, "Jérôme Garnier-Lebon"),
             (60.0, 150.0, "Qualité"), (200.0, 150.0, "Président"),
             (60.0, 200.0, "Courriel"), (200.0, 200.0, "nahamada@cc-de-petite-terre.fr"),
             (60.0, 225.0, "Téléphone"), (200.0, 225.0, "02 69 30 90 70")]
    if second_line:
        lines.append((200.0, 172.0, second_line))  # a photo's rows as close as an answer's wrapped lines
    return extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])


def test_a_one_line_answer_over_two_lines_whose_next_label_was_lost_is_two_answers():
    """"Référent technique" lost on a photo: its name, on the line under the élu's quality
    at the same left edge, is not the end of the quality (read sure "Président Nadège
    AHAMADA"); each line goes to its field, for a reviewer."""
    fields = _section1("Nadège AHAMADA")
    assert fields["s1.collectivite.elu_qualite"].value == "Président"
    assert fields["s1.collectivite.contact_nom"].value == "Nadège AHAMADA"
    assert fields["s1.collectivite.elu_qualite"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s1.collectivite.contact_nom"].status is FieldStatus.NEEDS_REVIEW


def test_a_one_line_answer_whose_next_label_was_lost_stays_whole():
    fields = _section1(None)
    assert fields["s1.collectivite.elu_qualite"].value == "Président"


def test_a_wrapped_label_word_cut_by_a_speck_is_still_the_label():
    """A 150 dpi scan reads the label's wrapped last word "diagnostics…)" as "diagn a nostics",
    a speck over the cut: the label is found whole, and its words stay out of the answer."""
    from extractors.model import PageText, Word
    words = []
    line = 0

    def put(x, y, text, conf=0.93):
        nonlocal line
        for word in text.split():
            words.append(Word(word, (x, y, x + 5.0 * len(word), y + 9.0), conf, line))
            x += 5.0 * (len(word) + 1)

    put(60.0, 80.0, "Section 5 - Les ressources de l'atelier")
    line += 1
    put(60.0, 100.0, "Documents disponibles (PLU/PLUi, SCoT,")
    put(300.0, 100.0, "PPRI approuvé, OPAH-RU")
    line += 1
    put(60.0, 112.0, "études,")
    words += [Word("diagn", (100.0, 112.0, 125.0, 121.0), 0.91, line),
              Word("a", (110.0, 113.0, 114.0, 119.0), 0.95, line),
              Word("nostics", (121.0, 112.0, 156.0, 121.0), 0.87, line)]
    put(300.0, 112.0, "en cours.")
    line += 1
    put(60.0, 130.0, "Acteurs à mobiliser")
    put(300.0, 130.0, "L'EPF et le CAUE.")
    fields = extract_fiche([("scan.pdf", PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9))])
    assert fields["s5.documents"].value == "PPRI approuvé, OPAH-RU en cours."


@pytest.mark.parametrize("read, quality", [("Mäire", "Maire"), ("Présidênte", "Présidente"), ("Maire", "Maire"),
                                           ("Presidente", "Presidente")])
def test_a_speck_read_as_an_accent_on_a_mandate_is_put_right(read, quality):
    assert finished_text("s1.collectivite.elu_qualite", read)[0] == quality


def test_a_phone_number_at_a_pages_foot_is_no_page_number():
    """The contact's number, last line of page 1, and page 2's number at its foot: both
    numbers alone on a margin row, yet no running footer (a page number has three digits
    at most), and the number is the telephone's answer."""
    from extractors.model import PageText, Word

    def page(number, lines):
        words = []
        for line, (x, y, text) in enumerate(lines):
            for word in text.split():
                words.append(Word(word, (x, y, x + 5.0 * len(word), y + 9.0), 0.93, line))
                x += 5.0 * (len(word) + 1)
        return PageText(number, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)

    first = page(1, [(60.0, 80.0, "SECTION 1 – LES PORTEURS DE L'ATELIER"),
                     *[(60.0, 100.0 + 25 * i, text) for i, text in enumerate(
                         ["Référent technique", "Guillaume Lacombe", "Courriel", "g.lacombe@rodez.fr",
                          "Téléphone", "05.65.12.90.02"])]])
    second = page(2, [(60.0, 80.0, "Autres partenaires associés"), (60.0, 100.0, "Le CAUE."),
                      (60.0, 125.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
                      *[(60.0, 150.0 + 25 * i, "Une ligne de texte.") for i in range(8)],
                      (290.0, 400.0, "2")])
    fields = extract_fiche([("scan.pdf", first), ("scan.pdf", second)])
    assert fields["s1.collectivite.contact_telephone"].value == "05.65.12.90.02"


def test_section_titles_at_two_pages_tops_are_no_running_header():
    """"SECTION 1 – LES PORTEURS…" and "SECTION 2 – LA LOCALISATION…", each at its page's
    top, alike once their numbers are folded: titles, which end the answer before them."""
    from extractors.fields.layout import document_rows
    from extractors.model import PageText, Word

    def page(number, lines):
        words = [Word(word, (60.0 + 40 * k, y, 95.0 + 40 * k, y + 9.0), 0.93, line)
                 for line, (y, text) in enumerate(lines) for k, word in enumerate(text.split())]
        return PageText(number, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)

    body = [(150.0 + 25 * i, "Une ligne de texte.") for i in range(10)]
    rows = document_rows([("scan.pdf", page(1, [(80.0, "SECTION 3 – LES OBJECTIFS DE L'ATELIER"), *body])),
                          ("scan.pdf", page(2, [(80.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER"), *body]))])
    assert sum(row.text.startswith("SECTION") for row in rows) == 2


def test_an_empty_answer_before_a_misread_numbered_title_stays_empty():
    fields = _fax([(60.0, 100.0, "Autres partenaires associés :"), (60.0, 115.0, "2! Localisation"),
                   (60.0, 130.0, "Commune(s) concernée(s) : Le Morne-Vert")], conf={"2!": 0.76})
    assert fields["s1.partenaires"].value is None


def test_a_label_after_an_em_dash_and_options_with_a_speck_among_their_words():
    """"Échelle de réflexion — X Site ou z flot ☐ Communale ☐ Intercommunale" on a scan: the
    dash ends the label (the région's answer stops before it), and the speck "z" inside the
    ticked option's words does not hide it."""
    fields = _fax([(60.0, 100.0, "Région"), (200.0, 100.0, "Bourgogne-Franche-Comté"),
                   (60.0, 115.0, "Échelle de réflexion — X Site ou z flot ☐ Communale ☐ Intercommunale"),
                   (60.0, 130.0, "Secteur d'étude"), (200.0, 130.0, "Le bourg et ses hameaux")],
                  conf={"—": 0.7, "z": 0.72})
    assert fields["s2.region"].value == "Bourgogne-Franche-Comté"
    assert fields["s2.echelle"].value == "site"


def test_a_labels_first_word_cut_after_two_letters_is_still_the_label():
    fields = _fax([(60.0, 100.0, "Intitulé de l'Atelier"), (200.0, 100.0, "Requalifier l'entrée de ville"),
                   (60.0, 115.0, "Th ématique(s)"), (200.0, 115.0, "☒ Réhabilitation des entrées de ville"),
                   (200.0, 130.0, "☒ Adaptation de l'offre de logements"),
                   (200.0, 145.0, "☐ Adaptation des mobilités")])
    assert fields["s3.intitule"].value == "Requalifier l'entrée de ville"
    assert fields["s3.thematiques"].value == ["entree_de_ville", "logement"]


@pytest.mark.parametrize("read, quality, status", [
    ("Mare", "Maire", FieldStatus.NEEDS_REVIEW),  # a photo lost the "i": mended, for a reviewer
    ("Adjolnte au maire", "Adjointe au maire", FieldStatus.NEEDS_REVIEW),
    ("Maire", "Maire", FieldStatus.EXTRACTED),
    ("Vice-président", "Vice-président", FieldStatus.EXTRACTED),
])
def test_a_quality_one_letter_from_one_mandate_is_spelt_as_it_for_review(read, quality, status):
    assert finished_text("s1.collectivite.elu_qualite", read) == (quality, status)


def test_a_label_whose_first_word_a_scan_lost_is_found_by_its_long_last_word():
    """"Commune(s) concernée(s)" read "concernée(s" (its first word lost in a 150 dpi scan's
    cell): still the label, and its answer no answer moved from under a lost label."""
    fields = _fax([(60.0, 80.0, "Section 2 - La localisation de l'atelier"),
                   (120.0, 100.0, "concernée(s"), (300.0, 100.0, "L'Abergement-Sainte-Colombe"),
                   (60.0, 115.0, "EPCI de rattachement"), (300.0, 115.0, "CC Terres de Bresse")])
    communes = fields["s2.communes"]
    assert (communes.value, communes.status) == ("L'Abergement-Sainte-Colombe", FieldStatus.EXTRACTED)


def test_a_group_whose_boxes_a_fax_mostly_lost_with_no_tick_read_is_unknown_not_unanswered():
    """"Site ou Tlot ☐ Communale Intercommunale": one empty box read, the two others lost with
    their ticks; no tick read says nothing of the answer, which a reviewer gives."""
    fields = _fax([(60.0, 100.0, "Échelle de réflexion"), (200.0, 100.0, "Site ou Tlot ☐ Communale Intercommunale"),
                   (60.0, 115.0, "Secteur d'étude"), (200.0, 115.0, "Le bourg")])
    echelle = fields["s2.echelle"]
    assert (echelle.value, echelle.status) == (None, FieldStatus.NEEDS_REVIEW) and echelle.confidence < 0.5


def test_a_group_read_with_every_box_empty_is_unanswered():
    fields = _fax([(60.0, 100.0, "Échelle de réflexion"), (200.0, 100.0, "☐ Site ou îlot ☐ Communale ☐ Intercommunale"),
                   (60.0, 115.0, "Secteur d'étude"), (200.0, 115.0, "Le bourg")])
    assert fields["s2.echelle"].status is FieldStatus.MISSING
