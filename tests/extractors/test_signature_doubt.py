""""Not signed" only where the signatory area holds nothing but print: a signature OCR read as
doubtful words, or one drawn beside the block out to the text's margin, is never missed."""

from __future__ import annotations

from PIL import ImageDraw, ImageFont

from extractors.signature import check_signature
from tests.extractors.test_signature import DPI, TEXT_HEIGHT, ZONE, blank, printed, px

SCRIPT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"


def _script_name_between_title_and_name():
    """A pasted script-font signature as small as the text (a fax shrank it): a row of letters
    like print's, which OCR read as words it doubted."""
    image = blank()
    boxes = [printed(image, 330, 410, "Maire du Marigot"), printed(image, 330, 470, "Rose-Marie LORDINOT")]
    font = ImageFont.truetype(SCRIPT, int(TEXT_HEIGHT * DPI / 72))
    draw = ImageDraw.Draw(image)
    draw.text(px(345, 440), "Rose Marie Lordinot", fill=60, font=font)
    box = tuple(v * 72 / DPI for v in draw.textbbox(px(345, 440), "Rose Marie Lordinot", font=font))
    return image, boxes, box


def test_ink_under_words_ocr_doubted_is_never_called_unsigned():
    image, boxes, script = _script_name_between_title_and_name()
    check = check_signature(image, ZONE, DPI, printed=tuple(boxes), text_height=TEXT_HEIGHT, unsure=(script,))
    assert check.signed is not False, check.detail


def test_an_empty_block_with_doubted_words_elsewhere_stays_unsigned():
    image = blank()
    boxes = [printed(image, 330, 410, "Le Maire,"), printed(image, 330, 470, "Isabelle Le Callennec")]
    far = (60.0, 700.0, 120.0, 710.0)  # a doubted word outside any ink of the area
    check = check_signature(image, ZONE, DPI, printed=tuple(boxes), text_height=TEXT_HEIGHT, unsure=(far,))
    assert check.signed is False


def test_the_zone_reaches_the_closings_margin_left_of_the_block():
    """A signature drawn beside the block, to its left, may reach the text's margin."""
    from extractors.fields.courrier import read_letter
    from extractors.model import PieceKind
    from tests.extractors.letters import letter

    page = letter()
    closing = next(w for w in page.words if w.text == "distinguées.")
    x0 = read_letter(PieceKind.COURRIER_COLLECTIVITE, "lettre.pdf", (page,)).zone.bbox[0]
    assert x0 <= closing.bbox[0]


def test_words_ocr_doubted_in_the_area_are_handed_to_the_check():
    from extractors.fields.courrier import read_letter
    from extractors.model import PieceKind, Word
    from tests.extractors.letters import letter

    page = letter(ocr=True, conf=0.95)
    name = next(w for w in page.words if w.text == "Callennec")
    scribble = Word("Nlarie", (name.bbox[0], name.bbox[1] - 25, name.bbox[0] + 40, name.bbox[1] - 12), 0.2,
                    name.line + 100)
    page = type(page)(page.number, page.width, page.height, page.words + (scribble,), ocr=True, confidence=0.95)
    zone = read_letter(PieceKind.COURRIER_COLLECTIVITE, "lettre.pdf", (page,)).zone
    assert scribble.bbox in zone.unsure and name.bbox not in zone.unsure
