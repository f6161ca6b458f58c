"""Retyped and scanned fiches as porteurs send them (the unseen generator's 'slash', 'dash' and 'table'
layouts): section headings in their own numbering, ticked options on lines of their own,
long labels filling their cell up to the answer; check boxes OCR could not read, and the
answers other fields imply."""

from __future__ import annotations

import pytest

from extractors.fields.boxes import UNREAD, read_boxes
from extractors.fields.fiche import extract_fiche
from extractors.fields.fiche_checks import AGREED, IMPLIED
from extractors.fields.form import OPTIONS
from extractors.fields.labels import numbered_heading
from extractors.fields.layout import Row, Token, norm
from extractors.model import FieldStatus, PageText, Word

CHAR = 5.0
HEIGHT = 9.0


def _page(lines: list[tuple[float, float, str]], ocr: bool = False) -> PageText:
    words = []
    heights = sorted({y for _, y, _ in lines})
    for x, y, text in lines:
        for word in text.split():
            words.append(Word(word, (x, y, x + CHAR * len(word), y + HEIGHT), 0.95 if ocr else 1.0,
                              heights.index(y)))
            x += CHAR * (len(word) + 1)
    return PageText(1, 595.0, 842.0, tuple(words), ocr=ocr, confidence=0.9)


def _row(text: str) -> Row:
    return Row("f", 1, tuple(Token(w, norm(w), "f", 1, (0, 0, 1, 1), 1.0, (0, 0, 1, 1)) for w in text.split()))


def _lines(texts: list[str], x: float = 60.0) -> list[tuple[float, float, str]]:
    return [(x, 80.0 + 20 * i, text) for i, text in enumerate(texts)]


@pytest.mark.parametrize("heading", ["2/ Localisation", "21 Localisation", "2) La localisation de l'atelier",
                                     "2 – Localisation", "Section 2 : Localisation", "II. Localisation",
                                     "PARTIE 2 - LOCALISATION"])
def test_a_section_heading_in_any_numbering_ends_the_last_answer_of_the_section_before(heading):
    lines = _lines(["Autres partenaires associés : CAUE, agence d'urbanisme", heading,
                    "Commune(s) concernée(s) : Vitré"])
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s1.partenaires"].value == "CAUE, agence d'urbanisme"
    assert fields["s2.communes"].value == "Vitré"


@pytest.mark.parametrize("text", [
    "1. Identifier les ressources foncières",  # a numbered answer naming another section's word
    "Au premier semestre 2027, 5/ Ressources",  # not at the start of its row
    "2/ Porteurs du projet",  # the number and the title's words disagree
    "3. Localisation des commerces, des services, des équipements publics et des parkings du centre",
])
def test_numbered_answers_are_not_headings(text):
    assert not numbered_heading(_row(text))


def test_a_heading_ends_the_calendar_even_on_the_last_page_line_of_a_section():
    lines = _lines(["Calendrier souhaité : Au premier semestre 2027.", "5/ Ressources",
                    "Acteurs à mobiliser : le CAUE"])
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s4.calendrier"].value == "Au premier semestre 2027."
    assert fields["s5.acteurs"].value == "le CAUE"


@pytest.mark.parametrize("tick", ["✓", "☒", "X", "[X]", "■"])
def test_a_ticked_option_on_its_own_line_is_no_label(tick):
    """'✓ Commune' under "Nature de la collectivité" is not the label "Commune(s)" of
    section 2: taking it for one would skip every label in between."""
    lines = _lines(["Collectivité porteuse", "Commune de Chiconi", "Nature de la collectivité",
                    f"{tick} Commune", "☐ EPCI", "Nom et prénom de l'élu(e) référent(e)", "MADI Céline",
                    "Qualité", "Maire", "2/ Localisation", "Commune(s) concernée(s)", "Chiconi"])
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s1.collectivite.type"].value == "commune"
    assert fields["s1.collectivite.elu_nom"].value == "MADI Céline"
    assert fields["s1.collectivite.elu_qualite"].value == "Maire"
    assert fields["s2.communes"].value == "Chiconi"


