"""Fiche labels kept in the form's order (session 19): one stray match far ahead in the form
must not leave every true label after it out of order. Pages are synthetic OCR words."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page


def _fiche(header: list[tuple[float, float, str]]) -> dict:
    lines = [*header,
             (60.0, 100.0, "SECTION 1 – LES PORTEURS DE L'ATELIER"),
             (60.0, 120.0, "Service de l'État pilote"), (300.0, 120.0, "DDT du Cher"),
             (60.0, 140.0, "Nom et prénom du référent"), (300.0, 140.0, "Paul Roux"),
             (60.0, 160.0, "Fonction"), (300.0, 160.0, "Chef du service urbanisme"),
             (60.0, 180.0, "Collectivité porteuse"), (300.0, 180.0, "Commune de Vierzon"),
             (60.0, 220.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
             (60.0, 240.0, "EPCI de rattachement"), (300.0, 240.0, "CC Vierzon Sologne Berry"),
             (60.0, 260.0, "Secteur d'étude"), (300.0, 260.0, "Le centre ancien"),
             (60.0, 700.0, "Fait à Vierzon, le 3 mars 2026")]
    return extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])


def test_a_running_headers_word_read_as_the_last_label_does_not_hide_the_form():
    """A photo's running header misread, one of its words alone on a row ("Fate"), one slip
    from "Fait à", the form's last label: kept, it put every true label out of order and the
    whole fiche went unread. Without it, more labels keep their order: it is the stray one."""
    fields = _fiche([(300.0, 30.0, "Atvter es traces Flat"), (480.0, 50.0, "Fate"), (300.0, 70.0, "de cahaare")])
    assert fields["s1.etat.service"].value == "DDT du Cher"
    assert fields["s1.etat.referent_nom"].value == "Paul Roux"
    assert fields["s1.collectivite.nom"].value == "Commune de Vierzon"
    assert fields["s2.secteur"].value == "Le centre ancien"
    assert fields["fiche.lieu"].value == "Vierzon"
    assert fields["fiche.lieu"].status is FieldStatus.EXTRACTED


def test_a_label_read_once_ahead_of_a_lost_one_is_kept():
    """A true label kept after lost ones (a jump in the form) stays when nothing is gained
    without it."""
    fields = _fiche([])
    assert fields["s1.etat.referent_fonction"].value == "Chef du service urbanisme"
    assert fields["s2.epci"].value == "CC Vierzon Sologne Berry"


def test_the_signing_line_is_no_running_header_when_the_title_named_the_place():
    """A retyped fiche's title wraps the commune's name onto a line of its own at the top of
    page 1; "Fait à <that commune>, le …" at the foot of the last page resembles it. It is
    the form's closing answer, not a header or footer repeated from page to page."""
    from dataclasses import replace
    first = _page([(150.0, 40.0, "Atelier des territoires Flash — candidature"), (200.0, 58.0, "Saint-Pierre-des-Corps"),
                   (60.0, 100.0, "SECTION 1 - LES PORTEURS DE L'ATELIER"),
                   (60.0, 120.0, "Service de l'État pilote : DDT d'Indre-et-Loire"),
                   (60.0, 600.0, "Nom et prénom du référent : Paul Roux")])
    last = replace(_page([(60.0, 60.0, "ANNEXE 2 - LES DYNAMIQUES D'AMÉNAGEMENT"),
                          (60.0, 90.0, "Un PLUi est en cours d'élaboration."),
                          (60.0, 700.0, "Fait à Saint-Pierre-des-Corps, le 07.06.2026")]), number=2)
    fields = extract_fiche([("fiche.odt", first), ("fiche.odt", last)])
    assert fields["fiche.lieu"].value == "Saint-Pierre-des-Corps"
    assert fields["fiche.date"].value == "07.06.2026"


def test_a_wrapped_label_goes_on_below_when_the_answer_starts_with_its_next_word():
    """A table's label cell wraps "Documents disponibles (PLU/PLUi, SCoT," | "études,
    diagnostics…)"; the answer cell beside it starts "Étude de revitalisation", one letter
    from the label's next word, across the column gap. The label goes on below at its own
    left edge: the word across the gap is the answer's."""
    label_end = 90.0 + 5.0 * len("Documents disponibles (PLU/PLUi, SCoT,")
    lines = [(90.0, 150.0, "Section 5 – Les ressources de l'atelier"),
             (90.0, 180.0, "Documents disponibles (PLU/PLUi, SCoT,"),
             (label_end + 16.0, 180.0, "Étude de revitalisation (2023), inventaire"),
             (90.0, 195.0, "études, diagnostics…)"), (label_end + 16.0, 195.0, "du patrimoine, PLU approuvé."),
             (90.0, 230.0, "Acteurs à mobiliser"), (label_end + 16.0, 230.0, "Le CAUE et la Région.")]
    fields = extract_fiche([("fiche.pdf", _page(lines))])
    assert fields["s5.documents"].value == "Étude de revitalisation (2023), inventaire du patrimoine, PLU approuvé."
    assert fields["s5.acteurs"].value == "Le CAUE et la Région."


def test_a_label_word_with_a_letter_read_as_a_digit_is_still_the_labels():
    """A photo reads "associés" as "as50ciés" (o as 0, s as 5): the label's last word, not an
    answer to "Autres partenaires associés", which the porteur left empty."""
    lines = [(60.0, 100.0, "Téléphone"), (300.0, 100.0, "02 99 75 12 34"), (60.0, 130.0, "Les partenaires"),
             (60.0, 150.0, "Autres partenaires as50ciés"), (60.0, 200.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
             (60.0, 220.0, "Secteur d'étude"), (300.0, 220.0, "Le centre ancien")]
    fields = extract_fiche([("IMG_1.jpg", _page(lines, ocr=True))])
    assert fields["s1.partenaires"].value is None
