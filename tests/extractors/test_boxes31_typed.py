"""Boxes lost on scans (session boxes31): beside typed "[X]" read, a "[ ]" OCR lost is an empty
box; beside ticks read, two boxes lost are no ticks.

The tokens are real readings (Tesseract, the pipeline's page reading and box finder) of the
unseen maker's retyped fiches scanned in black and white at 200 dpi or faxed (bench.fichestudy
study seeds): (text, confidence, box) of the thématiques group as extract_fiche hands it to
read_boxes.
"""

from __future__ import annotations

from extractors.fields.boxes import UNREAD, read_boxes
from extractors.fields.form import OPTIONS
from extractors.fields.layout import Token, norm

# A "slash" fiche: "[ ]" lost whole before "Accompagnement ..." and "Gestion des risques".
SLASH_200BW = [
    ('[', 0.89, (91, 97, 93, 106)),
    (']', 0.63, (96, 97, 98, 106)),
    ('Revitalisation', 0.91, (102, 97, 156, 105)),
    ('du', 0.96, (158, 97, 168, 105)),
    ('centre-ville', 0.96, (171, 97, 216, 105)),
    ('ou', 0.90, (219, 100, 229, 105)),
    ('du', 0.93, (232, 98, 241, 105)),
    ('centre-bourg', 0.91, (244, 98, 297, 107)),
    ('[]', 0.57, (91, 121, 98, 130)),
    ('Réhabilitation', 0.96, (102, 122, 158, 129)),
    ('des', 0.95, (160, 122, 174, 129)),
    ('entrées', 0.96, (177, 122, 207, 129)),
    ('de', 0.96, (210, 122, 220, 129)),
    ('ville', 0.96, (222, 122, 238, 129)),
    ('[', 0.73, (91, 145, 93, 154)),
    (']', 0.73, (97, 145, 98, 154)),
    ('Aménagement', 0.95, (101, 145, 161, 154)),
    ('des', 0.96, (163, 145, 177, 153)),
    ('friches', 0.96, (180, 145, 207, 153)),
    ('[X]', 0.88, (91, 169, 101, 178)),
    ('Protection', 0.96, (104, 169, 146, 177)),
    ('et', 0.96, (149, 170, 157, 177)),
    ('valorisation', 0.96, (159, 169, 206, 177)),
    ('du', 0.96, (209, 169, 219, 177)),
    ('patrimoine', 0.96, (222, 170, 266, 179)),
    ('[X]', 0.89, (91, 193, 101, 202)),
    ('Adaptation', 0.96, (104, 194, 149, 202)),
    ('de', 0.96, (151, 194, 161, 201)),
    ("l'offre", 0.96, (164, 194, 187, 201)),
    ('de', 0.96, (190, 194, 200, 201)),
    ('logements', 0.96, (203, 194, 245, 203)),
    ('[X]', 0.91, (90, 217, 101, 226)),
    ('Adaptation', 0.96, (103, 217, 149, 226)),
    ('des', 0.93, (151, 217, 165, 225)),
    ('mobilités', 0.92, (168, 217, 205, 225)),
    ('Accompagnement', 0.95, (101, 242, 174, 251)),
    ('des', 0.96, (177, 241, 191, 249)),
    ('projets', 0.93, (194, 242, 222, 251)),
    ('socio-économiques', 0.91, (224, 242, 303, 251)),
    ('(ESS)', 0.96, (306, 242, 325, 251)),
    ('et', 0.95, (327, 243, 336, 249)),
    ('économiques', 0.96, (338, 242, 392, 251)),
    ('[]', 0.43, (90, 265, 98, 274)),
    ('Protection,', 0.96, (101, 266, 145, 274)),
    ('restauration', 0.96, (149, 266, 198, 273)),
    ('et', 0.96, (200, 266, 208, 273)),
    ('gestion', 0.96, (211, 266, 240, 275)),
    ('des', 0.96, (243, 266, 257, 273)),
    ('écosystèmes', 0.96, (259, 266, 311, 275)),
    ('et', 0.96, (313, 267, 321, 274)),
    ('des', 0.96, (324, 266, 338, 274)),
    ('ressources', 0.96, (341, 268, 383, 274)),
    ('naturelles', 0.96, (386, 266, 426, 274)),
    ('Gestion', 0.96, (101, 289, 131, 297)),
    ('des', 0.96, (134, 289, 148, 297)),
    ('risques', 0.96, (151, 289, 179, 298)),
    ('[', 0.85, (90, 313, 92, 322)),
    (']', 0.85, (96, 313, 97, 322)),
    ('Autre', 0.96, (100, 314, 123, 321)),
    ('(préciser)', 0.93, (126, 313, 164, 322)),
]

