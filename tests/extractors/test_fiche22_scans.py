"""Fiche values read on scans, photos and faxes (session 22). Synthetic pages and tokens."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page


def _programmes(second_box: str) -> dict:
    lines = [(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
             (60.0, 150.0, "Programme(s) de l'ANCT concerné(s)"), (300.0, 150.0, "[X] Action cœur de ville"),
             (300.0, 165.0, f"{second_box} Petites villes de demain"), (300.0, 180.0, "[] Villages d'avenir"),
             (300.0, 195.0, "[] Territoires d'industrie"), (300.0, 210.0, "[] Aucun"),
             (60.0, 230.0, "Présentation du projet et de la problématique"), (300.0, 230.0, "Une friche.")]
    return extract_fiche([("scan.pdf", _page(lines, ocr=True, conf={"[": 0.67, "]": 0.67}))])


def test_a_scans_empty_box_read_as_two_brackets_is_an_empty_box():
    """A scan's empty box opening its line read as two doubted words "[" and "]": the "[" is no
    cell rule (a "]" follows it), and the box is empty, not a crossed box misread."""
    fields = _programmes("[ ]")
    assert fields["s3.programmes"].value == ["action_coeur_de_ville"]


def _column(lines: list[tuple[str | None, str]]) -> list:
    """Tokens of a check-box group, one option a line: its box (None: none read) at x 99, its
    words from x 111, as OCR and the box finder give them on a fax."""
    from extractors.fields.layout import Token, norm
    out = []
    for n, (box, text) in enumerate(lines):
        y = 100.0 + 24 * n
        if box is not None:
            out.append(Token(box, norm(box), "fax.tif", 2, (99.0, y, 107.5, y + 8.5), 1.0, (99.0, y, 107.5, y + 8.5)))
        x = 111.0
        for word in text.split():
            out.append(Token(word, norm(word), "fax.tif", 2, (x, y, x + 5 * len(word), y + 8.5), 0.93,
                             (x, y, x + 5 * len(word), y + 8.5)))
            x += 5 * (len(word) + 1)
    return out


def test_a_faxed_typed_tick_read_with_a_side_as_a_letter_is_ticked():
    """A typed "[X]" on a fax whose side OCR reads as an "I" ("[XI", "IX]")."""
    from extractors.fields.boxes import read_boxes
    from extractors.fields.form import OPTIONS
    tokens = _column([("[]", "Adaptation des mobilités"), ("[XI", "Aménagement des friches"),
                      ("[]", "Gestion des risques"), ("IX]", "Autre (préciser)")])
    slugs, _ = read_boxes(tokens, OPTIONS["s3.thematiques"])
    assert slugs == ["friches", "autre"]


def test_three_ticked_boxes_lost_on_a_fax_whose_empty_ones_were_all_found():
    """The box finder found every empty box of a faxed group and none of the three ticked ones
    (their crosses blurred them into no square): a box missing where the form prints one was
    ticked, for a reviewer."""
    from extractors.fields.boxes import UNREAD, read_boxes
    from extractors.fields.form import OPTIONS
    options = OPTIONS["s3.thematiques"]
    ticked = {"revitalisation_centre", "entree_de_ville", "autre"}
    tokens = _column([(None if o.slug in ticked else "☐", o.text) for o in options])
    slugs, confidence = read_boxes(tokens, options)
    assert slugs == [o.slug for o in options if o.slug in ticked] and confidence <= UNREAD


def test_an_annex_whose_title_ocr_lost_is_named_by_its_instructions():
    """A photo's dark band over "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE" read as "LES DU": its
    printed instructions, found, stand for the title. The text under them is the annex's, not
    the tail of the answer before it."""
    prompt = ("Présentez de manière synthétique les dynamiques à l'œuvre sur le territoire concerné : "
              "démographie, économie et emploi, habitat, services et équipements, environnement et paysages.")
    lines = [(60.0, 80.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER"),
             (60.0, 100.0, "Moyens logistiques mis à disposition (salle, restauration…)"),
             (60.0, 115.0, "Salle du conseil municipal pour les ateliers."),
             (60.0, 130.0, "LES DU"), (60.0, 145.0, prompt),
             (60.0, 160.0, "Le bourg compte 6 650 habitants ; la population est stable."),
             (60.0, 185.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT"),
             (60.0, 205.0, "Le PLU est en révision.")]
    fields = extract_fiche([("IMG_3.jpg", _page(lines, ocr=True, conf={"LES": 0.5, "DU": 0.5}))])
    a1 = fields["a1.dynamiques_territoire"]
    assert a1.value == "Le bourg compte 6 650 habitants ; la population est stable."
    assert a1.status is FieldStatus.EXTRACTED  # under its own (found) heading, not moved from another answer
    assert "habitants" not in (fields["s5.moyens"].value or "")


def test_three_boxes_missing_beside_ticks_read_are_not_taken_for_ticks():
    """A photo's group whose ticks were read (☒) and three empty boxes lost: a missing box is an
    empty one as likely as a tick, and the ticks read are the answer."""
    from extractors.fields.boxes import read_boxes
    from extractors.fields.form import OPTIONS
    options = OPTIONS["s3.thematiques"]
    lost = {"revitalisation_centre", "entree_de_ville", "logement"}
    ticked = {"mobilites", "economie_ess", "risques"}
    tokens = _column([(None if o.slug in lost else "☒" if o.slug in ticked else "☐", o.text) for o in options])
    slugs, _ = read_boxes(tokens, options)
    assert slugs == [o.slug for o in options if o.slug in ticked]
