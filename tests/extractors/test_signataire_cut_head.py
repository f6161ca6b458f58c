"""A compound title whose head the signature's strokes hid ("us-préfète," of "La Sous-préfète,"):
the tail left before the hyphen says which title it was; one letter left says too little."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire import QUALITY_TRUSTED
from extractors.model import PieceKind
from tests.extractors.letters import prefet_letter

PREF = PieceKind.COURRIER_PREFET


def _block(female: bool, cut: int) -> tuple[str, ...]:
    """The generator's sous-préfet block (samples/unseen/maker/dossier.py), split over two lines
    as signatory.py does, its first `cut` characters under the strokes."""
    title = f"{'La Sous-préfète' if female else 'Le Sous-préfet'}, pour {'la préfète' if female else 'le préfet'}" \
            " et par délégation"
    head, tail = title.split(", ", 1)
    return (f"{head},"[cut:], tail[3:], "Véronique Da Silva")


@pytest.mark.parametrize("female", [True, False])
@pytest.mark.parametrize("cut", [4, 5])  # "ous-préfète," "us-préfète,"
def test_the_tail_of_sous_before_the_hyphen_is_a_sous_prefet(female, cut):
    quality = read_letter(PREF, "p.pdf", (prefet_letter(signatory=_block(female, cut), ocr=True, conf=0.93),)) \
        .fields["signataire_qualite"]
    assert quality.value == "sous_prefet" and QUALITY_TRUSTED <= quality.confidence <= 0.85


@pytest.mark.parametrize("female", [True, False])
def test_one_letter_left_before_the_hyphen_is_for_a_reviewer(female):
    quality = read_letter(PREF, "p.pdf", (prefet_letter(signatory=_block(female, 6), ocr=True, conf=0.93),)) \
        .fields["signataire_qualite"]
    assert quality.confidence < QUALITY_TRUSTED


def test_a_whole_prefets_title_stays_sure():
    quality = read_letter(PREF, "p.pdf", (prefet_letter(signatory=("La Préfète de la Sarthe,", "Anne Roux"),
                                                        ocr=True, conf=0.93),)).fields["signataire_qualite"]
    assert quality.value == "prefet" and quality.confidence > 0.85
