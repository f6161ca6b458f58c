"""A page's words by line, check boxes the finder placed on a wrong line put on their own.

A check box the image finder put on a line it does not stand on: the finder gives each box
it draws the line of the nearest word to its right, however far above or below. Where OCR
lost an option's words (a photo's shaded column, a curled page), the boxes of a whole group
join a line of text below them ("souhaite ☐ ☐ ☐ ☐ ☐ s'appuyer"), and that line's level, the
mean of its words', lands between rows: the rows are read out of order and the answers of
several labels are lost or mixed.
"""

from __future__ import annotations

BOXES = {"☐", "☒", "☑", "□", "■"}  # what OCR or the box finder writes for a check box
# Line heights: a box beside its option stands level with it; a curled or tilted line may
# rise or fall some points from word to word, never a line's height and a half.
OFF_LINE = 1.5


def _centre(word) -> float:
    return (word.bbox[1] + word.bbox[3]) / 2


def lines_of(words: list) -> dict:
    """The page's words by line, each box standing off its line (away from the line's word
    nearest to it by more than OFF_LINE heights) put on a line of its own."""
    lines: dict = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out: dict = {}
    for key, line in lines.items():
        text = [w for w in line if w.text not in BOXES]
        if not text or len(text) == len(line):
            out[key] = line
            continue
        heights = sorted(w.bbox[3] - w.bbox[1] for w in text)
        height = heights[len(heights) // 2]
        kept = []
        for word in line:
            if word.text in BOXES:
                near = min(text, key=lambda w: abs((w.bbox[0] + w.bbox[2]) / 2 - (word.bbox[0] + word.bbox[2]) / 2))
                size = max(height, word.bbox[3] - word.bbox[1])
                if abs(_centre(near) - _centre(word)) > OFF_LINE * size:
                    out[("stray", key, len(out))] = [word]
                    continue
            kept.append(word)
        out[key] = kept
    return out
