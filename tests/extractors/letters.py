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
