"""A scanned letter's signatory block is read again on its dark ink only when that reading could
change the letter's values (`block_worth_reading`, in step with `reread_block`)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.fields import Piece, letter_zones
from extractors.fields.courrier import block_worth_reading, ink_over_name, letter_fields, read_letter
from extractors.model import PageText, PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# What a stamp hid from the page's OCR, read again on dark ink: another quality and a sure name.
BLOCK = ("Le Président,", "Jean-Pierre Marchal")

SURE = {}  # the page's reading gave the quality and a name read with confidence
NOT_SURE = {
    "name read unsurely": {"conf": 0.6},
    "no quality": {"signatory": ("Isabelle Le Callennec",)},
    "a name for a reviewer": {"signatory": ("Le Maire,", "I. Le C.")},
}


def _reading(**kwargs):
    return read_letter(COLL, "scan.pdf", (letter(ocr=True, **kwargs),))


def test_a_letter_read_with_its_quality_and_a_trusted_name_is_not_read_again():
    zone = letter_zones([Piece(COLL, "scan.pdf", (letter(ocr=True, **SURE),))])[0]
    assert zone.read_block is False


@pytest.mark.parametrize("kwargs", NOT_SURE.values(), ids=NOT_SURE.keys())
def test_a_letter_lacking_its_quality_or_a_trusted_name_is_read_again(kwargs):
    zone = letter_zones([Piece(COLL, "scan.pdf", (letter(ocr=True, **kwargs),))])[0]
    assert zone.read_block is True


def test_a_letter_whose_closing_was_not_read_is_not_read_again():
    """Without its closing formula the last lines are no sure block: `letter_fields` ignores it."""
    assert block_worth_reading(_reading(closing=(), conf=0.6)) is False


@pytest.mark.parametrize("kwargs", [SURE, *NOT_SURE.values(), {"closing": ()}])
def test_the_decision_is_in_step_with_what_the_block_reading_can_change(kwargs):
    """A block not worth reading would change nothing had it been read; one worth it, here, does."""
    reading = _reading(**kwargs)
    check = SignatureCheck(True, 0.9, (300, 400, 450, 450))
    without = letter_fields([reading], None, {0: check})
    read = letter_fields([reading], None, {0: SignatureCheck(True, 0.9, (300, 400, 450, 450), block_text=BLOCK)})
    if not block_worth_reading(reading) and not ink_over_name(reading.zone, check.bbox):
        assert read == without  # (ink over a sure name has the block read too: `ink_over_name`)
    else:
        assert read != without


def _scan(tmp_path, reading) -> tuple[str, PageText]:
    """The letter's signatory block printed on a 150 dpi page image."""
    scale = 150 / 72
    image = Image.new("L", (round(595 * scale), round(842 * scale)), 255)
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(FONT, round(10.5 * scale))
    for word in reading.pages[0].words:
        draw.text((word.bbox[0] * scale, word.bbox[1] * scale), word.text, fill=0, font=font)
    path = tmp_path / "scan.png"
    image.save(path, dpi=(150, 150))
    return str(path), reading.pages[0]


@pytest.mark.parametrize("kwargs, cropped", [(SURE, False), (NOT_SURE["name read unsurely"], True)])
def test_the_signature_check_crops_the_block_only_when_worth_reading(tmp_path, kwargs, cropped):
    from worker.core.signatures import ink_check

    reading = _reading(**kwargs)
    zone = letter_zones([Piece(COLL, "scan.pdf", reading.pages)])[0]
    path, page = _scan(tmp_path, reading)
    _, crop = ink_check(path, "image", page, zone, 10**8)
    assert (crop is not None) is cropped


def test_a_check_made_without_the_block_is_not_reused_for_a_letter_whose_block_is_worth_reading():
    """The same page and zone, once not worth reading again and once worth it (its reading changed):
    two cache keys, so that the second is checked with its block read."""
    from types import SimpleNamespace

    from worker.core.signatures import check_signatures

    keys = []
    known = {"signed": True, "confidence": 0.9, "bbox": None, "kind": "manuscrite", "detail": "", "block_text": []}
    store = SimpleNamespace(computed=lambda key: keys.append(key) or known)
    ctx = SimpleNamespace(store=store, settings=SimpleNamespace(limits=SimpleNamespace(max_image_pixels=10**8)))
    reading = _reading(**SURE)
    piece = Piece(COLL, "scan.pdf", reading.pages, blob="b" * 64, blob_kind="pdf")
    zone = letter_zones([piece])[0]
    for read_block in (False, True):
        check_signatures([piece], {0: replace(zone, read_block=read_block)}, ctx)
    assert len(set(keys)) == 2


def test_a_letter_whose_title_was_read_unsurely_is_read_again():
    """`reread_block` confirms a title read under QUALITY_TRUSTED ("Préfète." under a stamp)."""
    from dataclasses import replace

    from extractors.fields.courrier import QUALITY_TRUSTED

    reading = _reading()
    assert block_worth_reading(reading) is False
    quality = reading.fields["signataire_qualite"]
    reading.fields["signataire_qualite"] = replace(quality, confidence=QUALITY_TRUSTED - 0.05)
    assert block_worth_reading(reading) is True
