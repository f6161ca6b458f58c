"""Scanned and faxed fiches (session 13): values that must not be sure when OCR damaged
them, and answers OCR left in pieces. Pages are synthetic OCR words (one box per word)."""

from __future__ import annotations

from extractors.fields.answer_text import misspelt_kind
from extractors.fields.boxes import read_boxes
from extractors.fields.fiche import extract_fiche
from extractors.fields.form import OPTIONS
from extractors.model import FieldStatus, PageText, Word
from tests.extractors.test_fiche_layouts import CHAR, HEIGHT, _tokens

S3 = "SECTION 3 – L'OBJET DE L'ATELIER"


def _words(lines: list[tuple[float, float, str]], conf: dict | None = None) -> list[Word]:
    words = []
    heights = sorted({y for _, y, _ in lines})
    for x, y, text in lines:
        for word in text.split():
            words.append(Word(word, (x, y, x + CHAR * len(word), y + HEIGHT), (conf or {}).get(word, 0.95),
                              heights.index(y)))
            x += CHAR * (len(word) + 1)
    return words


def _scan(words: list[Word]) -> PageText:
    return PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)


def test_a_ticked_box_read_with_its_option_as_one_doubted_word_is_a_tick_for_a_reviewer():
    """A 300 dpi scan: the first thématique's heavy ☒ read with its first word as one word
    ("Revitalisation", its box over the boxes' column), the other options behind empty
    boxes but one ticked: the first option was ticked, and a reviewer checks it."""
    options = ["Réhabilitation des entrées de ville", "Aménagement des friches",
               "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
               "Adaptation des mobilités", "Accompagnement des projets socio-économiques (ESS) et économiques",
               "Protection, restauration et gestion des écosystèmes et des ressources naturelles",
               "Gestion des risques", "Autre (préciser)"]
    lines = [(60.0, 60.0, S3), (60.0, 80.0, "Intitulé de l'Atelier"), (230.0, 80.0, "Revivre le centre"),
             (60.0, 100.0, "Thématique(s)")]
    words = _words(lines + [(230.0, 100.0, "Revitalisation du centre-ville ou du centre-bourg")],
                   conf={"Revitalisation": 0.49})
    ticked = {"Accompagnement"}
    for i, option in enumerate(options):
        y = 115.0 + 15 * i
        box = "☒" if option.split()[0] in ticked else "☐"
        words.append(Word(box, (236.0, y, 244.0, y + HEIGHT), 1.0, 100 + i))
        words += [Word(w.text, w.bbox, w.conf, 100 + i) for w in _words([(248.0, y, option)])]
    words += [Word(w.text, w.bbox, w.conf, 200 + i) for i, w in enumerate(_words(
        [(60.0, 300.0, "Présentation du projet et de la problématique"), (300.0, 300.0, "Un centre vacant.")]))]
    fields = extract_fiche([("scan.pdf", _scan(words))])
    assert fields["s3.thematiques"].value == ["revitalisation_centre", "economie_ess"]
    assert fields["s3.thematiques"].confidence < 0.7


def test_an_option_whose_ticked_box_was_lost_is_no_label():
    """A retyped fiche scanned at 200 dpi: "☒ Commune" under "Nature de la collectivité :"
    read as "Commune" alone. It is that group's option, not the label "Commune(s)" of
    section 2, and the élu's labels after it are still read."""
    lines = [(60.0, 60.0, "1/ Porteurs du projet"),
             (60.0, 80.0, "Collectivité porteuse : Commune de Port-sur-Saône"),
             (60.0, 100.0, "Nature de la collectivité :"), (60.0, 120.0, "Commune"), (60.0, 140.0, "☐ EPCI"),
             (60.0, 160.0, "Nom et prénom de l'élu(e) référent(e) : BRUNET Josiane"),
             (60.0, 180.0, "Qualité : Maire"),
             (60.0, 200.0, "2/ Localisation"), (60.0, 220.0, "Commune(s) concernée(s) : Port-sur-Saône (70421)"),
             (60.0, 240.0, "EPCI de rattachement : CC Terres de Saône")]
    fields = extract_fiche([("scan.pdf", _scan(_words(lines)))])
    assert fields["s1.collectivite.elu_nom"].value == "BRUNET Josiane"
    assert fields["s1.collectivite.elu_qualite"].value == "Maire"
    assert fields["s1.collectivite.type"].value == "commune"
    assert fields["s2.communes"].value == "Port-sur-Saône (70421)"