def test_a_long_label_filling_its_cell_ends_where_the_answer_cell_starts():
    """The label's last word comes within three spaces of the answer: the label matched
    word for word, a gap wider than the letters' height is the cell's edge."""
    label_end = 60.0 + CHAR * len("disposition (salle, restauration…)")
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (240.0, 100.0, "Le CAUE, la Région."),
             (60.0, 114.0, "Moyens logistiques mis à"), (label_end + 12, 114.0, "Salle du conseil pour"),
             (60.0, 128.0, "disposition (salle, restauration…)"), (label_end + 12, 128.0, "les ateliers.")]
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s5.acteurs"].value == "Le CAUE, la Région."
    assert fields["s5.moyens"].value == "Salle du conseil pour les ateliers."


# Check boxes on scans: a ticked box whose tick ran out of it is no square, and OCR reads
# nothing there while it reads the empty boxes around it as "☐" --------------------------



def _placed(lines: list[tuple[float, float, str]], conf: float = 0.9) -> list[Token]:
    """Tokens from (x, y, text) lines, as the answer's tokens in reading order (OCR's
    confidence by default; 1.0: a text layer's words)."""
    out = []
    for x, y, text in lines:
        for word in text.split():
            width = 9.0 if word in ("☐", "☒") else CHAR * len(word)
            box = (x, y, x + width, y + HEIGHT)
            out.append(Token(word, norm(word), "f", 1, box, conf, box))
            x += width + 4.0
    return out


BOX, TEXT = 216.0, 229.0  # the boxes' column and their options' column


def test_an_option_at_the_text_column_without_its_box_was_ticked():
    themes = ["Revitalisation du centre-ville", "Réhabilitation des entrées de ville", "Aménagement des friches",
              "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
              "Adaptation des mobilités", "Gestion des risques", "Autre (préciser)"]
    ticked = {"Aménagement des friches", "Adaptation de l'offre de logements"}
    lines = [(TEXT, 100.0 + 15 * i, t) if t in ticked else (BOX, 100.0 + 15 * i, "☐ " + t)
             for i, t in enumerate(themes)]
    slugs, confidence = read_boxes(_placed(lines), OPTIONS["s3.thematiques"])
    assert slugs == ["friches", "logement"]
    assert confidence <= UNREAD  # inferred: a reviewer confirms it


def test_boxes_lost_all_over_say_nothing():
    """A fax loses empty boxes too: when many are missing, a missing box is no tick."""
    themes = ["Revitalisation du centre-ville", "Réhabilitation des entrées de ville", "Aménagement des friches",
              "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
              "Adaptation des mobilités", "Gestion des risques"]
    lines = [(TEXT, 100.0 + 15 * i, t) if i % 2 else (BOX, 100.0 + 15 * i, "☐ " + t) for i, t in enumerate(themes)]
    slugs, _ = read_boxes(_placed(lines), OPTIONS["s3.thematiques"])
    assert slugs is None


def test_the_one_option_without_a_box_among_empty_ones_on_a_line():
    slugs, confidence = read_boxes(_placed([(300.0, 100.0, "☐ Commune"), (380.0, 100.0, "EPCI")]),
                                   OPTIONS["s1.collectivite.type"])
    assert slugs == ["epci"] and confidence <= UNREAD
    slugs, _ = read_boxes(_placed([(300.0, 100.0, "☐ Site ou îlot"), (400.0, 100.0, "Communale"),
                                   (470.0, 100.0, "☐ Intercommunale")]), OPTIONS["s2.echelle"])
    assert slugs == ["communale"]


@pytest.mark.parametrize("answer", ["XCommune ☐ EPCI", "/ Commune ☐ EPCI"])
def test_ticks_read_as_a_glued_x_or_a_slash(answer):
    slugs, confidence = read_boxes(_placed([(300.0, 100.0, answer)]), OPTIONS["s1.collectivite.type"])
    assert slugs == ["commune"] and confidence == 1.0


# Answers implied by other fields -----------------------------------------------------------

def _fiche(nature: str, name: str = "Commune de Blauzac", communes: str = "Blauzac", echelle: str = ""):
    lines = _lines([f"Collectivité porteuse : {name}", f"Nature de la collectivité : {nature}",
                    "2/ Localisation", f"Commune(s) concernée(s) : {communes}",
                    f"Échelle de réflexion : {echelle}", "Secteur d'étude : le bourg"])
    return extract_fiche([("f.pdf", _page(lines))])


