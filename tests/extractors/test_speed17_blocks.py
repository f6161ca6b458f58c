"""A page's pixels copied out of Pillow in one block (np.asarray of a page: half the CPU of
64 KB blocks), the same bytes."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFile

import extractors.images  # noqa: F401  (sets Pillow's block size)


def test_a_300_dpi_page_is_copied_out_in_one_block(monkeypatch):
    source = np.random.default_rng(0).integers(0, 256, (3508, 2480), dtype=np.uint8)
    page = Image.fromarray(source)
    assert ImageFile.MAXBLOCK >= page.width * page.height
    blocks = []
    real = Image._getencoder

    def counting(*args):
        encoder = real(*args)

        class Counted:
            def __getattr__(self, name):
                return getattr(encoder, name)

            def encode(self, size):
                blocks.append(size)
                return encoder.encode(size)

        return Counted()

    monkeypatch.setattr(Image, "_getencoder", counting)
    pixels = np.asarray(page)
    assert len(blocks) == 1
    assert np.array_equal(pixels, source)