def test_a_faxed_groups_boxes_read_as_hash_and_bracket():
    """A fax reads a ☒ as "#" and a ☐ as "1]": a tick and an empty box. With them read,
    the options whose boxes the fax lost are found ticked (for a reviewer)."""
    slugs, _ = read_boxes(_tokens("☐ Site ou îlot # Communale 1] Intercommunale"), OPTIONS["s2.echelle"])
    assert slugs == ["communale"]
    slugs, confidence = read_boxes(_tokens("☐ Site ou îlot Communale 1] Intercommunale"), OPTIONS["s2.echelle"])
    assert slugs == ["communale"] and confidence < 0.7


def test_fait_a_with_the_le_accented_by_a_fax():
    lines = [(60.0, 60.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT"), (60.0, 80.0, "Le SCoT est approuvé."),
             (60.0, 120.0, "Fait à Saint-Julien-de-Coppel, lé 5 juin 2026")]
    fields = extract_fiche([("fax.tif", _scan(_words(lines)))])
    assert fields["fiche.lieu"].value == "Saint-Julien-de-Coppel"
    assert fields["fiche.date"].value == "5 juin 2026"


def test_a_cell_rule_read_as_a_lone_bracket_before_a_label_is_no_box():
    """A 200 dpi scan reads the table's left rule before "Nom et prénom de l'élu(e)" as "[":
    the row is still that label's, not an option of the group above."""
    lines = [(60.0, 60.0, "SECTION 1 – LES PORTEURS DE L'ATELIER"),
             (60.0, 80.0, "Collectivité porteuse"), (230.0, 80.0, "Ville d'Alata"),
             (60.0, 100.0, "Nature de la collectivité"), (230.0, 100.0, "X Commune ☐ EPCI"),
             (52.0, 120.0, "["), (60.0, 120.0, "Nom et prénom de l'élu(e) référent(e)"),
             (270.0, 120.0, "Fabrice Peretti"), (60.0, 140.0, "Qualité"), (230.0, 140.0, "Maire")]
    fields = extract_fiche([("scan.pdf", _scan(_words(lines, conf={"[": 0.68})))])
    assert fields["s1.collectivite.elu_nom"].value == "Fabrice Peretti"
    assert fields["s1.collectivite.elu_nom"].status is FieldStatus.EXTRACTED  # under its own label


def test_single_choice_with_a_tick_read_and_a_box_lost():
    """A fax: "☐ Site ou îlot   Communale   X Intercommunale", Communale's empty box lost.
    One option only may be ticked: the tick read is the answer (for a reviewer)."""
    lines = [(60.0, 60.0, "2/ Localisation"), (60.0, 80.0, "Échelle de réflexion :"),
             (60.0, 100.0, "☐ Site ou ilot"), (70.0, 120.0, "Communale"), (60.0, 140.0, "X Intercommunale"),
             (60.0, 160.0, "Secteur d'étude : La route départementale")]
    fields = extract_fiche([("fax.tif", _scan(_words(lines)))])
    assert fields["s2.echelle"].value == "intercommunale" and fields["s2.echelle"].confidence < 0.7


def test_an_empty_box_glued_as_a_bracket():
    """A 150 dpi scan: "Site îlot [Communale ☐ Intercommunale" (Site's ticked box lost,
    Communale's box read as a "[" glued to it): Site is the option without a box."""
    slugs, confidence = read_boxes(_tokens("Site îlot [Communale ☐ Intercommunale"), OPTIONS["s2.echelle"])
    assert slugs == ["site"] and confidence < 0.7


def _group(first: tuple[str, float], options: list[str], boxes: dict[str, str]) -> list[Word]:
    """A thématiques group on a scan: each option on its line behind its box (☐ unless
    `boxes` says otherwise; "" for no box read), the label left of the first option."""
    words = _words([(60.0, 60.0, S3), (60.0, 80.0, "Intitulé de l'Atelier"), (230.0, 80.0, "Revivre le centre")])
    for i, option in enumerate(options):
        y = 100.0 + 15 * i
        if i == 0:
            words += [Word(w.text, w.bbox, w.conf, 100) for w in _words([(60.0, y, "Thématique(s)")])]
        box = boxes.get(option.split()[0], "☐")
        if box:
            width = 8.0 if len(box) == 1 else 20.0
            words.append(Word(box, (236.0, y, 236.0 + width, y + HEIGHT), first[1] if len(box) > 1 else 1.0,
                              100 + i))
        words += [Word(w.text, w.bbox, w.conf, 100 + i) for w in _words([(248.0, y, option)])]
    words += [Word(w.text, w.bbox, w.conf, 300 + i) for i, w in enumerate(_words(
        [(60.0, 300.0, "Présentation du projet et de la problématique"), (300.0, 300.0, "Un centre vacant.")]))]
    return words


OPTIONS_TEXT = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
                "Aménagement des friches", "Protection et valorisation du patrimoine",
                "Adaptation de l'offre de logements", "Adaptation des mobilités",
                "Accompagnement des projets socio-économiques (ESS) et économiques",
                "Protection, restauration et gestion des écosystèmes et des ressources naturelles",
                "Gestion des risques", "Autre (préciser)"]


