"""Fiche answers on faxes and phone photos (session 17): readings that sent whole dossiers to
review while nothing in them was in doubt. Pages are synthetic OCR words (one box per word)."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.fields.layout import page_rows
from extractors.model import FieldStatus, PageText, Word
from tests.extractors.test_fiche_layouts import _page


def test_an_annex_title_cut_after_its_number_is_still_that_annex():
    """A photo's dark band left "ANNEXE 2 – LES ENA" of the second annex's title and scraps of
    its printed instructions: the number names the annex, and the text under it is its answer."""
    lines = [(60.0, 100.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE"),
             (60.0, 130.0, "Le bourg compte 5 000 habitants et la population est stable."),
             (60.0, 300.0, "ANNEXE 2 – LES ENA"),
             (60.0, 320.0, "les EN OÙ"),
             (60.0, 340.0, "Où programmes contractuels dont la"),
             (60.0, 360.0, "Un PLUi est en cours d'élaboration. Le réaménagement de la gare est programmé."),
             (60.0, 500.0, "Fait à Vitré, le 3 mars 2026")]
    fields = extract_fiche([("IMG_3.jpg", _page(lines, ocr=True))])
    answer = fields["a2.dynamiques_amenagement"]
    assert answer.value == "Un PLUi est en cours d'élaboration. Le réaménagement de la gare est programmé."
    assert answer.status is FieldStatus.EXTRACTED
    assert fields["a1.dynamiques_territoire"].value.startswith("Le bourg compte")


def test_a_line_starting_with_annexe_in_an_answer_is_no_annex_title():
    """"Annexe 1 : plan du secteur" written in a section's answer, in lower case: a running
    line, not the annex's title (which the form prints in capitals)."""
    lines = [(60.0, 100.0, "Documents disponibles"), (300.0, 100.0, "PLU approuvé en 2022"),
             (300.0, 112.0, "Annexe 1 : plan du secteur"),
             (60.0, 140.0, "Acteurs à mobiliser"), (300.0, 140.0, "Le CAUE")]
    fields = extract_fiche([("IMG_2.jpg", _page(lines, ocr=True))])
    assert fields["s5.acteurs"].value == "Le CAUE"
    assert fields["a1.dynamiques_territoire"].value is None


def test_a_fax_speck_over_a_labels_first_letter_is_no_box():
    """A fax's speck read as a ticked box over the "F" of "Fonction": the row is that label's,
    not an option of a check-box group, and its answer is the function."""
    words = [Word("Nom", (60.0, 80.0, 75.0, 89.0), 0.95, 0), Word("et", (80.0, 80.0, 90.0, 89.0), 0.95, 0),
             Word("prénom", (95.0, 80.0, 125.0, 89.0), 0.95, 0), Word("du", (130.0, 80.0, 140.0, 89.0), 0.95, 0),
             Word("référent", (145.0, 80.0, 185.0, 89.0), 0.95, 0),
             Word("MARTIN", (230.0, 80.0, 260.0, 89.0), 0.92, 0), Word("Paul", (265.0, 80.0, 285.0, 89.0), 0.92, 0),
             Word("☒", (58.0, 99.0, 63.0, 104.0), 1.0, 1), Word("Fonction", (60.0, 101.0, 100.0, 110.0), 0.93, 1),
             Word("Chef", (230.0, 101.0, 250.0, 110.0), 0.9, 1), Word("du", (255.0, 101.0, 265.0, 110.0), 0.9, 1),
             Word("service", (270.0, 101.0, 305.0, 110.0), 0.9, 1),
             Word("Courriel", (60.0, 122.0, 100.0, 131.0), 0.93, 2),
             Word("paul.martin@cher.gouv.fr", (230.0, 122.0, 350.0, 131.0), 0.9, 2)]
    page = PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)
    fields = extract_fiche([("fax.tif", page)])
    assert fields["s1.etat.referent_nom"].value == "MARTIN Paul"
    assert fields["s1.etat.referent_fonction"].value == "Chef du service"
    assert fields["s1.etat.referent_fonction"].status is FieldStatus.EXTRACTED


def test_a_ligature_read_twice_by_a_fax_is_one():
    """A fax's "œ" read as "œæ" ("Schœælcher"): no French word writes the two side by side."""
    lines = [(60.0, 100.0, "Collectivité porteuse"), (300.0, 100.0, "Commune de Schœælcher"),
             (60.0, 140.0, "Commune(s) concernée(s)"), (300.0, 140.0, "Schœælcher (code INSEE 97229)")]
    fields = extract_fiche([("fax.tif", _page(lines, ocr=True))])
    assert fields["s1.collectivite.nom"].value == "Commune de Schœlcher"
    assert fields["s2.communes"].value == "Schœlcher (code INSEE 97229)"


