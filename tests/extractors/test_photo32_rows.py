"""Fiche rows on phone photos (photo32): a check box the image finder put on a line of text far
below it (the nearest word to its right, however far: the options' words OCR lost) stands on
its own line, not on that text's. Page word lists taken from real readings (fichestudy seeds)."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.fields.layout import document_rows
from extractors.model import PageText, Word

# Seed 29's second photo (table layout): the programmes' five boxes, their options lost, were
# given the line of "souhaite s'appuyer sur l'Atelier pour", the description's first line.
SEED_29 = [
    ('Programme(s)', (124, 209, 235, 225), 0.81, 0),
    ('de', (240, 206, 259, 222), 0.86, 0),
    ("l'ANCT", (264, 206, 320, 222), 0.79, 0),
    ('concerné(s)', (124, 227, 215, 242), 0.74, 1),
    ('Présentation', (124, 299, 362, 315), 0.92, 2),
    ('du', (228, 297, 246, 318), 0.9, 2),
    ('projet', (252, 297, 296, 318), 0.92, 2),
    ('et', (302, 297, 318, 318), 0.9, 2),
    ('de', (324, 297, 340, 318), 0.92, 2),
    ('la', (346, 297, 364, 318), 0.88, 2),
    ('problématique', (124, 316, 237, 333), 0.9, 3),
    ('souhaite', (424, 351, 490, 372), 0.9, 4),
    ('☐', (426, 119, 439, 132), 0.97, 4),
    ('☐', (426, 172, 439, 185), 1.0, 4),
    ('☐', (426, 210, 439, 223), 0.99, 4),
    ('☐', (426, 245, 439, 258), 0.99, 4),
    ('☐', (426, 281, 439, 294), 0.97, 4),
    ("s'appuyer", (497, 353, 711, 370), 0.88, 4),
    ('sur', (576, 351, 597, 372), 0.92, 4),
    ("l'Atelier", (604, 351, 668, 372), 0.88, 4),
    ('pour', (676, 351, 712, 372), 0.92, 4),
    ('inventer', (426, 370, 652, 386), 0.92, 5),
    ('un', (496, 368, 513, 388), 0.92, 5),
    ('projet', (520, 368, 566, 388), 0.92, 5),
    ('partagé', (572, 368, 629, 388), 0.9, 5),
    ('et', (636, 368, 653, 388), 0.92, 5),
    ('dépasser', (423, 386, 495, 407), 0.92, 6),
    ('une', (502, 386, 528, 407), 0.92, 6),
    ('approche', (536, 386, 605, 407), 0.92, 6),
    ('au', (614, 392, 630, 402), 0.92, 6),
    ('coup', (638, 386, 672, 407), 0.9, 6),
    ('par', (680, 386, 708, 407), 0.92, 6),
    ('coup.', (426, 410, 466, 420), 0.88, 7),
    ('Section', (122, 423, 193, 448), 0.88, 8),
    ('4', (203, 425, 214, 440), 0.92, 8),
    ('Les', (236, 426, 269, 440), 0.92, 8),
    ('objectifs', (275, 422, 364, 444), 0.9, 8),
    ('de', (364, 420, 383, 448), 0.92, 8),
]


def _page(words, width=986.0, height=1236.0) -> PageText:
    return PageText(1, width, height, tuple(Word(t, tuple(map(float, b)), c, n) for t, b, c, n in words),
                    ocr=True, confidence=0.85)


def test_boxes_given_a_far_line_do_not_pull_it_among_the_rows_above():
    rows = [row.text for row in document_rows([("29_1.jpg", _page(SEED_29))])]
    first = next(i for i, text in enumerate(rows) if text.startswith("souhaite"))
    label = next(i for i, text in enumerate(rows) if text.startswith("Présentation"))
    assert first > label
    assert rows[first] == "souhaite s'appuyer sur l'Atelier pour"


def test_the_description_keeps_its_first_line():
    fields = extract_fiche([("29_1.jpg", _page(SEED_29))])
    assert fields["s3.description"].value.startswith("souhaite s'appuyer sur l'Atelier pour inventer")


# Seed 27's first photo (slash layout): Tesseract boxed "rattachement" to the end of
# "Agglomération", over the colon and the answer.
SEED_130 = [
    ('☐', (295, 603, 306, 614), 0.96, 22),
    ('Territorres', (311, 604, 366, 614), 0.09, 22),
    ("d'industrie", (370, 604, 427, 614), 0.85, 22),
    ('☐', (295, 624, 306, 635), 0.95, 23),
    ('Aucun', (310, 626, 345, 635), 0.9, 23),
    ('Présentation', (84, 644, 159, 655), 0.9, 24),
    ('du', (164, 645, 178, 655), 0.92, 24),
    ('projet', (182, 646, 217, 658), 0.92, 24),
    ('et', (220, 647, 232, 656), 0.92, 24),
    ('de', (235, 646, 250, 656), 0.92, 24),
    ('la', (254, 646, 264, 656), 0.83, 24),
    ('Les', (295, 648, 315, 656), 0.92, 24),
    ('habitants', (320, 648, 372, 656), 0.92, 24),
    ('demandent', (378, 648, 442, 657), 0.86, 24),
    ('à', (448, 649, 454, 656), 0.92, 24),
    ('être', (459, 647, 480, 657), 0.9, 24),
    ('associés', (486, 648, 536, 656), 0.9, 24),
    ('plus', (541, 647, 564, 658), 0.86, 24),
    ('10t', (569, 646, 583, 656), 0.74, 24),
    ('aux', (588, 649, 607, 656), 0.9, 24),
    ('projets', (613, 648, 652, 658), 0.85, 24),
    ('problématique', (81, 659, 172, 676), 0.9, 25),
    ("d'aménagement.", (294, 666, 388, 678), 0.79, 25),
    ('La', (397, 666, 410, 675), 0.92, 25),
    ('collectivité', (416, 666, 476, 675), 0.9, 25),
    ('souhaite', (481, 666, 530, 674), 0.9, 25),
    ("s'appuyer", (535, 667, 590, 676), 0.86, 25),
    ('sur', (596, 667, 612, 674), 0.85, 25),
    ("l'Ateher", (618, 664, 660, 674), 0.02, 25),
    ('pour', (664, 666, 690, 675), 0.92, 25),
    ('inventer', (294, 685, 339, 692), 0.9, 26),
    ('un', (346, 686, 358, 692), 0.9, 26),
    ('projet', (364, 684, 396, 696), 0.9, 26),
    ('partagé', (401, 685, 444, 695), 0.92, 26),
    ('et', (449, 685, 459, 692), 0.9, 26),
    ('dépasser', (464, 684, 517, 694), 0.9, 26),
    ('une', (523, 686, 544, 692), 0.88, 26),
    ('approche', (548, 683, 603, 694), 0.9, 26),
    ('au', (608, 685, 622, 692), 0.9, 26),
    ('COUP', (626, 684, 654, 693), 0.24, 26),
    ('par', (659, 684, 676, 694), 0.64, 26),
    ('coup', (294, 704, 322, 714), 0.9, 27),
    ('Objectifs', (78, 924, 132, 936), 0.86, 28),
    ('poursuivis', (136, 926, 199, 937), 0.92, 28),
    ('☒', (175, 901, 183, 909), 1.0, 28),
    ('Anticuler', (290, 927, 336, 936), 0.62, 28),
    ('le', (342, 928, 351, 936), 0.9, 28),
    ('projet', (356, 928, 388, 940), 0.9, 28),
    ('avec', (393, 930, 419, 936), 0.92, 28),
    ('les', (425, 928, 440, 936), 0.88, 28),
    ('documents', (446, 928, 510, 937), 0.9, 28),
    ('de', (514, 928, 528, 936), 0.92, 28),
    ('planification', (533, 927, 602, 938), 0.36, 28),
    ('en', (607, 929, 620, 936), 0.92, 28),
    ('cours', (626, 928, 657, 936), 0.86, 28),
    (';', (660, 923, 667, 942), 0.61, 28),
    ('Mieux', (670, 926, 702, 935), 0.86, 28),
    (';', (562, 942, 567, 959), 0.64, 29),
    ('Tester', (571, 944, 606, 954), 0.9, 29),
    ('des', (612, 944, 632, 954), 0.92, 29),
]


def test_a_box_alone_below_a_prose_answer_does_not_make_it_end_short():
    fields = extract_fiche([("130_1.jpg", _page(SEED_130, 959.0, 1302.0))])
    description = fields["s3.description"]
    assert description.value.endswith("dépasser une approche au COUP par coup")
    assert description.status.value == "extracted"