# A "table" fiche: "[ ]" lost before "Autre (préciser)".
TABLE_200BW = [
    ('[', 0.70, (316, 523, 318, 534)),
    (']', 0.83, (322, 523, 324, 533)),
    ('Revitalisation', 0.89, (328, 523, 392, 531)),
    ('du', 0.96, (396, 523, 408, 531)),
    ('centre-ville', 0.96, (411, 523, 464, 531)),
    ('ou', 0.96, (468, 525, 479, 531)),
    ('du', 0.96, (483, 523, 494, 531)),
    ('centre-bourg', 0.90, (316, 535, 377, 546)),
    ('[X]', 0.75, (316, 548, 328, 559)),
    ('Réhabilitation', 0.96, (332, 548, 398, 557)),
    ('des', 0.96, (402, 548, 419, 557)),
    ('entrées', 0.96, (422, 548, 458, 557)),
    ('de', 0.96, (462, 548, 473, 557)),
    ('ville', 0.96, (477, 548, 495, 557)),
    ('[]', 0.90, (316, 561, 324, 571)),
    ('Aménagement', 0.95, (327, 560, 399, 571)),
    ('des', 0.96, (402, 561, 419, 569)),
    ('friches', 0.96, (423, 561, 455, 569)),
    ('[]', 0.88, (316, 573, 324, 584)),
    ('Protection', 0.95, (328, 573, 376, 582)),
    ('et', 0.96, (380, 574, 389, 582)),
    ('valorisation', 0.96, (392, 573, 447, 582)),
    ('du', 0.96, (451, 574, 462, 582)),
    ('patrimoine', 0.96, (467, 574, 517, 584)),
    ('[]', 0.78, (316, 586, 324, 597)),
    ('Adaptation', 0.95, (327, 586, 379, 597)),
    ('de', 0.96, (383, 586, 395, 595)),
    ("l'offre", 0.95, (399, 586, 424, 595)),
    ('de', 0.96, (428, 586, 440, 595)),
    ('logements', 0.95, (444, 587, 493, 597)),
    ('[X]', 0.89, (316, 599, 328, 609)),
    ('Adaptation', 0.96, (332, 599, 384, 609)),
    ('des', 0.93, (387, 599, 404, 607)),
    ('mobilités', 0.90, (408, 599, 451, 607)),
    ('[]', 0.87, (316, 612, 324, 622)),
    ('Accompagnement', 0.94, (327, 612, 416, 622)),
    ('des', 0.96, (419, 612, 436, 620)),
    ('projets', 0.93, (440, 612, 472, 622)),
    ('socio-', 0.92, (476, 612, 505, 620)),
    ('économiques', 0.96, (315, 624, 380, 635)),
    ('(ESS)', 0.95, (384, 624, 412, 635)),
    ('et', 0.95, (416, 625, 425, 633)),
    ('économiques', 0.95, (428, 624, 493, 635)),
    ('[', 0.87, (315, 637, 318, 647)),
    (']', 0.87, (322, 637, 324, 647)),
    ('Protection,', 0.95, (328, 637, 379, 646)),
    ('restauration', 0.95, (384, 637, 440, 645)),
    ('et', 0.95, (444, 638, 453, 645)),
    ('gestion', 0.96, (456, 637, 491, 647)),
    ('des', 0.96, (495, 637, 512, 645)),
    ('écosystèmes', 0.96, (315, 649, 379, 660)),
    ('et', 0.96, (382, 650, 391, 658)),
    ('des', 0.96, (395, 649, 412, 658)),
    ('ressources', 0.96, (416, 651, 469, 658)),
    ('naturelles', 0.96, (473, 649, 519, 658)),
    ('[X]', 0.84, (315, 662, 328, 672)),
    ('Gestion', 0.95, (332, 662, 369, 670)),
    ('des', 0.96, (373, 662, 390, 670)),
    ('risques', 0.95, (394, 662, 428, 672)),
    ('Autre', 0.96, (327, 675, 353, 683)),
    ('(préciser)', 0.95, (357, 674, 402, 685)),
]


def _tokens(read) -> list[Token]:
    return [Token(text, norm(text), "scan.pdf", 2, tuple(map(float, box)), conf, tuple(map(float, box)))
            for text, conf, box in read]


def test_typed_empty_boxes_lost_beside_typed_ticks_read_are_not_ticks():
    """Three "[X]" read, two "[ ]" lost whole (their options' words at the text column, nothing
    before): OCR loses a typed empty box before a crossed one, so the missing ones are empty."""
    slugs, confidence = read_boxes(_tokens(SLASH_200BW), OPTIONS["s3.thematiques"], listed=True)
    assert slugs == ["patrimoine", "logement", "mobilites"]
    assert confidence <= UNREAD  # two boxes unread: still for a reviewer


