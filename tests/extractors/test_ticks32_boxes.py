"""Check boxes on scans (session ticks32), on the unseen maker's fiches made, scanned and read
whole by the pipeline (bench.fichestudy's study seeds: real Tesseract, real box finder):
- a box read empty whose option's line OCR read as noise it dropped ("Autre (préciser) : ……"
  read "EVA (DFÉCISBT)" at 0.0) is that option's box: the group is read whole, and sure;
- "Aucun" whose box OCR lost, beside a programme whose tick was read, changes no answer: the
  programmes read are sure.
"""

from __future__ import annotations

import shutil

import pytest

from bench.fichestudy import fields_of, make_files, read_pages
from extractors.fields.boxes import read_boxes
from extractors.fields.form import OPTIONS
from extractors.fields.layout import Token, norm

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                reason="the maker converts its fiches with LibreOffice")


def _read(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


def test_an_option_whose_line_ocr_dropped_keeps_its_empty_box(tmp_path):
    """An official fiche scanned at 150 dpi: "Autre (préciser)" read as noise, its empty box found."""
    themes = _read(0, tmp_path)["s3.thematiques"]
    assert themes == {"value": ["revitalisation_centre", "patrimoine"], "status": "extracted"}


def test_aucun_lost_beside_a_programme_read_ticked_is_moot(tmp_path):
    """A table fiche scanned at 150 dpi in colour: "[X] Territoires d'industrie" read, the "[ ]"
    before "Aucun" lost."""
    programmes = _read(69, tmp_path)["s3.programmes"]
    assert programmes == {"value": ["territoires_d_industrie"], "status": "extracted"}


def _tokens(read) -> list[Token]:
    return [Token(text, norm(text), "scan.pdf", 2, tuple(map(float, box)), 0.96 if text != "☐" else 0.98,
                  tuple(map(float, box))) for text, box in read]


# The programmes with no box read before "Action cœur de ville": a lost box may be a tick.
_PROGRAMMES = [("☐", (309, 115, 318, 125)), ("Action", (322, 115, 356, 124)), ("cœur", (360, 117, 389, 124)),
               ("de", (393, 115, 405, 124)), ("ville", (410, 115, 431, 123)),
               ("☒", (310, 128, 318, 137)), ("Petites", (322, 128, 358, 137)), ("villes", (363, 128, 390, 137)),
               ("de", (395, 128, 407, 137)), ("demain", (412, 128, 451, 137)),
               ("☐", (310, 141, 318, 149)), ("Villages", (322, 140, 364, 152)), ("d'avenir", (369, 140, 413, 149)),
               ("☐", (309, 153, 318, 163)), ("Territoires", (322, 154, 378, 162)),
               ("d'industrie", (383, 153, 440, 162)), ("Aucun", (322, 167, 355, 175))]


def test_a_programme_whose_box_was_lost_is_still_unsure():
    """Only "Aucun" is moot beside a tick: another option whose box was lost may be ticked."""
    lost_action = [t for t in _PROGRAMMES if t[1] != (309, 115, 318, 125)]
    slugs, confidence = read_boxes(_tokens(lost_action), OPTIONS["s3.programmes"])
    assert "petites_villes_de_demain" in slugs and confidence <= 0.65
    slugs, confidence = read_boxes(_tokens(_PROGRAMMES), OPTIONS["s3.programmes"])
    assert slugs == ["petites_villes_de_demain"] and confidence >= 0.7


def test_a_lone_crossed_box_gives_no_tick_to_an_option_not_read():
    """A crossed box alone on a line whose option was not read: no tick is inferred from it."""
    rows = [(t, (b[0], b[1] + 100, b[2], b[3] + 100)) for t, b in _PROGRAMMES if not t.startswith("Auc")]
    rows += [("☒", (309, 267, 318, 275))]
    slugs, confidence = read_boxes(_tokens(rows), OPTIONS["s3.programmes"])
    assert slugs == ["petites_villes_de_demain"]


def test_two_printed_ticks_lost_of_five_programmes_are_read_for_a_reviewer(tmp_path):
    """An official fiche scanned at 300 dpi, its programmes ticked "✓" in place of the box: OCR
    read neither mark, the box finder the three empty boxes; the two lines without a box at the
    options' column are the ticked ones, shown to a reviewer."""
    programmes = _read(50, tmp_path)["s3.programmes"]
    assert programmes == {"value": ["petites_villes_de_demain", "territoires_d_industrie"],
                          "status": "needs_review"}


def test_a_typed_tick_whose_left_bracket_was_misread_is_a_tick():
    """"{X]" (a black-and-white scan), "PX]" (a photo): a typed "[X]", whatever its left side became."""
    rows = [(t, b) for t, b in _PROGRAMMES if t not in ("☒", "☐")]
    column = [(309, 115, 318, 125), (310, 128, 318, 137), (310, 141, 318, 149), (309, 153, 318, 163)]
    for tick in ("{X]", "PX]"):
        marks = [("[ ]", column[0]), (tick, column[1]), ("[ ]", column[2]), ("[ ]", column[3])]
        read = sorted(rows + marks, key=lambda r: (r[1][1] // 10, r[1][0]))
        slugs, _ = read_boxes(_tokens(read), OPTIONS["s3.programmes"])
        assert slugs and slugs[0] == "petites_villes_de_demain"


def test_a_printed_check_read_as_a_four_at_the_boxes_column_is_a_tick_for_a_reviewer():
    """A photo's "✓" read "4" (at 0.82, above a speck's doubt) where the box stands, the other
    lost "✓" read as nothing: both lines are ticked, for a reviewer."""
    read = [("☐", (128, 412, 140, 424)), ("Action", (146, 412, 200, 426)), ("cœur", (211, 408, 250, 435)),
            ("de", (259, 408, 277, 435)), ("ville", (283, 408, 327, 435)),
            ("Petites", (148, 449, 200, 464)), ("villes", (208, 445, 256, 472)), ("de", (264, 445, 283, 472)),
            ("demain", (291, 449, 353, 464)),
            ("4", (129, 488, 136, 498)), ("Villages", (144, 482, 212, 508)), ("d'avenir", (221, 482, 297, 508)),
            ("☐", (128, 524, 140, 536)), ("Territoires", (147, 519, 238, 547)), ("d'industrie", (247, 519, 343, 547)),
            ("☐", (128, 562, 140, 574)), ("Aucun", (147, 562, 202, 576))]
    tokens = [Token(t.text, t.norm, "photo.jpg", 1, t.bbox, 0.82 if t.text == "4" else t.conf, t.page_bbox)
              for t in _tokens(read)]
    slugs, confidence = read_boxes(tokens, OPTIONS["s3.programmes"], listed=True)
    assert slugs == ["petites_villes_de_demain", "villages_d_avenir"] and confidence <= 0.65


# An official fiche scanned at 200 dpi in black and white (study seed 116), as extract_fiche hands
# the thématiques to read_boxes: the box before "Adaptation des mobilités", ticked, the finder
# found but could not measure (its outline no darker than the paper: "☐" at 0.30).
SCAN200BW = [
    ('☒', 1.00, (222, 213, 229, 221)),
    ('Revitalisation', 0.88, (233, 213, 289, 221)),
    ('du', 0.96, (292, 213, 302, 221)),
    ('centre-ville', 0.95, (305, 213, 350, 221)),
    ('ou', 0.95, (354, 215, 363, 221)),
    ('du', 0.93, (367, 213, 377, 221)),
    ('centre-bourg', 0.90, (380, 213, 433, 222)),
    ('☐', 1.00, (222, 228, 230, 236)),
    ('Réhabilitation', 0.91, (233, 228, 290, 235)),
    ('des', 0.96, (293, 228, 308, 235)),
    ('entrées', 0.95, (311, 228, 342, 235)),
    ('de', 0.96, (345, 228, 355, 235)),
    ('ville', 0.95, (358, 228, 374, 235)),
    ('☐', 1.00, (222, 242, 230, 251)),
    ('Aménagement', 0.95, (233, 243, 294, 252)),
    ('des', 0.95, (297, 243, 312, 250)),
    ('friches', 0.95, (315, 243, 342, 250)),
    ('☐', 1.00, (222, 258, 229, 265)),
    ('Protection', 0.95, (233, 258, 275, 265)),
    ('et', 0.96, (278, 258, 286, 265)),
    ('valorisation', 0.96, (288, 258, 336, 265)),
    ('du', 0.95, (339, 258, 349, 265)),
    ('patrimoine', 0.95, (353, 258, 396, 267)),
    ('☒', 1.00, (222, 273, 229, 280)),
    ('Adaptation', 0.96, (233, 273, 278, 282)),
    ('de', 0.96, (281, 273, 291, 280)),
    ("l'offre", 0.96, (294, 273, 317, 280)),
    ('de', 0.96, (319, 273, 330, 280)),
    ('logements', 0.96, (333, 273, 376, 282)),
    ('☐', 0.30, (222, 287, 230, 295)),
    ('Adaptation', 0.96, (233, 288, 277, 297)),
    ('des', 0.91, (281, 288, 296, 295)),
    ('mobilités', 0.91, (299, 287, 336, 295)),
    ('☐', 1.00, (222, 302, 229, 310)),
    ('Accompagnement', 0.95, (233, 303, 309, 312)),
    ('des', 0.96, (312, 302, 327, 310)),
    ('projets', 0.93, (330, 302, 358, 312)),
    ('socio-économiques', 0.90, (361, 302, 443, 311)),
    ('(ESS)', 0.95, (445, 302, 470, 311)),
    ('et', 0.96, (474, 303, 481, 309)),
    ('économiques', 0.96, (222, 315, 277, 324)),
    ('☐', 1.00, (222, 329, 229, 337)),
    ('Protection,', 0.96, (233, 330, 277, 338)),
    ('restauration', 0.95, (281, 330, 330, 337)),
    ('et', 0.96, (334, 330, 342, 337)),
    ('gestion', 0.96, (344, 330, 374, 339)),
    ('des', 0.96, (378, 330, 392, 337)),
    ('écosystèmes', 0.95, (396, 330, 450, 339)),
    ('et', 0.96, (453, 330, 461, 337)),
    ('des', 0.96, (464, 330, 479, 337)),
    ('ressources', 0.95, (482, 331, 528, 337)),
    ('naturelles', 0.95, (222, 342, 262, 350)),
    ('☐', 1.00, (222, 356, 230, 364)),
    ('Gestion', 0.95, (233, 357, 265, 364)),
    ('des', 0.95, (268, 357, 283, 364)),
    ('risques', 0.96, (286, 357, 316, 366)),
    ('☐', 1.00, (222, 371, 229, 379)),
    ('Autre', 0.96, (233, 372, 255, 379)),
    ('(préciser)', 0.93, (258, 371, 297, 380)),
]


def test_a_box_the_finder_could_not_measure_is_unread_not_empty():
    """Its option's state is unknown: the ticks read elsewhere are not the whole answer, for a reviewer."""
    tokens = [Token(text, norm(text), "scan.pdf", 2, tuple(map(float, box)), conf, tuple(map(float, box)))
              for text, conf, box in SCAN200BW]
    slugs, confidence = read_boxes(tokens, OPTIONS["s3.thematiques"])
    assert slugs == ["revitalisation_centre", "logement"]
    assert confidence < 0.7
