"""A stamp over a signatory block OCR left unread (a phone photo): the stamp's ring runs into the
typed name, and the blurred print's letters run together into long shapes. Neither is a pen's
stroke: the ring is found by its circle, and dense one-line-high shapes in a row are print."""

from __future__ import annotations

import pytest
from PIL import ImageFilter

from extractors.signature import InkComponent, _classify, check_signature
from tests.extractors.test_signature import DPI, TEXT_HEIGHT, ZONE, blank, handwriting, printed, stamp


def _block(image, left: float = 330):
    """The block's print, not masked (OCR read none of it)."""
    printed(image, left, 410, "Fait à Vitré, le 12 mars 2026")
    printed(image, left, 455, "Isabelle Le Callennec")
    printed(image, left, 472, "Maire de Vitré")
    return image


def _photo(image):
    return image.filter(ImageFilter.GaussianBlur(1.6))  # a phone's focus: letters run together


def _check(image):
    return check_signature(image, ZONE, DPI, printed=(), text_height=TEXT_HEIGHT)


@pytest.mark.parametrize("cx", [360.0, 385.0, 420.0])
def test_a_stamp_over_unread_print_on_a_photo_is_no_signature(cx):
    image = _photo(stamp(_block(blank()), cx, 465))
    result = _check(image)
    assert result.signed is not True, result.detail


def test_unread_blurred_print_alone_is_no_signature():
    assert _check(_photo(_block(blank()))).signed is not True


@pytest.mark.parametrize("cx", [360.0, 420.0])
def test_a_signature_over_the_same_stamp_and_print_is_a_signature(cx):
    image = _photo(handwriting(stamp(_block(blank()), cx, 465), 300, 440, seed=5))
    assert _check(image).signed is True


def test_a_dense_shape_one_line_high_is_a_word_a_sparse_one_a_stroke():
    word = InkComponent((0, 0, 60, 20), 2.2, 0.8, 0.62, 0.16, 6.0, 0.0)
    assert _classify(word).kind == "word"
    pen = InkComponent((0, 0, 60, 20), 2.2, 0.8, 0.2, 0.12, 6.0, 0.0)
    assert _classify(pen).kind == "stroke"


def _maker_stamp_and_signature(seed: int, dx: float, width: float = 110.0):
    """The unseen maker's round stamp and a signature drawn through its ring (the pen starting
    left of it, `dx` points, `width` wide), the typed name beside; photographed soft."""
    import random

    from PIL import Image

    from samples.unseen.maker.signatures import signature_png, stamp_image

    rng = random.Random(seed)
    image = _block(blank(), left=390).convert("RGB")
    scale = DPI / 72
    stamp_px = int(80 * scale)
    ring = stamp_image(rng, "Mairie de Vitré", "(35)", [], stamp_px, (90, 60, 150))
    image.paste(ring, (int(330 * scale), int(420 * scale)), ring)
    pen = signature_png(rng, "black", int(width * scale), int(45 * scale))
    image.paste(pen, (int((330 + dx) * scale), int(455 * scale)), pen)
    return _photo(image.convert("L")), Image


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("dx", [-30.0, -10.0])
def test_a_signature_through_a_maker_stamp_is_never_called_missing(seed, dx):
    image, _ = _maker_stamp_and_signature(seed, dx)
    assert _check(image).signed is not False
