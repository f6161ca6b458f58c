"""Support letters (courriers de soutien) of the unseen set, as town halls,
EPCIs and préfectures write them.

letter_pdf(spec) lays a letter out on A4 and writes a digital PDF by hand:
TrueType fonts embedded (subset) with a WinAnsi text layer, letterheads and
emblems in vector, the signature as vector pen strokes or as an image, a round
stamp as an image.  Every choice comes from random.Random(spec.style).

The letter is split by what it draws: spec (the input), names and places (the
words about people and territories), fonts and pdf (the hand-written PDF),
emblems, letterheads, texts and body (the addressee, references and
paragraphs), signatory (the block, the ink and the stamp), letter (the page
flow and the assembly).
"""
from .letter import letter_pdf, letter_pdf_info
from .spec import LetterSpec

__all__ = ["LetterSpec", "letter_pdf", "letter_pdf_info"]
