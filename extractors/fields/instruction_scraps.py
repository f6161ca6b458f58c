"""What a photo leaves of an annex's printed instructions above its answer, read too badly to
be matched in order: scattered short words, mostly the instructions' own ("de des propets en
Où ef les", "Où dont"), or letters OCR guessed ("ÉGUPEMENS." for "équipements"). The
instructions are printed in grey italics, which a photo's light washes out."""

from __future__ import annotations

from extractors.fields.word_match import norm, same_word

# A line of scraps: OCR's mean confidence in its words under this (a line of the porteur's
# answer, typed black, reads 0.8 and more) ...
SCRAP_CONF = 0.7
# ... and of its letters, this share at least in words of the instructions or in words OCR
# guessed (under GUESSED).
SCRAP_SHARE = 0.75
GUESSED = 0.5


def without_scraps(lines: list[list], instructions: str) -> list[list]:
    """The answer's lines without the leading lines of scraps of the instructions; never its
    last line (an answer read that badly is a reviewer's)."""
    words = {norm(word) for word in instructions.replace("’", "'").split()} - {""}
    words |= {part for word in list(words) for part in norm_parts(word)}
    while len(lines) > 1 and _scraps(lines[0], words):
        lines = lines[1:]
    return lines


def norm_parts(word: str) -> set[str]:
    return {word[1:]} if len(word) > 3 and word[0] in "ld" else set()  # "l'œuvre", "d'aménagement" folded


def _scraps(line: list, words: set[str]) -> bool:
    worded = [t for t in line if t.norm]
    if not worded or sum(t.conf for t in worded) / len(worded) >= SCRAP_CONF:
        return False
    scrap = sum(len(t.norm) for t in worded
                if t.conf < GUESSED or any(same_word(t.norm, w) for w in words))
    return scrap >= SCRAP_SHARE * sum(len(t.norm) for t in worded)
