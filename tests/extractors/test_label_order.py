"""The form's labels are kept in its order, and one stray match far ahead does not unread a fiche."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.fields.labels import LABELS, find_labels
from extractors.fields.layout import page_rows
from extractors.model import PageText, Word

CHAR, HEIGHT = 5.0, 9.0


def _page(lines: list[str], ocr: bool = True) -> PageText:
    """A scanned page, one line of text every 20 points, label and answer apart by a column gap."""
    words = []
    for number, line in enumerate(lines):
        y = 60.0 + 20 * number
        label, _, answer = line.partition("|")
        for x0, text in ((50.0, label), (250.0, answer)):
            x = x0
            for word in text.split():
                words.append(Word(word, (x, y, x + CHAR * len(word), y + HEIGHT), 0.95, number))
                x += CHAR * (len(word) + 1)
    return PageText(1, 595.0, 842.0, tuple(words), ocr=ocr, confidence=0.9)


SECTION_1 = [
    "SECTION 1 – LES PORTEURS DE L'ATELIER",
    "Service de l'État pilote | DDT de la Drôme",
    "Nom et prénom du référent | Claire MOREAU",
    "Fonction | Cheffe du service aménagement",
    "Courriel | claire.moreau@drome.gouv.fr",
    "Téléphone | 04 75 00 00 00",
    "Collectivité porteuse | Commune de Nyons",
]


def test_a_running_header_misread_as_the_last_label_leaves_the_labels_after_it():
    """A photo's running header read "Fate" looks like "Fait à", the form's last label: taken
    at the top of page 1, every label below would be out of order and the fiche unread."""
    rows = page_rows("p.jpg", _page(["Fate", *SECTION_1]))
    kept = [LABELS[h.index].text for h in find_labels(rows) if h.index >= 0]
    assert "Fait à" not in kept
    assert kept[1:4] == ["Service de l'État pilote", "Nom et prénom du référent", "Fonction"]
    fields = extract_fiche([("p.jpg", _page(["Fate", *SECTION_1]))])
    assert fields["s1.etat.referent_nom"].value == "Claire MOREAU"
    assert fields["s1.collectivite.nom"].value == "Commune de Nyons"


def test_the_last_label_in_its_place_is_kept():
    rows = page_rows("p.jpg", _page([*SECTION_1, "Fait à | Nyons, le 2 mars 2026"]))
    kept = [LABELS[h.index].text for h in find_labels(rows) if h.index >= 0]
    assert kept[-1] == "Fait à"
    fields = extract_fiche([("p.jpg", _page([*SECTION_1, "Fait à | Nyons, le 2 mars 2026"]))])
    assert fields["fiche.lieu"].value == "Nyons"