def test_an_option_cut_at_its_hyphen_by_the_line_end_is_found():
    """A retyped fiche's narrow cell wraps "socio-économiques" after its hyphen: the option is
    still the ESS one, and its tick counts (it is no box lost)."""
    lines = [(60.0, 100.0, "Thématique(s)"), (300.0, 100.0, "/ Aménagement des friches"),
             (300.0, 114.0, "/ Adaptation de l'offre de logements"),
             (300.0, 128.0, "/ Accompagnement des projets socio-"),
             (300.0, 142.0, "économiques (ESS) et économiques"),
             (60.0, 160.0, "Programme(s) de l'ANCT concerné(s)"), (300.0, 160.0, "Villages d'avenir")]
    fields = extract_fiche([("scan.pdf", _page(lines, ocr=True))])
    assert fields["s3.thematiques"].value == ["friches", "logement", "economie_ess"]


def test_a_retyped_cell_holding_one_options_text_alone_is_that_choice():
    """A retyped table's cells write the chosen option alone, no box: "Intercommunale" is the
    scale, "Villages d'avenir" the programme; read by OCR, for a reviewer (a photo may have lost a
    printed group's other options with their boxes). A cell with other words is no such list."""
    lines = [(60.0, 100.0, "Échelle de réflexion"), (300.0, 100.0, "Intercommunale"),
             (60.0, 114.0, "Secteur d'étude"), (300.0, 114.0, "La vallée"),
             (60.0, 128.0, "Intitulé de l'Atelier"), (300.0, 128.0, "Reconvertir la friche"),
             (60.0, 142.0, "Thématique(s)"), (300.0, 142.0, "Aménagement des friches et autres sujets"),
             (60.0, 160.0, "Programme(s) de l'ANCT concerné(s)"), (300.0, 160.0, "Villages d'avenir"),
             (60.0, 180.0, "Présentation du projet et de la problématique"), (300.0, 180.0, "Une friche.")]
    fields = extract_fiche([("scan.pdf", _page(lines, ocr=True))])
    assert fields["s2.echelle"].value == "intercommunale"
    assert fields["s3.programmes"].value == ["villages_d_avenir"]
    assert fields["s2.echelle"].status is FieldStatus.EXTRACTED and fields["s2.echelle"].confidence < 0.7
    assert fields["s3.thematiques"].value is None


def test_a_state_service_is_mended_where_it_can_only_be_one_and_shown_for_review():
    """A photo: the label's lost words before the acronym ("ptote" for "pilote"), or the
    acronym one letter from a single service's ("DOT"): the service as it must read, for a
    reviewer. An acronym one letter from two services that the territory does not tell apart
    ("DOTM de Guyane": DDTM or DGTM) stays as read; elsewhere the DGTM, Guyane's only, is no
    candidate (session 19)."""
    def service(read: str):
        lines = [(60.0, 100.0, "Service de l'État pilote"), (300.0, 100.0, read),
                 (60.0, 120.0, "Nom et prénom du référent"), (300.0, 120.0, "Paul Martin")]
        return extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])["s1.etat.service"]

    for read, mended in (("ptote DEAL de La Réunion", "DEAL de La Réunion"), ("DOT du Puy-de-Dôme", "DDT du Puy-de-Dôme")):
        assert (service(read).value, service(read).status) == (mended, FieldStatus.NEEDS_REVIEW)
    assert service("DOTM de Guyane").value == "DOTM de Guyane"
    assert (service("DOTM du Gard").value, service("DOTM du Gard").status) == ("DDTM du Gard", FieldStatus.NEEDS_REVIEW)


def test_a_real_box_a_photos_loose_word_box_overlaps_stays():
    """A photo boxes an option's first word a few points too far left, over the right edge of
    its empty box: the box is still there, and the option is not taken for a tick lost."""
    words = [Word("Gestion", (60.0, 80.0, 95.0, 92.0), 0.9, 0),
             Word("☐", (150.0, 80.0, 162.0, 92.0), 0.95, 0), Word("Commune", (158.0, 80.0, 200.0, 92.0), 0.88, 0),
             Word("☒", (220.0, 80.0, 232.0, 92.0), 1.0, 0), Word("EPCI", (236.0, 80.0, 260.0, 92.0), 0.9, 0)]
    page = PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)
    rows = page_rows("IMG_1.jpg", page)
    assert [t.text for t in rows[0].tokens].count("☐") == 1
