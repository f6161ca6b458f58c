"""Issue 11 (sure but wrong, a fresh draw): a faxed maire's letter whose name line the signature
marred ("AÎTRE Sol") took its signatory's name from the fiche's élu, "Solène Lemaïtré", itself read
unsure on the faxed fiche (0.68, for a reviewer), and `confirmed_by_elu` then took that value for a
second reading of the élu: sure at 0.85, and wrong (LEMAÎTRE). A name taken from the élu is no surer
than the fiche read it, and is never confirmed by it."""

from __future__ import annotations

import pytest

from extractors.fields.signataire_elu import completed_by_elu, confirmed_by_elu, elu_read
from extractors.model import FieldStatus, FieldValue

ELU = "Solène Lemaïtré"


def _signer(elu_status: FieldStatus, elu_conf: float) -> FieldValue:
    read = elu_read(FieldValue(ELU, elu_conf, None, elu_status), FieldValue("Maire", 0.95, None, FieldStatus.EXTRACTED))
    half = FieldValue("Lemaïtré", 0.6, None, FieldStatus.NEEDS_REVIEW)  # the name half read under the strokes
    quality = FieldValue("maire", 0.95, None, FieldStatus.EXTRACTED)
    name, _ = completed_by_elu(half, quality, ELU, "Maire", False, read)
    return confirmed_by_elu(name, ELU)


def test_a_name_taken_from_an_elu_read_unsure_stays_for_a_reviewer():
    name = _signer(FieldStatus.NEEDS_REVIEW, 0.679)
    assert name.value == ELU
    assert name.status is FieldStatus.NEEDS_REVIEW  # was extracted at 0.85: the élu confirming itself


@pytest.mark.parametrize("conf", [0.9, 0.97])
def test_a_name_taken_from_an_elu_read_surely_is_sure(conf):
    name = _signer(FieldStatus.EXTRACTED, conf)
    assert (name.value, name.status) == (ELU, FieldStatus.EXTRACTED) and name.confidence >= 0.85


@pytest.mark.parametrize(("elu_conf", "status"), [(0.5, FieldStatus.NEEDS_REVIEW), (0.9, FieldStatus.EXTRACTED)])
def test_the_elus_name_echoed_in_the_block_read_again_is_no_surer_than_the_elu(elu_conf, status):
    """The d68 letter: its block read again on dark ink, "LEMAITRE Solène", echoes the élu."""
    from extractors.fields.signataire_elu import echoed_in_block

    put = FieldValue(ELU, 0.5, None, FieldStatus.NEEDS_REVIEW)  # the élu's name, put for the signer (for a reviewer)
    name = confirmed_by_elu(echoed_in_block(put, ELU, ("La Maire,", "LEMAITRE Solène"), elu_conf), ELU)
    assert name.status is status
