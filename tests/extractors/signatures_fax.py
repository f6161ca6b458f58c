"""Letter endings signed with the unseen generator's pen (samples/unseen/maker), faxed or scanned.

The block (date line, quality, name) typeset at `dpi`; the generator's signature drawn in the
gap, over a row, above or beside; a round stamp maybe; then the generator's fax (1 bit, half
vertical resolution, specks), black-and-white scan, flatbed scan or phone photo.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFont

from samples.unseen.maker import degrade as dg, signatures as sg
from tests.extractors.signatures_drawn import BODY, FONTS, read_saved


def faxed_letter(seed: int, dpi: int, mode: str, ink: str, weight: float, stamp: bool, signed: bool,
                 how: str) -> Image.Image:
    """The page as received."""
    rng = random.Random(seed)
    s = dpi / 72.0
    img = Image.new("RGB", (int(595 * s), int(440 * s)), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    size = rng.choice([10, 11, 12])
    font = ImageFont.truetype(FONTS[seed % 3], int(size * s))
    for i, text in enumerate(BODY):
        draw.text((60 * s, (40 + 15 * i) * s), text, fill=(20, 20, 20), font=font)
    x = 330 + rng.uniform(-20, 10)
    draw.text((x * s, 110 * s), "Fait à Vitré, le 12 mars 2026", fill=(20, 20, 20), font=font)
    rows = [("Le Maire,", 140), ("Isabelle Le Callennec", 195)] if seed % 2 else \
        [("Isabelle Le Callennec", 195), ("Maire de Vitré", 195 + size * 1.3)]
    for text, y in rows:
        draw.text((x * s, y * s), text, fill=(20, 20, 20), font=font)
    if stamp and not signed:
        mark = sg.stamp_image(rng, "Mairie de Vitré", "Ille-et-Vilaine", ["Le Maire"], int(rng.uniform(68, 100) * s))
        img.paste(mark, (int((x + 60) * s - mark.width / 2), int((rows[1][1] - 10) * s - mark.height / 2)), mark)
    if signed:
        sig = sg.make_signature(rng, weight)
        w, h = rng.uniform(95, 165), rng.uniform(38, 62)
        cx = x + 60 + rng.uniform(-25, 25)
        if mode == "gap":
            y0 = 150 + rng.uniform(-4, 6)
            h = min(h, 45)
        elif mode == "over":
            y0 = rng.choice([y for _, y in rows]) + size * 0.5 - h / 2 + rng.uniform(-6, 6)
        elif mode == "above":
            y0, h = 110 - min(h, 48) + size * 0.3, min(h, 48)
        else:  # beside
            cx = x - w / 2 - rng.uniform(0, 15)
            y0 = rows[1][1] - h * 0.3
        x0 = cx - w / 2
        if stamp:
            mark = sg.stamp_image(rng, "Mairie de Vitré", "Ille-et-Vilaine", ["Le Maire"], int(rng.uniform(68, 100) * s))
            img.paste(mark, (int((x0 + w / 2) * s - mark.width / 2), int((y0 + h / 2) * s - mark.height / 2)), mark)
        pen = sg.draw_signature(sig, (int(w * s), int(h * s)), sg.INKS[ink], rng=rng, opacity=rng.uniform(0.85, 1.0))
        img.paste(pen, (int(x0 * s), int(y0 * s)), pen)
    if how == "fax":
        return dg.fax(img, rng, "FAX 01 02 03")
    if how == "bin":
        return dg.binarise(dg.scan(img.convert("L"), rng), rng)
    if how == "photo":
        return dg.photo(img, rng, curl=rng.random() < 0.5)
    return dg.scan(img.convert("L"), rng)


def read_faxed(image: Image.Image, dpi: int, folder, name: str):
    """(SignatureCheck or None, LetterReading): saved, OCR'd, read and checked as a dossier's letter."""
    return read_saved(image, dpi, folder, name)
