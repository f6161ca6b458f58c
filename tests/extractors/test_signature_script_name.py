"""A script-font signature (the signatory's name as e-signing tools set it) scaled down to the
signature's width: letters as small as print, which OCR reads as the name again on a line of its
own. Over ink the check leaves undecided it is the signature; read as print, it is no empty area."""

from __future__ import annotations

import datetime
import io
import random

import pytest

from extractors.model import Word
from extractors.signature_name import name_read_twice, name_written_again

ZONE = (300.0, 500.0, 560.0, 640.0)
TITLE = Word("Présidente", (350.0, 520.0, 400.0, 530.0), 0.96, 1)
SCRIPT = (Word("Marie-Josée", (408.0, 532.0, 463.0, 542.0), 0.93, 2), Word("Lemaïtre", (467.0, 535.0, 508.0, 544.0), 0.27, 2))
TYPED = (Word("Mme", (370.0, 592.0, 392.0, 599.0), 0.96, 3), Word("Marie-Josée", (396.0, 592.0, 452.0, 599.0), 0.93, 3),
         Word("Lemaître", (456.0, 592.0, 497.0, 599.0), 0.88, 3))
NAME_LINE = (408.0, 532.0, 508.0, 544.0)


def test_the_name_read_on_two_lines_gives_both_readings():
    boxes = name_read_twice((TITLE, *SCRIPT, *TYPED), ZONE, NAME_LINE)
    assert SCRIPT[1].bbox in boxes and TYPED[2].bbox in boxes


def test_a_block_with_its_name_once_has_no_name_read_twice():
    assert name_read_twice((TITLE, *TYPED), ZONE, TYPED[1].bbox[:2] + TYPED[2].bbox[2:]) == []


def test_a_title_word_repeated_is_no_name_read_twice():
    """Only the name line's words count: "Cholet" in the title and a footer is no signature."""
    words = (Word("Cholet", (400.0, 520.0, 430.0, 530.0), 0.96, 1), Word("Cholet", (400.0, 620.0, 430.0, 630.0), 0.9, 4),
             *TYPED)
    assert name_read_twice(words, ZONE, (370.0, 592.0, 497.0, 599.0)) == []


def test_unidentified_ink_over_the_names_second_reading_is_the_signature():
    words = (TITLE, *SCRIPT, *TYPED)
    assert name_written_again(words, ZONE, NAME_LINE, (466.0, 536.0, 509.0, 544.0), 7.7)
    # ink elsewhere, or taller than a written line (a stamp over the block), is not the name
    assert not name_written_again(words, ZONE, NAME_LINE, (300.0, 600.0, 340.0, 610.0), 7.7)
    assert not name_written_again(words, ZONE, NAME_LINE, (440.0, 500.0, 540.0, 600.0), 7.7)


def _scanned_letter(tmp_path, seed: int, kind: str, signed: bool, dpi: int):
    """A letter of the unseen maker, its signature page scanned at `dpi`, read as Guichet reads it."""
    from extractors.fields.courrier import read_letter
    from extractors.images import image_pages
    from extractors.model import PieceKind
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf_info
    from worker.core.signatures import signature_of

    spec = LetterSpec(kind, "Marie-Josée Lemaître", "La Présidente" if kind == "collectivite" else "Le Sous-préfet",
                      "Cholet Agglomération", False, "49", "Maine-et-Loire", "Pays de la Loire", "Cholet", "49300",
                      datetime.date(2026, 3, 12), True, signed, "Revitaliser le centre", seed)
    pdf, info = letter_pdf_info(spec)
    pages = degrade.rasterise(pdf, dpi)
    if signed:
        assert info["signature"]["render"] == "script"
    image = degrade.scan(pages[info["signature"]["page"] - 1 if signed else -1], random.Random(seed))
    data = io.BytesIO()
    image.save(data, format="PNG", dpi=(dpi, dpi))
    path = tmp_path / f"scan-{seed}.png"
    path.write_bytes(data.getvalue())
    page_image, page_dpi = next(image_pages(path.read_bytes(), max_pixels=10**8, max_pages=1))
    page = ocr_page(page_image, TesseractEngine(), number=1, dpi=page_dpi)
    kinds = {"prefet": PieceKind.COURRIER_PREFET, "collectivite": PieceKind.COURRIER_COLLECTIVITE}
    reading = read_letter(kinds[kind], path.name, (page,))
    assert reading.zone is not None
    return signature_of(str(path), "image", page, reading.zone, 10**8)


@pytest.mark.parametrize(("seed", "kind"), [(3029, "collectivite"), (2236, "prefet")])
def test_a_small_script_name_above_the_typed_name_is_signed(tmp_path, seed, kind):
    assert _scanned_letter(tmp_path, seed, kind, True, 200).signed is True


def test_a_small_script_name_read_as_print_is_not_called_unsigned(tmp_path):
    assert _scanned_letter(tmp_path, 2575, "prefet", True, 200).signed is not False


@pytest.mark.parametrize("seed", [3000, 3001])
def test_an_unsigned_scanned_letter_stays_unsigned(tmp_path, seed):
    assert _scanned_letter(tmp_path, seed, ("collectivite", "prefet")[seed % 2], False, 150).signed is False
