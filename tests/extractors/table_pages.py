"""A fiche's section typed as a two-column table on a photo, as OCR words: labels at x=70,
answers at x=290, a line each."""

from __future__ import annotations

from extractors.model import PageText, Word


def table_page(rows) -> PageText:
    """rows: (label, answer) where answer is None (a heading), a string (read at 0.92) or
    (text, x0, x1, confidence) words as a photo's OCR gave them."""
    words, y = [], 100.0
    for line, (label, answer) in enumerate(rows):
        x = 70.0
        for text in label.split():
            words.append(Word(text, (x, y, x + 6.0 * len(text), y + 12.0), 0.92, 2 * line))
            x += 6.0 * len(text) + 5.0
        if isinstance(answer, str):
            x = 290.0
            for text in answer.split():
                words.append(Word(text, (x, y, x + 6.0 * len(text), y + 12.0), 0.92, 2 * line + 1))
                x += 6.0 * len(text) + 5.0
        elif answer:
            words += [Word(text, (x0, y, x1, y + 12.0), conf, 2 * line + 1) for text, x0, x1, conf in answer]
        y += 30.0
    return PageText(1, 612.0, 792.0, tuple(words), ocr=True, confidence=0.85)
