"""Letters read on scans, faxes and photos: a page number misread under the closing, a title
left alone before "et par délégation", the bloc-marque's département with its "DE" lost, a
date's year read apart, marks before a civility."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.fields.courrier import ink_over_name, letter_fields, read_letter
from extractors.fields.courrier_departement import departement_clues
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.fields.signataire import quality_of
from extractors.model import FieldStatus, PageText, PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter, page, prefet_letter, row_line, words

PREFET = PieceKind.COURRIER_PREFET
FOOTER = ("12 place Aristide Briand - 72000 LE MANS CEDEX", "www.sarthe.gouv.fr")


def test_a_page_number_read_without_a_letter_leaves_the_block_to_the_next_page():
    # the closing ends page 1; its page number "1/2" read "172" must not be taken for the block
    first = prefet_letter(date=None, signatory=(), after=FOOTER + ("172",), ocr=True, conf=0.95)
    second = page([(90, [(330, "Le Mans, le 16 mars 2026")]), (130, [(330, "Le Préfet de la Sarthe")]),
                   (780, [(60, FOOTER[0])]), (794, [(60, FOOTER[1])]), (808, [(290, "2/2")])],
                  ocr=True, conf=0.95, number=2)
    reading = read_letter(PREFET, "avis.pdf", (first, second))
    assert reading.fields["signataire_qualite"].value == "prefet"
    assert reading.fields["date"].value == "16 mars 2026"
    assert reading.zone is not None and reading.zone.page == 1  # the signature is looked for on page 2


def test_a_title_alone_before_et_par_delegation_is_not_the_signers():
    # "Le Sous-préfet, pour le" lost under the signature: only the delegating title was read
    lines = [row_line(320, 600, "préfet et par délégation", 1), row_line(320, 640, "Bruno Lacombe", 2)]
    quality = quality_of(lines, PREFET.value, None)
    assert quality is not None and quality.slug == "autre" and quality.confidence < 0.7


def test_the_block_read_again_gives_the_delegates_own_title():
    text = prefet_letter(signatory=("préfet et par délégation", "Bruno Lacombe"), ocr=True, conf=0.95)
    reading = read_letter(PREFET, "avis.pdf", (text,))
    again = ("Je vous prie d'agréer, Monsieur le Sous-directeur, l'expression de mes salutations",
             "distinguées.", "Le Sous-préfet, ppur lé préfet et par délégation", "Bruno Lacombe")
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.9, (300, 600, 450, 650), block_text=again)})
    assert out["courrier_prefet.signataire_qualite"].value == "sous_prefet"
    assert out["courrier_prefet.signataire_qualite"].status is FieldStatus.EXTRACTED


def test_the_delegates_own_title_read_again_with_a_letter_misread_is_still_theirs():
    # the signature over "Le Sous-préfet," left debris on the page; on dark ink its f reads t
    text = prefet_letter(signatory=("SbüsSpréfet, fet", "pour le préfet et par délégation", "Bruno Lacombe"),
                         ocr=True, conf=0.95)
    reading = read_letter(PREFET, "avis.pdf", (text,))
    assert reading.fields["signataire_qualite"].value == "autre"
    again = ("Je vous prie d'agréer, Monsieur le Sous-directeur, l'expression de mes salutations",
             "distinguées.", "puis cie 74 ,", "Le Sous-prétet,", "pour le préfet et par délégation", "Bruno Lacombe")
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.9, (300, 600, 450, 650), block_text=again)})
    assert out["courrier_prefet.signataire_qualite"].value == "sous_prefet"
    assert out["courrier_prefet.signataire_qualite"].status is FieldStatus.EXTRACTED


def test_another_title_read_again_over_an_unsure_one_stays_for_a_reviewer():
    # the page read "Le directeur" unsure; the dark-ink reading says "Le préfet": two readings disagree
    text = prefet_letter(signatory=("Le directeur,", "Bruno Lacombe"), ocr=True, conf=0.6)
    reading = read_letter(PREFET, "avis.pdf", (text,))
    again = ("distinguées.", "Le préfet,", "Bruno Lacombe")
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.9, (300, 600, 450, 650), block_text=again)})
    assert out["courrier_prefet.signataire_qualite"].value != "prefet"


def test_the_bloc_marques_departement_starting_under_the_titles_middle():
    # "PRÉFÈTE" / "[DE] LA RÉUNION": the "DE" read as a speck and dropped, the line starts further right
    rows = [(78, [(60, "PRÉFÈTE"), (445, "Service aménagement durable")]), (91, [(79, "LA RÉUNION")]),
            (106, [(60, "Liberté")]), (113, [(60, "Égalité")]), (122, [(60, "Fraternité")]),
            (146, [(312, "Madame la sous-directrice")]), (160, [(312, "de l'aménagement durable")]),
            (234, [(78, "Saint-Denis, le 18 juillet 2026")]),
            (256, [(78, "Objet : Avis sur la candidature de la ville de Saint-Leu")]), (320, [(78, "Madame,")])]
    parts = letter_parts(letter_lines((page(rows, ocr=True, conf=0.95),)))
    clues = departement_clues(parts)
    assert clues and "departement" in clues[0].value
    assert clues[0].value["departement"].lower() in ("la réunion", "réunion")


def test_a_dates_year_read_as_a_line_of_its_own_is_joined_again():
    # a fax: the year, faint, is a reader line of its own on the date's row
    placed = words(330, 212.3, "Fort-de-France, le 22 octobre", 100, conf=0.6) + \
        words(486, 213.0, "2026", 101, conf=0.3)
    base = prefet_letter(date=None, ocr=True, conf=0.95)
    text = PageText(1, base.width, base.height, base.words + tuple(placed), True, 0.9)
    reading = read_letter(PREFET, "avis.pdf", (text,))
    assert reading.fields["date"].value == "22 octobre 2026"


def test_marks_before_a_civility_go_with_it():
    text = letter(signatory=("Le Maire,", "**M. Guillaume Vallet"), ocr=True, conf=0.95)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf", (text,))
    assert reading.fields["signataire_nom"].value == "Guillaume Vallet"


def test_an_addressee_named_over_two_lines_is_as_sure_as_those_lines():
    # a fax: "Tour Séquoia" faint under the two lines that name the sous-direction
    addressee = ("À l'attention de Madame la sous-directrice", "de l'aménagement durable", "Tour Séquoia",
                 "92055 La Défense Cedex")
    base = prefet_letter(addressee=addressee, ocr=True, conf=0.9)
    faint = tuple(replace(w, conf=0.6) if w.text in ("Tour", "Séquoia") else w for w in base.words)
    reading = read_letter(PREFET, "avis.pdf", (replace(base, words=faint),))
    addressed = reading.fields["destinataire_dgaln"]
    assert addressed.value is True and addressed.confidence >= 0.85


def _signed_over_name(signatory):
    text = letter(signatory=signatory, ocr=True, conf=0.95)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf", (text,))
    x0, y0, x1, y1 = reading.fields["signataire_nom"].source.bbox
    return reading, (x0 - 20, y0 - 30, x1 + 10, y1 + 5)


def test_a_name_all_in_capitals_under_the_signature_is_for_a_reviewer():
    # "Solène PERROT" crossed by the strokes: its first name lost, its surname cut in two
    reading, ink = _signed_over_name(("Le Maire,", "PER BROT"))
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.95, ink)})
    assert out["courrier_collectivite.signataire_nom"].status is FieldStatus.NEEDS_REVIEW


def test_a_first_name_and_surname_under_the_signature_stay_sure():
    reading, ink = _signed_over_name(("Le Maire,", "Solène PERROT"))
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.95, ink)})
    assert out["courrier_collectivite.signataire_nom"].status is FieldStatus.EXTRACTED


def test_a_name_in_capitals_beside_the_signature_stays_sure():
    reading, ink = _signed_over_name(("Le Maire,", "SOLÈNE PERROT"))
    x0, y0, x1, y1 = ink
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.95, (x0, y0 - 80, x1, y0 - 40))})
    assert out["courrier_collectivite.signataire_nom"].status is FieldStatus.EXTRACTED


def test_a_lone_small_letter_before_the_name_read_again_is_a_strokes_end():
    # the block read again on dark ink: "e Solène PERROT", the page's reading only "Solèn"
    text = letter(signatory=("Le Maire,", "Solèn"), ocr=True, conf=0.9)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf", (text,))
    again = ("distinguées.", "Le Maire,", "e Solène PERROT")
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.9, (300, 600, 450, 650), block_text=again)})
    assert out["courrier_collectivite.signataire_nom"].value == "Solène PERROT"


def _under_ink(name: str, again: tuple[str, ...]):
    text = letter(signatory=("Le Maire,", name), ocr=True, conf=0.95)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf", (text,))
    assert reading.zone.name_box is not None
    x0, y0, x1, y1 = reading.zone.name_box
    check = SignatureCheck(True, 0.95, (x0 - 20, y0 - 30, x1 + 20, y1 + 5), block_text=("distinguées.",) + again)
    return letter_fields([reading], None, {0: check})["courrier_collectivite.signataire_nom"]


@pytest.mark.parametrize("page, again, value, status", [
    # a name cut short under the strokes is read whole on dark ink, for a reviewer
    ("Solène PER", ("Le Maire,", "Solène PERROT"), "Solène PERROT", FieldStatus.NEEDS_REVIEW),
    # a stroke read as a word before the name is for a reviewer
    ("Mié Solène Perrot", ("Le Maire,", "Solène Perrot"), None, FieldStatus.NEEDS_REVIEW),
    # a name read alike on dark ink stays sure
    ("Solène Perrot", ("Le Maire,", "Solène PERROT"), "Solène Perrot", FieldStatus.EXTRACTED),
    # a block read again without a name says nothing
    ("Solène Perrot", ("Le Maire,", "N v D * FL"), None, FieldStatus.EXTRACTED),
])
def test_a_name_under_the_strokes_is_checked_against_the_block_read_on_dark_ink(page, again, value, status):
    got = _under_ink(page, again)
    assert got.status is status
    if value is not None:
        assert got.value == value


def test_ink_beside_the_name_has_the_name_kept():
    text = letter(signatory=("Le Maire,", "Solène PER"), ocr=True, conf=0.95)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf", (text,))
    x0, y0, x1, y1 = reading.zone.name_box
    check = SignatureCheck(True, 0.95, (x0, y0 - 60, x1, y0 - 30), block_text=("Le Maire,", "Solène PERROT"))
    assert not ink_over_name(reading.zone, check.bbox)


def test_a_tiny_word_beside_the_name_read_again_is_a_stroke():
    got = _under_ink("Marie Bonnot", ("Le Maire,", "On Marie Bonnot"))
    assert got.value == "Marie Bonnot" and got.status is FieldStatus.EXTRACTED


def test_a_compound_first_name_read_whole_again_replaces_its_cut_half_for_a_reviewer():
    got = _under_ink("Sophie QUÉMÉNER", ("Le Maire,", "Anne-Sophie QUÉMÉNER"))
    assert got.value == "Anne-Sophie QUÉMÉNER" and got.status is FieldStatus.NEEDS_REVIEW


def test_lines_of_the_block_read_again_are_not_joined_into_one_name():
    # "On" (a stroke read as a word) on its own line above "Marie Bonnot", the page's name unsure
    text = letter(signatory=("Le Maire,", "Marie Bonnot"), ocr=True, conf=0.7)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf", (text,))
    again = ("distinguées.", "Le Maire,", "On", "Marie Bonnot")
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.9, (60, 40, 120, 60), block_text=again)})
    assert out["courrier_collectivite.signataire_nom"].value == "Marie Bonnot"
