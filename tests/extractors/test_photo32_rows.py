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
SEED_27 = [
    ('2]', (125, 733, 142, 761), 0.63, 17),
    ('Localisation', (149, 737, 254, 752), 0.95, 17),
    ('Commune(s)', (125, 771, 234, 797), 0.9, 18),
    ('concernée(s)', (241, 771, 344, 797), 0.92, 18),
    (':', (352, 777, 357, 793), 0.93, 18),
    ('Cholet,', (365, 771, 417, 797), 0.93, 18),
    ('Vezins', (423, 777, 580, 790), 0.93, 18),
    ('et', (480, 771, 498, 797), 0.93, 18),
    ('Maulévrier', (504, 777, 580, 790), 0.92, 18),
    ('EPCI', (125, 804, 167, 835), 0.88, 19),
    ('de', (174, 804, 190, 835), 0.96, 19),
    ('rattachement', (197, 812, 518, 831), 0.93, 19),
    (':', (311, 804, 319, 835), 0.92, 19),
    ('CA', (326, 804, 345, 835), 0.96, 19),
    ('Cholet', (352, 804, 402, 835), 0.92, 19),
    ('Agglomération', (411, 812, 518, 831), 0.93, 19),
    ('Département', (128, 849, 361, 866), 0.93, 20),
    (':', (238, 845, 246, 873), 0.93, 20),
    ('Maine-et-Loire', (254, 849, 361, 866), 0.96, 20),
    ('Région', (128, 887, 326, 904), 0.93, 21),
    (':', (188, 883, 197, 908), 0.92, 21),
    ('Pays', (203, 883, 237, 908), 0.96, 21),
    ('de', (244, 883, 260, 908), 0.94, 21),
    ('la', (267, 883, 283, 908), 0.96, 21),
    ('Loire', (288, 883, 331, 908), 0.96, 21),
]


def test_a_word_boxed_over_the_words_after_it_still_ends_its_label():
    fields = extract_fiche([("27_0.jpg", _page(SEED_27))])
    assert fields["s2.communes"].value == "Cholet, Vezins et Maulévrier"
    assert fields["s2.epci"].value == "CA Cholet Agglomération"
