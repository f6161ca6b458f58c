"""Fiche text answers on scans and faxes (photo32): a table's rule OCR read as marks glued to
an answer's edge ("_]Ville de …", "[ Impression …", "(CCKB)}") is no part of it. Page word lists
taken from real readings (fichestudy seeds), and the edges alone."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.fields.text_edges import without_rule_marks
from extractors.model import PageText, Word

# Seed 129 (a fax of the table layout): the cell's left rule read "_]" before "Ville".
SEED_129 = [
    ('|', (90.7, 226.4, 95.4, 244.1), 0.78, 7),
    ('Collectivité', (99.4, 226.4, 159.1, 244.1), 0.57, 7),
    ('porteuse', (164.2, 228.6, 211.3, 240.1), 0.96, 7),
    ('Nature', (92.2, 239.0, 135.4, 250.2), 0.61, 8),
    ('de', (140.0, 241.2, 152.6, 250.6), 0.95, 8),
    ('la', (157.7, 241.6, 165.2, 250.2), 0.83, 8),
    ('collectivité', (170.3, 239.0, 241.9, 251.3), 0.57, 8),
    ('D', (94.3, 212.4, 103.3, 213.5), 0.12, 12),
    ('2', (228.2, 212.0, 275.8, 213.5), 0.19, 12),
    ('|', (297.0, 212.4, 308.5, 213.5), 0.62, 12),
    ('maritime.gouv.fr', (315.0, 201.2, 406.8, 213.5), 0.75, 12),
    ('Téléphone', (98.3, 214.2, 155.2, 226.4), 0.96, 13),
    ('__.', (280.1, 225.7, 293.4, 226.8), 0.28, 13),
    ('[05862117', (315.0, 214.6, 379.8, 223.6), 0.76, 13),
    ('79', (385.2, 214.9, 397.4, 223.6), 0.9, 13),
    ('_]', (297.0, 236.9, 310.7, 240.5), 0.52, 14),
    ('Ville', (314.6, 224.3, 338.4, 241.9), 0.96, 14),
    ('de', (342.4, 224.3, 353.2, 241.9), 0.93, 14),
    ('Saint-André-de-Lidon', (348.8, 225.7, 473.8, 237.2), 0.91, 14),
    ('☒', (315.4, 242.6, 324.0, 251.3), 1.0, 15),
    ('Commune', (329.0, 241.6, 408.2, 253.4), 0.9, 15),
    ('_[]', (390.6, 240.1, 408.2, 254.9), 0.49, 15),
    ('EPCI', (413.6, 241.6, 436.0, 253.4), 0.9, 15),
    ('[Nom', (92.2, 253.4, 123.1, 265.0), 0.46, 18),
    ('et', (128.2, 254.9, 138.2, 263.9), 0.96, 18),
    ('prénom', (142.9, 254.5, 184.0, 265.7), 0.95, 18),
    ('de', (188.6, 254.5, 201.6, 263.9), 0.93, 18),
    ("l'élu(e)", (206.3, 254.2, 242.6, 265.0), 0.9, 18),
    ('Stéphane', (315.0, 254.5, 366.1, 265.3), 0.7, 18),
    ('Morvan', (371.2, 254.9, 410.4, 263.5), 0.96, 18),
]
# Seed 120 (a 300 dpi scan): the cell's left rule read "[" before "Impression".
SEED_120 = [
    ('|', (54.2, 297.4, 54.5, 308.9), 0.95, 8),
    ('Acteurs', (60.0, 299.5, 94.8, 306.2), 0.95, 8),
    ('à', (97.9, 299.0, 103.2, 306.2), 0.95, 8),
    ('mobiliser', (106.1, 299.0, 147.8, 306.2), 0.95, 8),
    ('_', (211.9, 296.9, 214.3, 297.1), 0.29, 8),
    ('Les', (219.4, 299.5, 234.2, 306.5), 0.96, 8),
    ('commerçants', (237.8, 299.8, 297.1, 308.6), 0.96, 8),
    ('du', (300.7, 299.0, 310.6, 306.5), 0.96, 8),
    ('centre,', (314.4, 299.8, 343.7, 307.4), 0.93, 8),
    ("l'EPF,", (348.0, 299.0, 373.0, 307.4), 0.9, 8),
    ('le', (377.0, 299.0, 383.8, 306.5), 0.93, 8),
    ('CAUE,', (387.6, 299.3, 416.6, 307.4), 0.92, 8),
    ('le', (421.0, 299.0, 427.7, 306.2), 0.96, 8),
    ('PNR.', (431.8, 299.3, 453.8, 306.2), 0.95, 8),
    ('Moyens', (60.5, 384.7, 94.8, 393.4), 0.96, 9),
    ('logistiques', (98.4, 384.2, 147.6, 393.4), 0.95, 9),
    ('mis', (151.2, 384.2, 166.6, 391.4), 0.96, 9),
    ('à', (169.7, 384.2, 175.0, 391.4), 0.96, 9),
    ('[', (211.9, 381.8, 214.3, 390.2), 0.74, 9),
    ('Impression', (219.6, 384.2, 266.9, 393.8), 0.93, 9),
    ('et', (270.7, 385.0, 278.6, 391.7), 0.96, 9),
    ('diffusion', (281.8, 384.2, 318.0, 391.7), 0.96, 9),
    ('des', (321.8, 384.2, 337.2, 391.7), 0.95, 9),
    ('documents', (340.6, 384.2, 388.8, 391.7), 0.95, 9),
    ('aux', (392.2, 386.2, 407.8, 391.7), 0.96, 9),
    ('habitants.', (411.4, 384.2, 453.1, 391.7), 0.96, 9),
    ('Un', (457.4, 384.5, 469.0, 391.4), 0.95, 9),
    ('agent', (472.8, 385.0, 497.3, 393.6), 0.96, 9),
    ('du', (500.6, 384.0, 510.5, 391.4), 0.96, 9),
    ('disposition', (60.2, 396.7, 109.9, 405.8), 0.96, 10),
    ('(salle,', (113.5, 396.7, 139.4, 405.8), 0.96, 10),
    ('service', (218.9, 397.4, 249.8, 404.9), 0.96, 10),
    ('urbanisme', (253.7, 397.4, 299.3, 404.9), 0.96, 10),
    ('dédié', (302.9, 397.2, 326.6, 404.9), 0.96, 10),
    ('pendant', (330.2, 397.4, 365.8, 406.8), 0.93, 10),
    ("l'atelier.", (369.1, 397.4, 401.8, 404.9), 0.95, 10),
    ('|', (54.2, 409.0, 54.7, 419.0), 0.96, 11),
    ('restauration...)', (60.5, 409.2, 127.0, 418.3), 0.67, 11),
]


def _page(words, width, height) -> PageText:
    return PageText(1, width, height, tuple(Word(t, b, c, n) for t, b, c, n in words), ocr=True, confidence=0.85)


def test_a_rule_read_before_the_porteuse_is_no_part_of_its_name():
    fields = extract_fiche([("129.tif", _page(SEED_129, 612.0, 792.0))])
    assert fields["s1.collectivite.nom"].value == "Ville de Saint-André-de-Lidon"


def test_a_rule_read_as_a_bracket_before_an_answer_is_no_part_of_it():
    fields = extract_fiche([("120.pdf", _page(SEED_120, 595.68, 841.92))])
    assert fields["s5.moyens"].value.startswith("Impression et diffusion des documents")


@pytest.mark.parametrize(("read", "text"), [
    ("Communauté de communes du Kreiz-Breizh (CCKB)}", "Communauté de communes du Kreiz-Breizh (CCKB)"),
    ("Maire |", "Maire"),
    ("Les documents [voir annexe]", "Les documents [voir annexe]"),
    ("Un atelier, enfin !", "Un atelier, enfin !"),
])
def test_edges(read, text):
    assert without_rule_marks(read) == text
