"""A serif body font scanned at 150-200 dpi: the bowl of an "a", "d" or "u" framed as a check box.

The box step took such bowls for boxes: "de ☐ mes sentiments", "au ☐ chef du ☐ service", and a
short word under the bowl ("la", "au") replaced by the box. A bowl inside a word spelt in
letters is a letter of it; the form's own boxes, ticked or not, are still found.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.checkboxes import Box
from extractors.ocr.checkbox_words import _spelt, with_checkboxes
from extractors.ocr.engine import RawWord
from extractors.ocr.page import ocr_page

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
LINES = ["Par ce courrier, la communauté de communes Lamballe Terre et Mer soutient la candidature",
         "du projet de la commune, au cœur de la ville et du marché, à la place de la gare.",
         "Je vous prie d'agréer, Madame la Préfète, à l'assurance de mes sentiments distingués.",
         "Il a un avis favorable à la demande du maire adjoint au chef du service."]


def _scanned(image: Image.Image) -> Image.Image:
    image = image.filter(ImageFilter.GaussianBlur(0.5))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=60)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def _letter(dpi: int, points: int) -> Image.Image:
    image = Image.new("L", (int(8.27 * dpi), int(4 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(SERIF, round(points * dpi / 72))
    for index, text in enumerate(LINES):
        draw.text((int(0.9 * dpi), int((0.6 + 0.3 * index) * dpi)), text, font=font, fill=20)
    return _scanned(image)


@pytest.mark.parametrize("dpi, points", [(200, 10), (200, 11), (150, 12)])
def test_no_box_in_a_serif_letter_and_no_word_replaced(engine, dpi, points):
    page = ocr_page(_letter(dpi, points), engine, number=1, dpi=dpi)
    texts = [w.text for w in page.words]
    assert not {"☐", "☒"} & set(texts), " ".join(texts)
    text = " ".join(texts)
    for words in ("Par ce courrier, la communauté", "au cœur de la ville", "du marché", "l'assurance de mes",
                  "Il a un avis", "au chef du service"):
        assert words in text


@pytest.mark.parametrize("dpi", [150, 200])
def test_boxes_before_options_are_found_beside_serif_text(engine, dpi):
    image = Image.new("L", (int(8.27 * dpi), int(3 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(SERIF, round(11 * dpi / 72))
    side, pen = round(9 * dpi / 72), max(1, round(dpi / 150))
    options = ["Commune", "Intercommunalité", "Site", "Quartier de la gare"]
    for index, option in enumerate(options):
        x, y = int(0.9 * dpi), int((0.5 + 0.35 * index) * dpi)
        draw.rectangle([x, y, x + side, y + side], outline=20, width=pen)
        if index % 2:  # ticked: an X inside
            draw.line([(x + 3, y + 3), (x + side - 3, y + side - 3)], fill=20, width=pen + 1)
            draw.line([(x + side - 3, y + 3), (x + 3, y + side - 3)], fill=20, width=pen + 1)
        draw.text((x + side + round(0.08 * dpi), y - round(0.02 * dpi)), option, font=font, fill=20)
    draw.text((int(0.9 * dpi), int(2.0 * dpi)), "Par ce courrier, la commune de la ville du marché.",
              font=font, fill=20)
    page = ocr_page(_scanned(image), engine, number=1, dpi=dpi)
    marks = [w.text for w in page.words if w.text in ("☐", "☒")]
    assert marks == ["☐", "☒", "☐", "☒"]
    assert "la commune de la ville du marché." in " ".join(w.text for w in page.words)


def test_a_bowl_inside_a_spelt_word_is_its_letter_a_tick_glued_to_an_option_is_not():
    box = Box(120, 10, 16, True, 0.9)

    def read(text, left, width, conf=0.5):
        words = [RawWord("Par", 20, 8, 40, 20, 0.95, (1, 1, 1)), RawWord(text, left, 8, width, 20, conf, (1, 1, 1))]
        return [w.text for w in with_checkboxes(words, Image.new("L", (400, 60), 255), (20, [box]))]

    assert read("la", 110, 26) == ["Par", "la"]  # the box on its "a", the "l" before it: it was replaced
    assert read("du", 120, 30) == ["Par", "du"]  # the "d"'s bowl at the word's start, the "u" after it
    assert read("Lamballe", 90, 80) == ["Par", "Lamballe"]
    assert read("son", 100, 34) == ["Par", "son"]  # its "n" and the box past its end by a few pixels
    assert read("96", 113, 30) == ["Par", "96"]  # "05 96 ☐ 49": a digit's bowl
    assert read("EPCI", 60, 58) == ["Par", "EPCI", "☒"]  # a box after a word is no letter of it
    # a box read "ad" (about its width), a tick glued to its option, a box read "O" before its label
    assert read("ad", 119, 18) == ["Par", "☒"]
    assert "☒" in read("Xcommune", 118, 90)
    assert "☒" in read("OSite", 118, 60)
    assert "☒" in read("DA", 112, 40) and "☒" in read("on", 120, 40, 0.01)  # a box read as noise before its option
    # a word the box covers whole, read surely, is what the box was made of; unsure, a box
    assert read("la", 119, 20, 0.95) == ["Par", "la"] and read("38", 119, 20, 0.95) == ["Par", "38"]
    assert read("la", 119, 20, 0.7) == ["Par", "☒"] and read("O", 119, 20, 0.95) == ["Par", "☒"]


def test_spelt_words():
    assert [_spelt(t) for t in ("la", "du,", "Lamballe", "DES", "DE", "OSite", "Xcommune", "xv", "O1", "[l", "a")] \
        == [2, 2, 1, 1, 0, 0, 1, 1, 0, 0, 0]

