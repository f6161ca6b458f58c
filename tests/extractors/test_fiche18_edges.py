"""Fiche answers on phone photos (session 18): a label's scraps kept in its answer, printed
instructions misread and kept. Pages are synthetic OCR words (one box per word)."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page


def _collectivite(label_row: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    return [(60.0, 80.0, "Le service de l'État"), (60.0, 100.0, "La collectivité"), *label_row,
            (60.0, 140.0, "Nature de la collectivité"), (300.0, 140.0, "☒ Commune ☐ EPCI"),
            (60.0, 160.0, "Nom et prénom de l'élu(e) référent(e)"), (300.0, 160.0, "Isabelle Lemoine")]


def test_a_labels_tail_left_in_its_column_is_no_part_of_the_answer():
    """A photo lost "Collectivité" at the label cell's left edge: "porteuse" stands alone in
    the label column, a column gap before the answer. It is the label's, not the porteuse's."""
    lines = _collectivite([(110.0, 114.0, "porteuse"), (300.0, 114.0, "Commune de Vitré")])
    fields = extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])
    assert fields["s1.collectivite.nom"].value == "Commune de Vitré"
    assert fields["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW  # its label unread


def test_a_word_of_the_label_inside_the_answer_stays():
    """The same word run into the answer's own words (no column gap): the answer's, kept."""
    lines = _collectivite([(300.0, 114.0, "porteuse du projet Commune de Vitré")])
    fields = extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])
    assert fields["s1.collectivite.nom"].value == "porteuse du projet Commune de Vitré"


def _annex(instructions: list[str], answer: str) -> list[tuple[float, float, str]]:
    lines = [(60.0, 100.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")]
    lines += [(60.0, 120.0 + 15.0 * i, line) for i, line in enumerate(instructions)]
    return lines + [(60.0, 180.0, answer), (60.0, 400.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT"),
                    (60.0, 430.0, "Un PLUi est en cours d'élaboration."), (60.0, 600.0, "Fait à Vitré, le 3 mars 2026")]


def test_the_instructions_last_line_misread_is_dropped_after_their_first():
    """A photo misread the annex's printed instructions: their first line still resembles
    them, the second ("emploi, habitat, services et équipements, environnement et paysages")
    is left as a few misread words. Those are the words the first line stopped before, in
    order: the instructions', not the answer's."""
    lines = _annex(["Présentez de marnère synthétique les dynarruques à s le territoire concerné démograplue, économe el",
                    "emplos et équipement paysages"], "Le bourg compte 5 000 habitants ; la population est stable.")
    fields = extract_fiche([("IMG_4.jpg", _page(lines, ocr=True))])
    assert fields["a1.dynamiques_territoire"].value == "Le bourg compte 5 000 habitants ; la population est stable."


def test_an_answer_in_the_instructions_words_after_them_stays():
    """Instructions read to their end, then an answer that uses their words: the answer's."""
    answer = "Démographie, économie et emploi : le bourg compte 5 000 habitants."
    lines = _annex(["Présentez de manière synthétique les dynamiques à l'œuvre sur le territoire concerné :",
                    "démographie, économie et emploi, habitat, services et équipements, environnement et paysages."],
                   answer)
    fields = extract_fiche([("IMG_4.jpg", _page(lines, ocr=True))])
    assert fields["a1.dynamiques_territoire"].value == answer
    lines = _annex(["Présentez de marnère synthétique les dynarruques à s le territoire concerné démograplue, économe el"],
                   "Habitat et équipements : le bourg compte 5 000 habitants et deux écoles.")
    fields = extract_fiche([("IMG_4.jpg", _page(lines, ocr=True))])
    assert fields["a1.dynamiques_territoire"].value.startswith("Habitat et équipements : le bourg")


def test_a_misread_last_label_word_goes_only_before_a_column_gap():
    """"Autres partenaires asoclcs": the label's last word misread, then its answer's cell;
    with no gap after it, nothing says where the label ends and the words stay for a reviewer."""
    def partenaires(row):
        lines = [(60.0, 100.0, "Téléphone"), (300.0, 100.0, "02 99 75 12 34"), (60.0, 130.0, "Les partenaires"),
                 *row, (60.0, 200.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER")]
        return extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])["s1.partenaires"].value
    assert partenaires([(60.0, 150.0, "Autres partenaires asoclcs"), (300.0, 150.0, "CAUE, agence d'urbanisme")]) \
        == "CAUE, agence d'urbanisme"
    assert partenaires([(60.0, 150.0, "Autres partenaires asoclcs CAUE, agence d'urbanisme")]) \
        == "asoclcs CAUE, agence d'urbanisme"
