"""Build support letters as read pages (words with boxes), in the layouts real letters use."""

from __future__ import annotations

from extractors.model import PageText, Word

CHAR = 5.2  # points per character of 10.5 pt text
HEIGHT = 10.5
BODY = (
    "J'ai l'honneur de vous confirmer le plein soutien de la commune à la candidature à l'Atelier",
    "des territoires Flash. Par délibération du 15 février 2026, le conseil municipal a approuvé",
    "cette candidature et s'engage à participer activement à la démarche.",
)
CLOSING = ("Je vous prie d'agréer, Monsieur le Sous-directeur, l'expression de mes salutations",
           "distinguées.")
DGALN = ("Monsieur le Sous-directeur de l'aménagement durable", "DGALN / DHUP / AD1", "Tour Séquoia",
         "92055 La Défense Cedex")


def words(x: float, y: float, text: str, line: int, conf: float = 1.0, height: float = HEIGHT) -> list[Word]:
    """The words of `text` laid out from (x, y) on one line."""
    out, cursor = [], x
    for token in text.split():
        width = len(token) * CHAR * height / HEIGHT
        out.append(Word(token, (round(cursor, 2), y, round(cursor + width, 2), y + height), conf, line))
        cursor += width + CHAR
    return out


def page(rows: list[tuple[float, list[tuple[float, str]]]], *, ocr: bool = False, conf: float = 1.0,
         number: int = 1) -> PageText:
    """A page from rows: (top, [(x, text), ...]); texts on one row share the reader's line."""
    placed = []
    for line, (top, cells) in enumerate(sorted(rows, key=lambda r: r[0])):
        for x, text in cells:
            placed += words(x, top, text, line, conf)
    return PageText(number, 595.0, 842.0, tuple(placed), ocr=ocr, confidence=conf)


def letter(*, head=("Commune de Vitré", "Place du Château", "35500 Vitré"), right=(), addressee=DGALN,
           date="Vitré, le 12 mars 2026", objet="Objet : Candidature à l'Atelier des territoires Flash",
           salutation="Monsieur le Sous-directeur,", body=BODY, closing=CLOSING,
           signatory=("Le Maire,", "Isabelle Le Callennec"), after=(), sender_title=None,
           date_first=False, ocr=False, conf=1.0) -> PageText:
    """A one-page letter: letterhead left (and a right column), addressee block, date, objet, body, signature."""
    rows: dict[float, list[tuple[float, str]]] = {}

    def put(top: float, x: float, text: str) -> None:
        rows.setdefault(round(top, 1), []).append((x, text))

    for i, text in enumerate(head):
        put(50 + 13 * i, 60, text)
    for i, text in enumerate(right):
        put(50 + 13 * i, 330, text)
    y = 60 + 13 * max(len(head), len(right), 1) + 40
    if date and date_first:
        put(y, 330, date)
        y += 30
    if sender_title:
        put(y, 320, sender_title)
        put(y + 14, 320, "à")
        y += 28
    for i, text in enumerate(addressee):
        put(y + 14 * i, 320, text)
    y += 14 * len(addressee) + 20
    if date and not date_first:
        put(y, 320, date)
        y += 30
    for text in filter(None, (objet, salutation)):
        put(y, 60, text)
        y += 24
    for text in body + closing:
        put(y, 60, text)
        y += 14
    y += 20
    for i, text in enumerate(signatory):
        if i == len(signatory) - 1 and len(signatory) > 1:
            y += 46  # the signature's space, above the name
        put(y, 320, text)
        y += 14
    for i, text in enumerate(after):
        put(760 + 14 * i, 60, text)
    return page([(top, cells) for top, cells in rows.items()], ocr=ocr, conf=conf)


def photographed_signatory_block(*, px_per_point: float = 2.2, jpeg: int = 70):
    """The end of a letter as a phone or a cheap scanner gives it: closing, quality, a stamp and
    a signature over the block, the name in bold under them; small, soft and JPEG-compressed.

    Returns (image, dpi). Tesseract's page layout tends to take such a block for a picture.
    """
    import io
    import math
    import random

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    regular = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                                 int(10.5 * px_per_point))
    bold = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
                              int(10.5 * px_per_point))
    small = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                               int(4.5 * px_per_point))
    image = Image.new("L", (int(595 * px_per_point), int(420 * px_per_point)), 236)
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * px_per_point, y * px_per_point

    for i, text in enumerate(BODY + CLOSING):
        draw.text(at(60, 40 + 15 * i), text, fill=30, font=regular)
    draw.text(at(330, 180), "Le Maire,", fill=30, font=regular)
    cx, cy, radius = 300, 232, 30  # a round stamp left of the signature
    for r in (radius, radius - 6):
        draw.ellipse([*at(cx - r, cy - r), *at(cx + r, cy + r)], outline=110, width=2)
    draw.text(at(cx - 12, cy - 3), "Le Maire", fill=110, font=small)
    for k, letter in enumerate("COMMUNE DE SAINT-AFFRIQUE"):
        angle = math.pi + k * (math.pi / 24)
        draw.text(at(cx + (radius - 4) * math.cos(angle) - 2, cy + (radius - 4) * math.sin(angle) - 2),
                  letter, fill=110, font=small)
    rng = random.Random(5)
    loops, points = rng.randint(4, 6), []
    for step in range(240):  # a cursive signature crossing the block, with its swash
        t = step / 239
        loop = 2 * math.pi * loops * t
        points.append(at(340 + 120 * t + 9 * math.sin(loop), 228 + 16 * math.cos(loop) - 12 * t))
    draw.line(points, fill=25, width=3, joint="curve")
    draw.line([at(330 + 140 * t, 250 + 8 * math.sin(math.pi * t)) for t in (i / 60 for i in range(61))],
              fill=25, width=2)
    draw.text(at(345, 262), "Henri Vernhet", fill=20, font=bold)
    image = image.filter(ImageFilter.GaussianBlur(0.9))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=jpeg)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L"), 72.0 * px_per_point


def prefet_letter(**kwargs):
    """A préfet's letter (Sarthe) as page text; any part replaced by keyword."""
    defaults = dict(head=("PRÉFET", "DE LA SARTHE", "Liberté", "Égalité", "Fraternité"),
                    right=("Direction départementale des territoires", "Affaire suivie par : Anne Roux",
                           "Tél. : 02 43 50 10 00"),
                    date="Le Mans, le 16 mars 2026", signatory=("Le préfet,", "Emmanuel Aubry"))
    return letter(**{**defaults, **kwargs})


def row_line(x: float, top: float, text: str, line: int):
    """A line as OCR gives it: its own reader line, even beside another on the same row."""
    from extractors.fields.courrier_layout import Line
    from extractors.text import normalise

    return Line(tuple(words(x, top, text, line)), 0, text, normalise(text))


def study_letter(seed: int, folder, cog):
    """bench/letterstudy.py's sample `seed` (a maker letter, degraded, read with real Tesseract):
    (path, truth, pages, values), values being the letter's fields as a dossier exports them."""
    from bench.letterstudy import letter_values, sample
    from bench.signstudy import read_pages

    path, kind, truth = sample(seed, folder)
    pages = read_pages(path, kind, folder / f"{seed}.pages")
    return path, truth, pages, letter_values(path, kind, pages, truth["kind"], folder / f"{seed}.pages", cog)
