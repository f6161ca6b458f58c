"""The edges of a fiche's answers: a label written after an answer on its row, a function
after a name, marks and cut words at the ends, an answer cut short."""

from __future__ import annotations

import pytest

from extractors.fields.answer_text import finished_text
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.letters import page

SECTION_1 = "SECTION 1 – LES PORTEURS DE L'ATELIER"
SECTION_2 = "SECTION 2 – LA LOCALISATION DE L'ATELIER"


def _fiche(*rows: str | tuple[str, ...], conf: float = 1.0) -> dict:
    """A retyped fiche: one row per entry, a tuple being cells side by side on one row
    (`conf` below 1: read by OCR)."""
    placed = []
    for i, row in enumerate(rows):
        cells = row if isinstance(row, tuple) else (row,)
        placed.append((80.0 + 20 * i, [(60.0 + 300 * k, text) for k, text in enumerate(cells)]))
    return extract_fiche([("fiche.pdf", page(placed, ocr=conf < 1.0, conf=conf))])


def test_a_label_in_the_next_cell_of_the_row_ends_the_answer_and_starts_its_own():
    got = _fiche(SECTION_1, "Service de l'État pilote : DDT du Cher",
                 ("Nom et prénom du référent : Jean-Pierre Fontaine", "Courriel : jfontaine@cher.gouv.fr"),
                 "Fonction : Adjoint au chef du service", "Téléphone : 02 48 00 00 01")
    assert got["s1.etat.referent_nom"].value == "Jean-Pierre Fontaine"
    assert got["s1.etat.referent_email"].value == "jfontaine@cher.gouv.fr"
    # the label passed over on the row (Fonction, printed before Courriel on the form) is still read
    assert got["s1.etat.referent_fonction"].value == "Adjoint au chef du service"
    assert got["s1.etat.referent_telephone"].value == "02 48 00 00 01"


@pytest.mark.parametrize("row, name, other, value", [
    ("Nom et prénom du référent : Stéphanie FERNANDEZ Fonction . Cheffe du service aménagement",
     "Stéphanie FERNANDEZ", "s1.etat.referent_fonction", "Cheffe du service aménagement"),
    ("Nom et prénom du référent : Jean-Pierre Fontaine F Courriel jfontaine@cher.gouv.fr",
     "Jean-Pierre Fontaine", "s1.etat.referent_email", "jfontaine@cher.gouv.fr"),
    ("Nom et prénom du référent : . François ROBIN Fonction : Chef de l'unité",
     "François ROBIN", "s1.etat.referent_fonction", "Chef de l'unité"),
])
def test_a_label_damaged_by_ocr_within_the_answers_line_still_ends_it(row, name, other, value):
    got = _fiche(SECTION_1, "Service de l'État pilote : DDT du Cher", row)
    assert got["s1.etat.referent_nom"].value == name
    assert got[other].value == value


def test_a_later_sections_label_in_running_text_is_part_of_the_answer():
    got = _fiche(SECTION_1, "Autres partenaires associés : CAUE, Département : Cher", SECTION_2,
                 "Commune(s) concernée(s) : Vierzon", "Département : Cher")
    assert got["s1.partenaires"].value == "CAUE, Département : Cher"
    assert got["s2.communes"].value == "Vierzon"
    assert got["s2.departement"].value == "Cher"


def test_a_name_answer_keeps_the_name_and_leaves_the_function():
    got = _fiche(SECTION_1, "Collectivité porteuse : Commune de Lodève",
                 "Nom et prénom de l'élu(e) référent(e) : DUVAL Marie Adjointe au maire de Lodève",
                 "Référent technique : __ Aurélien PARIS")
    assert got["s1.collectivite.elu_nom"].value == "DUVAL Marie"
    assert got["s1.collectivite.elu_nom"].status is FieldStatus.EXTRACTED
    assert got["s1.collectivite.contact_nom"].value == "Aurélien PARIS"


def test_an_answer_that_ends_on_de_was_cut_short_and_goes_to_a_reviewer():
    got = _fiche(SECTION_1, "Service de l'État pilote : DDTM de", "Nom et prénom du référent : Paul Roux")
    assert got["s1.etat.service"].value == "DDTM de"
    assert got["s1.etat.service"].status is FieldStatus.NEEDS_REVIEW
    assert got["s1.etat.referent_nom"].status is FieldStatus.EXTRACTED