def test_a_crossed_box_misread_as_letters_is_a_tick_for_a_reviewer():
    """A 200 dpi scan reads patrimoine's ☒ as "[WP" (doubted, over the boxes' column), every
    other box as ☐ or ☒: patrimoine was ticked, and the list goes to a reviewer."""
    words = _group(("", 0.63), OPTIONS_TEXT, {"Protection": "[WP", "Protection,": "☒"})
    fields = extract_fiche([("scan.pdf", _scan(words))])
    assert fields["s3.thematiques"].value == ["patrimoine", "ecosystemes"]
    assert fields["s3.thematiques"].confidence < 0.7


def test_a_list_of_ticks_with_an_option_whose_box_is_unread_is_not_sure():
    """An option's box read as nothing OCR knows ("fi") while the others read: the ticks read
    may miss one, so the list is for a reviewer (a single choice is not: one tick says all)."""
    words = _group(("", 0.9), OPTIONS_TEXT, {"Aménagement": "☒", "Adaptation": "fi"})
    fields = extract_fiche([("scan.pdf", _scan(words))])
    assert fields["s3.thematiques"].value == ["friches"]
    assert fields["s3.thematiques"].confidence < 0.7


def test_a_bodys_name_whose_kind_word_was_misread_is_for_a_reviewer():
    """"Cté de communes du Pays de Craon" photographed and read "Cré de communes…"."""
    lines = [(60.0, 60.0, "SECTION 1 – LES PORTEURS DE L'ATELIER"),
             (60.0, 80.0, "Collectivité porteuse"), (230.0, 80.0, "Cré de communes du Pays de Craon"),
             (60.0, 100.0, "Qualité"), (230.0, 100.0, "Présidente")]
    fields = extract_fiche([("photo.jpg", _scan(_words(lines)))])
    assert fields["s1.collectivite.nom"].value == "Cré de communes du Pays de Craon"
    assert fields["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW
    assert not misspelt_kind("Cté de communes du Pays de Craon")
    assert not misspelt_kind("Côte Ouest Agglomération") and not misspelt_kind("Saint-Malo Agglomération")
    assert misspelt_kind("Vllle de Lyon")


def test_what_a_photo_left_of_a_section_title_ends_the_answer_before_it():
    """The next photo starts with "LED JECTIFS DE" (SECTION 4 – LES OBJECTIFS DE L'ATELIER read
    in part): the description stops there, and the objectives' words are no part of it."""
    first = [(60.0, 60.0, S3), (60.0, 80.0, "Présentation du projet et de la problématique"),
             (300.0, 80.0, "Une friche attend un projet depuis la fermeture de l'usine.")]
    second = [(60.0, 60.0, "LED JECTIFS DE"), (60.0, 80.0, "Tester des aménagements temporaires avant les travaux")]
    fields = extract_fiche([("a.jpg", _scan(_words(first))), ("b.jpg", _scan(_words(second)))])
    assert fields["s3.description"].value == "Une friche attend un projet depuis la fermeture de l'usine."


def test_a_label_a_photo_lost_in_a_section_otherwise_read_is_unknown_not_unanswered():
    """"Objectifs poursuivis" and "Attendus…" lost by OCR, the section's last label read:
    what they asked is for a reviewer (nothing read), never asserted unanswered."""
    lines = [(60.0, 60.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER"),
             (60.0, 100.0, "Calendrier souhaité"), (300.0, 100.0, "Démarrage en 2027."),
             (60.0, 120.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER"),
             (60.0, 140.0, "Acteurs à mobiliser"), (300.0, 140.0, "Le CAUE.")]
    fields = extract_fiche([("photo.jpg", _scan(_words(lines)))])
    assert fields["s5.acteurs"].value == "Le CAUE."
    assert fields["s4.objectifs"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s4.attendus"].status is FieldStatus.NEEDS_REVIEW and fields["s4.attendus"].value is None
    assert fields["s4.calendrier"].value == "Démarrage en 2027."


def test_a_label_whose_first_word_a_scan_lost_still_ends_the_answer_before_it():
    """"EPCI de rattachement" read "de rattachement" (its first word lost at the cell's edge):
    still the EPCI's label, so the communes stop before it and the EPCI is read."""
    lines = [(60.0, 60.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
             (60.0, 80.0, "Commune(s) concernée(s)"), (230.0, 80.0, "Nantes (44000), Indre (44610)"),
             (85.0, 100.0, "de rattachement"), (230.0, 100.0, "Nantes Métropole"),
             (60.0, 120.0, "Département"), (230.0, 120.0, "Loire-Atlantique (44)")]
    fields = extract_fiche([("scan.pdf", _scan(_words(lines)))])
    assert fields["s2.communes"].value == "Nantes (44000), Indre (44610)"
    assert fields["s2.epci"].value == "Nantes Métropole"


def test_answers_under_two_labels_a_photo_lost_go_one_line_each_to_a_reviewer():
    """"EPCI de rattachement" and "Département" lost on a photo: the communes' answer ran over
    their answers, one line each. Each line goes to its label, for a reviewer."""
    lines = [(60.0, 60.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
             (60.0, 80.0, "Commune(s) concernée(s)"), (230.0, 80.0, "Le Pellerin"),
             (230.0, 95.0, "Nantes Métropole"), (230.0, 110.0, "Loire-Atlantique (44)"),
             (60.0, 130.0, "Région"), (230.0, 130.0, "Pays de la Loire")]
    fields = extract_fiche([("photo.jpg", _scan(_words(lines)))])
    assert fields["s2.communes"].value == "Le Pellerin"
    assert fields["s2.epci"].value == "Nantes Métropole"
    assert fields["s2.departement"].value == "Loire-Atlantique (44)"
    assert {fields[f].status for f in ("s2.communes", "s2.epci", "s2.departement")} == {FieldStatus.NEEDS_REVIEW}


def test_a_prose_line_that_stops_short_mid_sentence_lost_words():
    """A photo lost "intercommunale," at the end of a line ("… étude de mobilité | SCoT
    approuvé."): the line stops far from the text's right edge though the next word would
    have fitted. What was read is for a reviewer; a line ending a sentence is not."""
    lines = [(60.0, 60.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER"),
             (60.0, 80.0, "Documents disponibles"), (230.0, 80.0, "Étude de revitalisation, étude de mobilité"),
             (230.0, 95.0, "SCoT approuvé."),
             (60.0, 115.0, "Acteurs à mobiliser"), (230.0, 115.0, "Les associations d'habitants, le CAUE, les commerçants"),
             (230.0, 130.0, "du centre, la Région."),
             (60.0, 150.0, "Moyens logistiques mis à disposition (salle, restauration…)"),
             (380.0, 150.0, "Une salle.")]
    fields = extract_fiche([("photo.jpg", _scan(_words(lines)))])
    assert fields["s5.documents"].value == "Étude de revitalisation, étude de mobilité SCoT approuvé."
    assert fields["s5.documents"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s5.acteurs"].status is FieldStatus.EXTRACTED


def test_an_annex_whose_lines_stop_short_is_still_its_answer():
    """A fax lost words in the annex's text: its one answer is the annex's, not put in doubt."""
    lines = [(60.0, 60.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE"),
             (60.0, 80.0, "17 313 habitants, une ville portuaire dont"), (60.0, 95.0, "La le tourisme en mer l'économie."),
             (60.0, 110.0, "Les falaises reculent de 20 centimètres par an, chaque année davantage.")]
    fields = extract_fiche([("fax.tif", _scan(_words(lines)))])
    assert fields["a1.dynamiques_territoire"].status is FieldStatus.EXTRACTED
