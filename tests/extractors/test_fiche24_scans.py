"""Fiche labels and values on scans and faxes (session 24). Synthetic pages."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.fields.labels import same_word
from tests.extractors.test_fiche_layouts import _page


def _fax(lines, conf=None):
    return extract_fiche([("fax.pdf", _page(lines, ocr=True, conf=conf))])


def test_a_label_whose_m_a_fax_read_as_rn_is_found_and_kept_out_of_the_answer():
    """"Norn et prénom du référent :" on a fax: the label, not the start of the name."""
    fields = _fax([(60.0, 80.0, "1/ Porteurs du projet"),
                   (60.0, 100.0, "Service de l'État pilote : DEAL de Martinique"),
                   (60.0, 115.0, "Norn et prénom du référent : Hélène Bellay"),
                   (60.0, 130.0, "Fonction : Chargé de projet aménagement durable")], conf={"Norn": 0.81})
    assert fields["s1.etat.referent_nom"].value == "Hélène Bellay"
    assert fields["s1.etat.service"].value == "DEAL de Martinique"


def test_rn_for_m_is_one_slip_only():
    assert same_word("norn", "nom") and same_word("cornmune", "commune")
    assert not same_word("nord", "nom")


def test_a_name_with_one_word_tesseract_doubted_is_for_review():
    """"ZMMERMANN Fatima": the surname at 0.80, the given name at 0.96; the mean hides it."""
    from extractors.model import FieldStatus

    lines = [(60.0, 80.0, "Collectivité porteuse : Commune d'Amfreville-la-Mi-Voie"),
             (60.0, 95.0, "Nom et prénom de l'élu(e) référent(e) : ZMMERMANN Fatima"),
             (60.0, 110.0, "Qualité : Maire")]
    doubted = _fax(lines, conf={"ZMMERMANN": 0.80})["s1.collectivite.elu_nom"]
    assert (doubted.value, doubted.status) == ("ZMMERMANN Fatima", FieldStatus.NEEDS_REVIEW)
    read_well = _fax(lines, conf={"ZMMERMANN": 0.90})["s1.collectivite.elu_nom"]
    assert read_well.status is FieldStatus.EXTRACTED


_THEMES = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
           "Aménagement des friches", "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
           "Adaptation des mobilités", "Gestion des risques", "Autre (préciser)"]


def _themes(boxes: dict[int, str], conf: dict | None = None):
    """The thématiques group, each option after its box glyph (None: the box finder lost it)."""
    lines = [(60.0, 100.0, "Intitulé de l'Atelier : Requalifier l'entrée de ville"), (60.0, 115.0, "Thématique(s) :")]
    for n, option in enumerate(_THEMES):
        y = 130.0 + 15 * n
        lines += [(60.0, y, boxes[n]), (72.0, y, option)] if boxes.get(n) else [(72.0, y, option)]
    lines.append((60.0, 130.0 + 15 * len(_THEMES), "Présentation du projet et de la problématique : Texte."))
    return _fax(lines, conf={"☒": 1.0, "☐": 1.0, **(conf or {})})["s3.thematiques"]


def test_a_box_lost_beside_crossed_boxes_the_finder_saw_is_no_tick():
    """On a photo the box finder saw the crossed boxes (☒): a box it lost is as likely empty;
    the options read ticked are the answer."""
    boxes = {n: "☐" for n in range(len(_THEMES))} | {1: "☒", 5: "☒"}
    del boxes[2]
    assert _themes(boxes).value == ["entree_de_ville", "mobilites"]


def test_a_box_lost_beside_ticks_only_ocr_read_is_still_a_tick():
    """On a scan the finder saw no crossed box, OCR read the ticks ("X"): a box lost where the
    others were found empty was a tick the finder could not square."""
    boxes = {n: "☐" for n in range(len(_THEMES))} | {1: "X"}
    del boxes[2]
    assert _themes(boxes, conf={"X": 0.9}).value == ["entree_de_ville", "friches"]


def test_a_rule_read_as_dashes_between_two_rows_draws_no_answer_from_its_label():
    """A fax read the cell's border above "Céline COULIBALY" as "—  —  —_—", a little higher
    than the name, and the label beside it a little lower: the dashes made a row of their own
    that took the name, before its label, into the service's answer."""
    fields = _fax([(60.0, 80.0, "SECTION 1 – LES PORTEURS DE L'ATELIER"),
                   (60.0, 100.0, "Service de l'État pilote"), (200.0, 100.0, "DDTM de la Vendée"),
                   (240.0, 111.0, "— — —_—"),
                   (200.0, 115.0, "Céline COULIBALY"), (60.0, 117.0, "Nom et prénom du référent"),
                   (60.0, 132.0, "Fonction"), (200.0, 132.0, "Chargée de projet")], conf={"—_—": 0.23})
    assert fields["s1.etat.service"].value == "DDTM de la Vendée"
    assert fields["s1.etat.referent_nom"].value == "Céline COULIBALY"