def test_one_typed_empty_box_lost_in_a_table_cell_is_not_a_tick():
    slugs, confidence = read_boxes(_tokens(TABLE_200BW), OPTIONS["s3.thematiques"])
    assert slugs == ["entree_de_ville", "mobilites", "risques"]
    assert confidence <= UNREAD


# A "slash" fiche faxed: its tick read "X" by OCR, the box finder's empty boxes "☐", and two of
# them lost (before "Protection et valorisation du patrimoine" and "Gestion des risques").
FAX_SLASH = [
    ('X', 0.90, (99, 104, 104, 112)),
    ('Revitalisation', 0.92, (109, 103, 179, 112)),
    ('du', 0.96, (183, 104, 195, 111)),
    ('centre-ville', 0.95, (200, 103, 258, 112)),
    ('ou', 0.89, (262, 105, 274, 112)),
    ('du', 0.93, (279, 104, 291, 112)),
    ('centre-bourg', 0.90, (295, 104, 362, 114)),
    ('☐', 1.00, (98, 128, 107, 136)),
    ('Réhabilitation', 0.95, (111, 127, 182, 136)),
    ('des', 0.96, (187, 127, 205, 136)),
    ('entrées', 0.96, (209, 127, 248, 136)),
    ('dé', 0.85, (252, 127, 264, 136)),
    ('ville', 0.96, (269, 128, 289, 136)),
    ('☐', 0.96, (98, 152, 107, 161)),
    ('Aménagement', 0.84, (111, 151, 188, 162)),
    ('des', 0.95, (192, 152, 209, 160)),
    ('friches', 0.96, (213, 152, 248, 160)),
    ('Protection', 0.96, (111, 176, 163, 184)),
    ('et', 0.95, (168, 177, 178, 184)),
    ('valorisation', 0.95, (181, 176, 241, 185)),
    ('du', 0.96, (246, 176, 258, 185)),
    ('patrimoine', 0.95, (263, 176, 319, 186)),
    ('☐', 1.00, (98, 200, 107, 209)),
    ('Adaptation', 0.85, (111, 200, 168, 210)),
    ('de', 0.96, (172, 200, 184, 208)),
    ("l'offre", 0.96, (189, 200, 218, 209)),
    ('de', 0.96, (222, 200, 234, 209)),
    ('logements', 0.94, (239, 200, 293, 210)),
    ('☐', 1.00, (98, 224, 107, 233)),
    ('Adaptation', 0.94, (111, 224, 167, 235)),
    ('des', 0.93, (172, 224, 190, 233)),
    ('mobilités', 0.92, (194, 223, 241, 232)),
    ('☐', 0.97, (98, 248, 107, 257)),
    ('Accompagnement', 0.95, (111, 248, 206, 258)),
    ('des', 0.96, (210, 248, 227, 256)),
    ('projets', 0.93, (232, 248, 267, 258)),
    ('socio-économiques', 0.90, (272, 247, 372, 258)),
    ('(ESS)', 0.91, (376, 248, 403, 258)),
    ('et', 0.95, (407, 249, 417, 256)),
    ('économiques', 0.96, (421, 247, 491, 258)),
    ('☐', 1.00, (98, 272, 107, 281)),
    ('Protection,', 0.95, (111, 272, 167, 281)),
    ('restauration', 0.95, (172, 272, 234, 281)),
    ('et', 0.94, (239, 272, 249, 280)),
    ('gestion', 0.96, (253, 272, 290, 282)),
    ('des', 0.95, (295, 272, 312, 281)),
    ('écosystèmes', 0.95, (317, 271, 384, 282)),
    ('et', 0.96, (389, 272, 398, 280)),
    ('des', 0.96, (402, 272, 420, 280)),
    ('ressources', 0.96, (425, 274, 480, 280)),
    ('naturelles', 0.93, (99, 286, 150, 295)),
    ('Gestion', 0.96, (111, 310, 150, 318)),
    ('des', 0.96, (155, 310, 172, 319)),
    ('risques', 0.96, (177, 311, 213, 320)),
    ('☐', 1.00, (98, 334, 107, 343)),
    ('Autre', 0.95, (111, 335, 138, 343)),
    ('(préciser)', 0.95, (144, 334, 192, 344)),
]


def test_two_boxes_lost_beside_a_tick_read_are_not_ticks():
    """Beside a tick read, two boxes missing say boxes were lost, empty ones as likely: the
    options read ticked are the answer, for a reviewer."""
    slugs, confidence = read_boxes(_tokens(FAX_SLASH), OPTIONS["s3.thematiques"], listed=True)
    assert slugs == ["revitalisation_centre"]
    assert confidence <= UNREAD
