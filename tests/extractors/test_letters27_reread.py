"""A signatory's first name hidden by the signature's strokes, its surname with its particle
read on the page ("Da Silva"), the block read again on dark ink giving the whole name: two
readings of the surname agree, and the name read again is sure; a stray mark read beside the
surname ("À Huet") is no such second reading."""

from __future__ import annotations

import random

import pytest

from extractors.fields.courrier import letter_fields, read_letter
from extractors.fields.signataire import words_of_name
from extractors.model import FieldStatus, PieceKind
from extractors.signature import SignatureCheck
from samples.unseen.maker.letters.names import random_person
from tests.extractors.letters import prefet_letter

PREFET = PieceKind.COURRIER_PREFET
_WITH_PARTICLE = ["Da Silva", "de La Roche", "Le Gall", "du Plessis", "de Villiers"]


@pytest.mark.parametrize("seed", range(6))
def test_a_surname_with_its_particle_read_alone_confirms_the_name_read_again(seed):
    rng = random.Random(seed)
    first, _, female = random_person(rng)
    surname = rng.choice(_WITH_PARTICLE)
    title = "La Préfète du Gard," if female else "Le Préfet du Gard,"
    reading = read_letter(PREFET, "scan.pdf", (prefet_letter(signatory=(title, surname), ocr=True, conf=0.93),))
    assert reading.fields["signataire_nom"].status is FieldStatus.NEEDS_REVIEW  # the first name lost
    check = SignatureCheck(True, 0.9, (300, 400, 450, 450), block_text=(title, f"{first} {surname}"))
    name = letter_fields([reading], None, {0: check})["courrier_prefet.signataire_nom"]
    assert name.value == f"{first} {surname}" and name.status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("read, other, expected", [
    ("Da Silva", "Véronique Da Silva", True),
    ("À Huet", "Sebastien Huet", False),  # a stray letter beside the surname: strokes
    ("Da Silvo", "Véronique Da Silva", False),
    ("de La", "Anne de La Roche", False),  # particles only
])
def test_only_whole_words_of_the_name_and_particles(read, other, expected):
    assert words_of_name(read, other) is expected


@pytest.mark.parametrize("copy", ["Copie : Monsieur le Sous-préfet d'arrondissement",  # the generator's copy line
                                  "Copie : Monsieur le Sous-prétet d'arrondissement",  # as a scan read it
                                  "Cople : Monsieur le Préfet"])
def test_a_copy_line_after_the_signature_read_again_gives_no_title(copy):
    """The block read again runs on to the copy line under it: the sous-préfet it names is no
    title of the maire whose own title the strokes hid."""
    from extractors.fields.courrier import letter_fields
    from tests.extractors.letters import letter

    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf",
                          (letter(signatory=("Solène WEBER",), ocr=True, conf=0.93),))
    assert reading.fields.get("signataire_qualite") is None
    block = ("Veuillez agréer, Madame, l'assurance de ma considération distinguée.", ". _", "LD NOR Se", copy)
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.95, (300, 600, 450, 660), block_text=block)})
    assert out["courrier_collectivite.signataire_qualite"].value in (None, "maire")


@pytest.mark.parametrize("title", ["Le Prétet du Loiret", "La Pretète du Gard", "Le Maire"])
def test_a_title_misread_under_the_strokes_is_no_name(title):
    """The name lost under the signature, the title above it misread ("Le Prétet du Loiret", a
    photo's f read as t): the title is read as one, never put as the signer's name."""
    reading = read_letter(PREFET, "photo.jpg", (prefet_letter(signatory=(title,), ocr=True, conf=0.9),))
    name = reading.fields.get("signataire_nom")
    assert name is None or name.value != title


@pytest.mark.parametrize("seed", range(6))
def test_a_stray_letter_at_a_words_edge_on_the_page_agrees_with_the_name_read_again(seed):
    """The page read "Françoise RBARTHÉLEMY" (a stroke's end as an R), unsure; the block read again
    on dark ink "Françoise BARTHÉLEMY": the same name, and it is sure. Another letter inside the
    word is no such agreement."""
    from samples.unseen.maker.letters.names import upper_surname

    rng = random.Random(seed)
    first, surname, female = random_person(rng)
    surname = surname.split()[-1] if len(surname.split()[-1]) >= 5 else "Barthélemy"
    caps = upper_surname(surname)
    title = "La Préfète du Gard," if female else "Le Préfet du Gard,"
    stray = rng.choice([f"R{caps}", f"{caps}I"])
    reading = read_letter(PREFET, "fax.tif", (prefet_letter(signatory=(title, f"{first} {stray}"), ocr=True, conf=0.6),))
    check = SignatureCheck(True, 0.9, (300, 400, 450, 450), block_text=(title, f"{first} {caps}"))
    name = letter_fields([reading], None, {0: check})["courrier_prefet.signataire_nom"]
    assert name.value == f"{first} {caps}" and name.status is FieldStatus.EXTRACTED
    inside = caps[:2] + ("X" if caps[2] != "X" else "Y") + caps[3:]
    reading = read_letter(PREFET, "fax.tif", (prefet_letter(signatory=(title, f"{first} {inside}"), ocr=True, conf=0.6),))
    name = letter_fields([reading], None, {0: check})["courrier_prefet.signataire_nom"]
    assert name.status is FieldStatus.NEEDS_REVIEW
