"""Check-box groups and bodies' names on scans (session 30, from bench/fichestudy.py's bulk study
of the generator's fiches faxed and photographed):
- "Site ou îlot" whose "îlot" a fax or a photo lost ("X Site ou ☐ Communale"): the option is told
  by its first words alone between two boxes, for a reviewer;
- a group with no tick read whose options OCR did not all read (a photo's page edge cut the
  thématiques): unknown, for a reviewer, never "left unanswered";
- "Vi lle de Saint-Louis.": a fax cut the body's kind in two and left a speck after the name."""

from __future__ import annotations

from extractors.fields.answer_text import finished_text
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_boxes29 import _THEMES
from tests.extractors.test_fiche_layouts import _page

_HEAD = [(60.0, 80.0, "Région : Pays de la Loire")]
_AFTER = [(60.0, 110.0, "Secteur d'étude : Le quartier de la gare"),
          (60.0, 125.0, "3/ Objet de l'atelier"), (60.0, 140.0, "Intitulé de l'Atelier : Revivre au bourg")]


def _echelle(line: str, conf: dict | None = None):
    """A slash layout's échelle on one line, as a fax reads it."""
    page = _page(_HEAD + [(60.0, 95.0, f"Échelle de réflexion : {line}")] + _AFTER, ocr=True, conf=conf)
    return extract_fiche([("fax.tif", page)])["s2.echelle"]


def test_site_ou_ilot_with_ilot_lost_between_two_boxes_is_site_for_a_reviewer():
    value = _echelle("X Site ou ☐ Communale ☐ Intercommunale", {"X": 0.87})
    assert value.value == "site"
    assert value.confidence <= 0.65  # told by its first words only: never sure


def test_site_ou_ilot_read_whole_stays_sure():
    value = _echelle("X Site ou îlot ☐ Communale ☐ Intercommunale", {"X": 0.87})
    assert value.value == "site"
    assert value.confidence > 0.65


def test_words_of_an_option_inside_other_text_are_no_cut_option():
    """"gestion des" inside the écosystèmes option is not "Gestion des risques" cut short."""
    lines = [(60.0, 100.0, "Thématique(s) :")]
    themes = [t for t in _THEMES if t != "Gestion des risques"]
    for n, theme in enumerate(themes):
        mark = "☒" if n == 0 else "☐"
        lines.append((60.0, 115.0 + 15 * n, f"{mark} {theme}"))
    lines.append((60.0, 115.0 + 15 * len(themes), "Présentation du projet et de la problématique : Le bourg."))
    value = extract_fiche([("scan.pdf", _page(lines, ocr=True))])["s3.thematiques"]
    assert value.value == ["revitalisation_centre"]


def _themes_cut(kept: int, ocr: bool = True):
    """The thématiques with all their boxes empty as read, the options after `kept` lost (the
    photo's page edge), then the programmes."""
    lines = [(60.0, 100.0, "Intitulé de l'Atelier : Revivre au bourg"), (60.0, 115.0, "Thématique(s) :")]
    for n, theme in enumerate(_THEMES[:kept]):
        lines.append((60.0, 130.0 + 15 * n, f"☐ {theme}"))
    y = 130.0 + 15 * kept
    lines += [(60.0, y, "Programme(s) de l'ANCT concerné(s) : ☒ Petites villes de demain"),
              (60.0, y + 15, "Présentation du projet et de la problématique : Le bourg se vide.")]
    return extract_fiche([("photo.jpg", _page(lines, ocr=ocr))])["s3.thematiques"]


def test_a_group_cut_short_with_no_tick_read_is_unknown_not_unanswered():
    value = _themes_cut(7)
    assert value.value is None
    assert value.status is FieldStatus.NEEDS_REVIEW


def test_a_group_read_whole_with_no_tick_is_unanswered():
    value = _themes_cut(len(_THEMES))
    assert value.value is None
    assert value.status is FieldStatus.MISSING


def test_a_text_layer_group_cut_short_is_still_unanswered():
    """A text layer loses no line: options not written are not there."""
    assert _themes_cut(7, ocr=False).status is FieldStatus.MISSING


def test_a_body_kind_cut_in_two_is_one_word_again_and_the_speck_after_the_name_dropped():
    assert finished_text("s1.collectivite.nom", "Vi lle de Saint-Louis.") == \
        ("Ville de Saint-Louis", FieldStatus.EXTRACTED)
    assert finished_text("s1.collectivite.nom", "Com mune de Bar")[0] == "Commune de Bar"
    # a body's kind read whole and an abbreviation's full stop are left as they are
    assert finished_text("s1.collectivite.nom", "Ville de Saint-Louis")[0] == "Ville de Saint-Louis"
    assert finished_text("s1.etat.service", "DDT de la Haute-Corse")[0] == "DDT de la Haute-Corse"
    assert finished_text("s1.collectivite.nom", "CC du Pays de St.")[0] == "CC du Pays de St."