def test_an_unread_nature_is_implied_by_the_name_for_a_reviewer():
    fields = _fiche("Commune EPCI")  # neither box read
    assert fields["s1.collectivite.type"].value == "commune"
    assert fields["s1.collectivite.type"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s1.collectivite.type"].confidence == IMPLIED
    fields = _fiche("Commune EPCI", name="Communauté de communes du Pays de Mormal")
    assert fields["s1.collectivite.type"].value == "epci"


def test_a_doubtful_box_the_name_confirms_is_sure_and_one_it_contradicts_is_not():
    confirmed = _fiche("☐ Commune      EPCI", name="Communauté d'agglomération Sète Agglopôle Méditerranée")
    assert confirmed["s1.collectivite.type"].value == "epci"
    assert confirmed["s1.collectivite.type"].status is FieldStatus.EXTRACTED
    assert confirmed["s1.collectivite.type"].confidence == AGREED
    contradicted = _fiche("☒ Commune ☐ EPCI", name="Communauté de communes du Pays de Mormal")
    assert contradicted["s1.collectivite.type"].status is FieldStatus.NEEDS_REVIEW


def test_a_name_that_says_neither_implies_nothing():
    fields = _fiche("Commune EPCI", name="Angers Loire Territoire")
    assert fields["s1.collectivite.type"].value is None


def test_three_communes_or_an_epci_imply_an_intercommunal_scale():
    fields = _fiche("☒ Commune ☐ EPCI", communes="Sète, Poussan et Vic-la-Gardiole")
    assert fields["s2.echelle"].value == "intercommunale"
    assert fields["s2.echelle"].status is FieldStatus.NEEDS_REVIEW
    one = _fiche("☒ Commune ☐ EPCI", communes="Blauzac")
    assert one["s2.echelle"].value is None  # one commune: communal or a site, nothing implied
    read = _fiche("☐ Commune ☒ EPCI", name="Communauté de communes du Pays de Mormal", echelle="☒ Communale")
    assert read["s2.echelle"].value == "communale"  # a box read sure stays as read


# The running header and footer as a fax or a photo leaves them ----------------------------

def _two_pages(first_end: list, second_start: list) -> list:
    first = [(60.0, 100.0 + 20 * i, f"Intitulé ligne {i}") for i in range(12)] + first_end
    second = second_start + [(60.0, 90.0, "Présentation du projet et de la problématique")]
    second += [(60.0, 120.0 + 20 * i, f"Réponse ligne {i}") for i in range(12)]
    return [("f.pdf", _page(first, ocr=True)), ("f.pdf", _numbered(_page(second, ocr=True), 2))]


def test_what_ocr_left_of_the_running_footer_and_header_is_no_answer():
    """The département, last answer of a page, and the region, first of the next: between
    them "Version 2025 Page" (the footer) and "Aueker des tertoes Fish - Fiche de" (the header)."""
    pages = _two_pages([(60.0, 360.0, "Département"), (240.0, 360.0, "Gironde"),
                        (170.0, 400.0, "Version 2025 Page")],
                       [(200.0, 24.0, "Aueker des tertoes Fish - Fiche de"),
                        (60.0, 60.0, "Région"), (240.0, 60.0, "Nouvelle-Aquitaine")])
    fields = extract_fiche(pages)
    assert fields["s2.departement"].value == "Gironde"
    assert fields["s2.region"].value == "Nouvelle-Aquitaine"


def test_a_heading_or_an_answer_at_the_top_of_a_page_stays():
    pages = _two_pages([(60.0, 360.0, "Secteur d'étude"), (240.0, 360.0, "le bourg")],
                       [(60.0, 24.0, "3/ Objet de l'atelier"), (60.0, 60.0, "Intitulé de l'Atelier"),
                        (240.0, 60.0, "Atelier de la Flèche, territoire en transition")])
    fields = extract_fiche(pages)
    assert fields["s2.secteur"].value == "le bourg"
    assert fields["s3.intitule"].value == "Atelier de la Flèche, territoire en transition"


def _numbered(page: PageText, number: int) -> PageText:
    return PageText(number, page.width, page.height, page.words, ocr=page.ocr, confidence=page.confidence)


def test_a_label_cut_by_the_page_end_goes_on_at_the_top_of_the_next_page():
    first = [(60.0, 100.0 + 20 * i, f"Intitulé ligne {i}") for i in range(12)]
    first += [(60.0, 340.0, "Acteurs à mobiliser"), (306.0, 340.0, "Le CAUE, l'EPF."),
              (60.0, 360.0, "Moyens logistiques mis à"), (306.0, 360.0, "Un agent du service")]
    second = [(60.0, 72.0, "disposition (salle, restauration…)"), (306.0, 72.0, "dédié pendant l'atelier."),
              (60.0, 100.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")]
    second += [(60.0, 120.0 + 20 * i, f"Réponse ligne {i}") for i in range(12)]
    fields = extract_fiche([("f.pdf", _page(first)), ("f.pdf", _numbered(_page(second), 2))])
    assert fields["s5.acteurs"].value == "Le CAUE, l'EPF."
    assert fields["s5.moyens"].value == "Un agent du service dédié pendant l'atelier."


def test_a_label_word_ocr_cut_in_two():
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (240.0, 100.0, "Les commerçants du centre."),
             (60.0, 114.0, "Moyens logistiques mis à"), (240.0, 114.0, "Un agent dédié."),
             (60.0, 128.0, "disposition (salle,"), (240.0, 128.0, "Salle du conseil."),
             (60.0, 142.0, "restau ratio")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.acteurs"].value == "Les commerçants du centre."
    assert fields["s5.moyens"].value == "Un agent dédié. Salle du conseil."


def test_the_annex_instructions_ocr_mangled_past_matching_are_not_its_answer():
    lines = [(110.0, 83.0, "ANNEXE 1 - LES DYNAMIQUES DU TERRITOIRE"),
             (119.0, 114.0, "sentez nanière les dynamique à l'œuvre sur le territoire concerné "
                            "démographie, économie et"),
             (142.0, 129.0, "habitat. et équipements, environnen ment et paysi"),
             (97.0, 150.0, "Fort-de-France compte 75 506 habitants ; la population est vieillissante."),
             (110.0, 169.0, "Le taux de logements vacants est élevé dans le centre."),
             (114.0, 535.0, "ANNEXE 2 - LES DYNAMIQUES D'AMÉNAGEMENT"),
             (89.0, 563.0, "Préc z les documents de projets d'aménagement en cours ou envisagés et les"),
             (88.0, 577.0, "ou programmes contractuels dont bénéficie la collectivité.")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["a1.dynamiques_territoire"].value == ("Fort-de-France compte 75 506 habitants ; la population "
                                                        "est vieillissante. Le taux de logements vacants est "
                                                        "élevé dans le centre.")
    assert fields["a2.dynamiques_amenagement"].value is None  # only the instructions: unanswered


def test_boxes_the_image_found_among_a_text_answer_are_left_out():
    lines = [(60.0, 100.0, "Fonction"), (240.0, 100.0, "Adjoint au chef du ☐ service"),
             (60.0, 120.0, "Courriel"), (240.0, 120.0, "a.b@cher.gouv.fr")]
    assert extract_fiche([("f.jpg", _page(lines, ocr=True))])["s1.etat.referent_fonction"].value == \
        "Adjoint au chef du service"


def test_a_short_option_word_misread_keeps_the_option_found():
    slugs, confidence = read_boxes(_placed([(300.0, 100.0, "☐ Site au îlot"), (400.0, 100.0, "Communale"),
                                            (470.0, 100.0, "☐ Intercommunale")]), OPTIONS["s2.echelle"])
    assert slugs == ["communale"] and confidence <= UNREAD


def test_an_answer_that_starts_in_lower_case_lost_its_start():
    lines = [(60.0, 100.0, "Fonction"), (240.0, 100.0, "de ation"),
             (60.0, 120.0, "Courriel"), (240.0, 120.0, "a.b@cher.gouv.fr")]
    field = extract_fiche([("f.jpg", _page(lines, ocr=True))])["s1.etat.referent_fonction"]
    assert field.value == "de ation" and field.status is FieldStatus.NEEDS_REVIEW


def test_an_office_table_s_ticked_box_stays_sure():
    """A slug is no text answer: "commune" is not an answer that lost its capital."""
    tables = [[["Collectivité porteuse", "Commune de Vitré"], ["Nature de la collectivité", "☒ Commune ☐ EPCI"]]]
    lines = _lines(["Collectivité porteuse : Commune de Vitré", "Nature de la collectivité : ☒ Commune ☐ EPCI"])
    fields = extract_fiche([("f.docx", _page(lines))], tables)
    assert fields["s1.collectivite.type"].value == "commune"
    assert fields["s1.collectivite.type"].status is FieldStatus.EXTRACTED


def test_a_phone_number_ending_an_answer_goes_to_the_telephone_whose_label_was_lost():
    lines = [(60.0, 100.0, "Fonction"), (240.0, 100.0, "Responsable de l'unité territoriale Nord"),
             (240.0, 114.0, "+33 5 40 37 01 82"),
             (60.0, 140.0, "Collectivité porteuse"), (240.0, 140.0, "Commune de Blauzac")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s1.etat.referent_fonction"].value == "Responsable de l'unité territoriale Nord"
    assert fields["s1.etat.referent_telephone"].value == "+33 5 40 37 01 82"
    assert fields["s1.etat.referent_telephone"].status is FieldStatus.NEEDS_REVIEW
    read = _lines(["Fonction : Chef de service 02 48 00 00 01", "Téléphone : 02 48 00 00 02"])
    fields = extract_fiche([("f.pdf", _page(read))])  # the Téléphone label was read: nothing moves
    assert fields["s1.etat.referent_telephone"].value == "02 48 00 00 02"
    assert fields["s1.etat.referent_fonction"].status is FieldStatus.NEEDS_REVIEW


def test_the_one_label_a_photo_lost_gets_the_last_cell_of_the_answer_before_it():
    """"Département" unread between "EPCI de rattachement" and "Région": its answer, a cell
    below the EPCI's, is the département's (for a reviewer), not the end of the EPCI."""
    lines = [(60.0, 100.0, "EPCI de rattachement"), (240.0, 100.0, "Communauté de communes Pays d'Uzès"),
             (240.0, 130.0, "Gard"),
             (60.0, 160.0, "Région"), (240.0, 160.0, "Occitanie")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s2.epci"].value == "Communauté de communes Pays d'Uzès"
    assert fields["s2.departement"].value == "Gard"
    assert fields["s2.departement"].status is FieldStatus.NEEDS_REVIEW
    wrapped = [(60.0, 100.0, "EPCI de rattachement"), (240.0, 100.0, "Communauté de communes"),
               (240.0, 111.0, "du Pays d'Uzès"), (60.0, 160.0, "Région"), (240.0, 160.0, "Occitanie")]
    fields = extract_fiche([("f.jpg", _page(wrapped, ocr=True))])  # one cell on two lines: nothing moves
    assert fields["s2.epci"].value == "Communauté de communes du Pays d'Uzès"
    assert fields["s2.departement"].value is None


def test_a_label_lost_right_after_a_section_heading_still_gets_its_answer():
    lines = [(60.0, 100.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
             (240.0, 125.0, "Requalifier l'entrée de ville"),
             (60.0, 150.0, "Thématique(s)"), (240.0, 150.0, "☒ Gestion des risques")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s3.intitule"].value == "Requalifier l'entrée de ville"
    assert fields["s3.intitule"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s3.thematiques"].value == ["risques"]


def test_a_table_cell_keeps_the_lines_of_a_list_and_joins_those_of_prose_under_a_retyped_label():
    tables = [[["Commune(s) concernée(s)", "Vitré\n  Châteaubourg\n\nDomagné"],
               ["Présentation du projet", "Une friche\nau centre-bourg"]]]
    fields = extract_fiche([], tables)
    assert fields["s2.communes"].value == "Vitré\nChâteaubourg\nDomagné"
    assert fields["s3.description"].value == "Une friche au centre-bourg"


def test_a_typed_list_of_the_chosen_options_alone_is_sure():
    """A retyped fiche listing only the ticked thématiques ("✓ Aménagement des friches"): in a
    text layer nothing is lost, so the options not written were not chosen."""
    lines = [(BOX, 100.0, "✓ Aménagement des friches"), (BOX, 115.0, "✓ Adaptation des mobilités")]
    slugs, confidence = read_boxes(_placed(lines, conf=1.0), OPTIONS["s3.thematiques"])
    assert slugs == ["friches", "mobilites"] and confidence >= 0.9
    # The same two lines read by OCR, ticks only and not one empty box: a list of the chosen
    # options too (session 28: a printed group whose lines OCR lost still shows empty boxes;
    # that case stays unsure, tests/extractors/test_fiche28_lists.py), sure but below a text layer.
    slugs, confidence = read_boxes(_placed(lines), OPTIONS["s3.thematiques"])
    assert slugs == ["friches", "mobilites"] and 0.7 <= confidence < 0.9
    # A typed list cut short, with an empty box among those found, stays doubtful.
    lines.append((BOX, 130.0, "☐ Gestion des risques"))
    _, confidence = read_boxes(_placed(lines, conf=1.0), OPTIONS["s3.thematiques"])
    assert confidence < 0.9