def test_a_telephone_followed_by_words_is_left_to_its_normaliser():
    got = _fiche(SECTION_1, "Service de l'État pilote : DDT du Cher", "Téléphone : 02 48 00 00 01 poste de")
    assert got["s1.etat.referent_telephone"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("field, text, value, status", [
    ("s1.etat.service", "DDTM de la Haute-Corse", "DDTM de la Haute-Corse", FieldStatus.EXTRACTED),
    ("s1.etat.service", "Communauté de communes du", "Communauté de communes du", FieldStatus.NEEDS_REVIEW),
    ("s1.etat.referent_nom", "Antoine Bellance.", "Antoine Bellance", FieldStatus.EXTRACTED),
    ("s1.etat.referent_nom", "E D M A", "E D M A", FieldStatus.NEEDS_REVIEW),
    ("s1.collectivite.contact_nom", "Marie Duval, chargée de mission", "Marie Duval", FieldStatus.EXTRACTED),
    ("s3.intitule", "Un centre-bourg pour tous", "Un centre-bourg pour tous", FieldStatus.EXTRACTED),
    ("s1.etat.referent_nom", "Técher", "Técher", FieldStatus.NEEDS_REVIEW),  # half of "Nom et prénom"
    ("s1.etat.referent_fonction", "Responsable de l'unité Nord +33 5 40 37 01 82",
     "Responsable de l'unité Nord +33 5 40 37 01 82", FieldStatus.NEEDS_REVIEW),  # the next answer ran in
    ("s1.etat.referent_fonction", "Cheffe du bureau 02", "Cheffe du bureau 02", FieldStatus.EXTRACTED),
    ("s2.epci", "Fécamp Caux Littoral Agglomération L.", "Fécamp Caux Littoral Agglomération L.",
     FieldStatus.EXTRACTED),  # a dot ends an abbreviation, not a cut
    ("s1.collectivite.nom", "Mairie d'", "Mairie d'", FieldStatus.NEEDS_REVIEW),
])
def test_finished_text(field, text, value, status):
    assert finished_text(field, text) == (value, status)


def test_an_office_files_cell_is_finished_the_same_way():
    tables = [[["Service de l'État pilote", "DDTM de"],
               ["Nom et prénom de l'élu(e) référent(e)", "DUVAL Marie Adjointe au maire"]]]
    got = extract_fiche([], tables)
    assert got["s1.collectivite.elu_nom"].value == "DUVAL Marie"
    assert got["s1.etat.service"].status is FieldStatus.NEEDS_REVIEW


# -- end to end: a retyped fiche printed and scanned at 200 dpi, through real Tesseract -----------

def test_a_scanned_retyped_fiche_with_labels_close_to_their_answers():
    from PIL import Image, ImageDraw, ImageFont

    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page

    dpi = 200
    scale = dpi / 72
    rows = [(60, 70, SECTION_1), (60, 95, "Service de l'État pilote : DDTM de la Haute-"), (60, 110, "Corse"),
            (60, 130, "Nom et prénom du référent : Jean-Pierre Fontaine     Courriel : jfontaine@haute-corse.gouv.fr"),
            (60, 150, "Fonction : Adjoint au chef du service aménagement"),
            (60, 170, "Téléphone : 04 95 32 97 00"),
            (60, 195, "Collectivité porteuse : Commune de Saint-Pierre"),
            (60, 215, "Nom et prénom de l'élu(e) référent(e) : DUVAL Marie Adjointe au maire"),
            (60, 235, "Référent technique : __ Aurélien PARIS     Courriel : a.paris@saint-pierre.fr"),
            (60, 255, "Téléphone : 04 95 00 00 02"),
            (60, 280, SECTION_2), (60, 300, "Commune(s) concernée(s) : Saint-Pierre")]
    image = Image.new("L", (int(595 * scale), int(842 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", int(10.5 * scale))
    for x, y, text in rows:
        draw.text((x * scale, y * scale), text, fill=0, font=font)
    scanned = ocr_page(image, TesseractEngine(), number=1, dpi=dpi)
    got = extract_fiche([("fiche.png", scanned)])
    expected = {
        "s1.etat.service": "DDTM de la Haute-Corse",
        "s1.etat.referent_nom": "Jean-Pierre Fontaine",
        "s1.etat.referent_email": "jfontaine@haute-corse.gouv.fr",
        "s1.etat.referent_fonction": "Adjoint au chef du service aménagement",
        "s1.collectivite.elu_nom": "DUVAL Marie",
        "s1.collectivite.contact_nom": "Aurélien PARIS",
        "s1.collectivite.contact_email": "a.paris@saint-pierre.fr",
        "s1.collectivite.contact_telephone": "04 95 00 00 02",
    }
    assert {field: got[field].value for field in expected} == expected


@pytest.mark.parametrize("written, address, status", [
    ("c.durand@ville-die.fr", "c.durand@ville-die.fr", FieldStatus.EXTRACTED),
    ("c.durand@ville- die. fr", "c.durand@ville-die.fr", FieldStatus.EXTRACTED),
    ("franckmoreau@nievre", "franckmoreau@niev.re", FieldStatus.NEEDS_REVIEW),  # a guessed ending
    ("c.durand@forcalquierfr", "c.durand@forcalquier.fr", FieldStatus.NEEDS_REVIEW),
])
def test_a_dot_guessed_before_the_domain_ending_is_for_a_reviewer(written, address, status):
    got = _fiche(SECTION_1, "Service de l'État pilote : DDT du Cher", f"Courriel : {written}")
    assert (got["s1.etat.referent_email"].value, got["s1.etat.referent_email"].status) == (address, status)


SECTION_5 = "SECTION 5 – LES RESSOURCES DE L'ATELIER"


def _table(rows: list[tuple[str, str]], *, conf: float = 0.9) -> dict:
    """A scanned two-column form: (label column, answer column) per line, the label's prompt
    wrapped on the lines below it beside the answer's own wrapped lines."""
    placed = [(80.0 + 14 * i, [(x, text) for x, text in ((60.0, left), (220.0, right)) if text])
              for i, (left, right) in enumerate(rows)]
    return extract_fiche([("fiche.pdf", page(placed, ocr=True, conf=conf))])


def test_the_labels_wrapped_prompt_beside_a_wrapped_answer_stays_out_of_it():
    """"(PLU/PLUi, SCoT, études," read on the answer's second line, where the label was not
    found whole (OCR merged "PLU/PLUi"): the label's words are left out, the answer's kept."""
    got = _table([(SECTION_5, ""),
                  ("Documents disponibles", "OPAH-RU en cours, étude de mobilité"),
                  ("{PLUIPLUI, SCoT, études,", "intercommunale, PPRI approuvé."),
                  ("diagnostics...)", ""),
                  ("Acteurs à mobiliser", "Les associations d'habitants, le PNR, l'EPF.")])
    assert got["s5.documents"].value == "OPAH-RU en cours, étude de mobilité intercommunale, PPRI approuvé."
    assert got["s5.acteurs"].value == "Les associations d'habitants, le PNR, l'EPF."


def test_an_answer_wrapped_to_the_left_margin_keeps_its_words():
    """A retyped "Label : answer" whose long answer goes on at the left margin: those lines are
    the answer's, even where they use a word the label prints ("études")."""
    got = _fiche(SECTION_5, "Documents disponibles : PLU approuvé en 2019, plusieurs",
                 "études, diagnostics commerciaux et un PPRI.", "Acteurs à mobiliser : Le PNR et l'EPF.")
    assert got["s5.documents"].value == "PLU approuvé en 2019, plusieurs études, diagnostics commerciaux et un PPRI."


SECTION_3 = "SECTION 3 – L'OBJET DE L'ATELIER"
SECTION_4 = "SECTION 4 – LES OBJECTIFS DE L'ATELIER"


def test_a_section_whose_labels_were_not_read_is_unknown_not_empty():
    """A page photographed sideways: its heading read, its labels jumbled beyond recognition.
    Its answers are for a reviewer (nothing read), never "section vide"."""
    got = _fiche(SECTION_3, "RevtahsAboN du où du Thématique(s) D des entrées de vie Réhabétaton",
                 "Pettes vies de Geman d'avenir | O Aucun", SECTION_4, "Objectifs poursuivis : Tester des usages")
    for field in ("s3.intitule", "s3.thematiques", "s3.description"):
        assert got[field].status is FieldStatus.NEEDS_REVIEW and got[field].value is None
    assert got["s4.objectifs"].value == "Tester des usages"


@pytest.mark.parametrize("conf", [1.0, 0.9])
def test_a_section_whose_heading_and_labels_ocr_lost_is_unknown_not_empty(conf):
    """The shaded half of a photographed page: section 3's heading and most labels lost, the
    one label read ("Programme(s)…") with no box read ticked. On a scan its other questions
    are unknown; a digital fiche that lacks them lacks them."""
    got = _fiche(SECTION_2, "Secteur d'étude : Le centre", "DEL da Atelier",
                 "Programme(s) de l'ANCT concerné(s) : Aucun", SECTION_4,
                 "Objectifs poursuivis : Tester des usages", conf=conf)
    scanned = conf < 1.0
    for field in ("s3.intitule", "s3.thematiques", "s3.description"):
        assert (got[field].status is FieldStatus.NEEDS_REVIEW) is scanned and got[field].value is None
    assert got["s4.objectifs"].value == "Tester des usages"


@pytest.mark.parametrize("conf", [1.0, 0.9])
def test_a_section_read_with_its_labels_and_no_answer_is_empty(conf):
    got = _fiche(SECTION_3, "Intitulé de l'Atelier :", "Thématique(s) :",
                 "Programme(s) de l'ANCT concerné(s) :", "Présentation du projet et de la problématique :",
                 SECTION_4, "Objectifs poursuivis : Tester des usages", conf=conf)
    assert got["s3.intitule"].status is FieldStatus.MISSING and got["s3.description"].status is FieldStatus.MISSING


@pytest.mark.parametrize(("read", "name"), [("RAFFIN. Gaëtan", "RAFFIN Gaëtan"), ("J.-P. Martin", "J.-P. Martin"),
                                            ("Marie C.", "Marie C."), ("M. Jean Dupont", "M. Jean Dupont")])
def test_a_speck_read_as_a_dot_inside_a_name_goes_initials_stay(read, name):
    from extractors.fields.signataire import clean_person

    assert clean_person(read) == name


@pytest.mark.parametrize(("read", "name"), [("1 Ville de Saint-Laurent-de-Mure", "Ville de Saint-Laurent-de-Mure"),
                                            ("| DDT du Var", "DDT du Var"), ("3 Vallées", "3 Vallées"),
                                            ("CC des 3 Rivières", "CC des 3 Rivières")])
def test_a_mark_before_a_collectivites_or_services_name_goes(read, name):
    from extractors.fields.answer_text import finished_text

    assert finished_text("s1.collectivite.nom", read)[0] == name


@pytest.mark.parametrize("colon", [" ;", ";"])
def test_a_colon_read_as_a_semicolon_still_ends_the_label(colon):
    """A fax or a poor scan turns "Label : value" into "Label ; value": the label stays out."""
    got = _fiche(SECTION_2, f"Commune(s) concernée(s){colon} Le Marigot",
                 f"EPCI de rattachement{colon} CA DU PAYS NORD MARTINIQUE", f"Département{colon} Martinique", conf=0.9)
    assert got["s2.epci"].value == "CA DU PAYS NORD MARTINIQUE"
    assert got["s2.departement"].value == "Martinique"


ANNEXE_1 = "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE"
ANNEXE_2 = "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT"


@pytest.mark.parametrize("conf", [1.0, 0.9])
def test_an_annex_whose_title_ocr_lost_is_unknown_not_empty(conf):
    """Annex 2's title misread on a photo ("DYNAM Précnes hrs documents…"), or its page not
    taken for the fiche's: on a scan its answer is unknown, for a reviewer, never "section
    vide"; a digital fiche that lacks the annex lacks it."""
    got = _fiche(SECTION_4, "Objectifs poursuivis : Tester des usages", ANNEXE_1,
                 "La commune compte 4 619 habitants.", conf=conf)
    assert got["a1.dynamiques_territoire"].value == "La commune compte 4 619 habitants."
    annex = got["a2.dynamiques_amenagement"]
    assert annex.value is None and (annex.status is FieldStatus.NEEDS_REVIEW) is (conf < 1.0)


@pytest.mark.parametrize("conf", [1.0, 0.9])
def test_an_annex_read_with_its_title_and_no_answer_is_empty(conf):
    got = _fiche(SECTION_4, "Objectifs poursuivis : Tester des usages", ANNEXE_1,
                 "La commune compte 4 619 habitants.", ANNEXE_2, conf=conf)
    assert got["a2.dynamiques_amenagement"].status is FieldStatus.MISSING
