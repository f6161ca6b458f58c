"""The shape of a signatory's name as OCR read it beside a signature: what the strokes add to it
(a word after it) or take from it (a word lost between two), so that such a name is never sure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from extractors.model import FieldStatus, FieldValue, Word
from extractors.text import normalise

PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "der", "di", "da", "del", "ben", "el", "ép.", "epouse",
             "née"}


def stroke_tail(text: str) -> bool:
    """Whether the last word of a name of three words or more is what OCR made of the signature's
    end beside it, not a word of the name: the start or a near copy of another of its words
    ("Inès ROUXEL ROU", "ROUXEL Inès ROUXFL"), or up to three capitals after a surname in
    capitals ("Marc DUBOIS LEA": no surname ends so, particles stand before it), or a particle."""
    from rapidfuzz import fuzz

    words = text.split()
    named = [w for w in words if w.lower() not in PARTICLES]
    if len(words) >= 3 and words[-1].lower() in PARTICLES and len(named) >= 2:
        return True  # no name ends with its particle ("Christian LEFÈVRE LE")
    if len(words) < 3 or len(named) < 3:
        return False
    last = normalise(words[-1]).strip(".,;")
    others = [normalise(p) for w in words[:-1] if w.lower() not in PARTICLES for p in re.split(r"[-'’]", w)]
    if len(last) >= 2 and any(o.startswith(last) or len(last) >= 3 and fuzz.ratio(o, last) >= 80 for o in others):
        return True
    caps = [w for w in words[:-1] if w.isupper() and len(re.sub(r"\W", "", w)) >= 3 and w.lower() not in PARTICLES]
    return words[-1].isalpha() and words[-1].isupper() and len(words[-1]) <= 3 and bool(caps)


def word_lost(line_words: tuple[Word, ...], text: str) -> bool:
    """A gap between two words of the name wider than a word: OCR dropped one there (a middle
    name, a particle, half a compound surname), and the name read is short of it. The name's
    words are found side by side on the line, as read; elsewhere, nothing is said."""
    names = [w.strip(".,;") for w in text.split()]
    line = sorted(line_words, key=lambda w: w.bbox[0])
    for i in range(len(line) - len(names) + 1):
        words = line[i:i + len(names)]
        if len(words) >= 2 and [w.text.strip(".,;") for w in words] == names:
            heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
            gap = max(b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:]))
            return heights[len(heights) // 2] > 0 and gap > LOST_WORD * heights[len(heights) // 2]
    return False


LOST_WORD = 1.5  # word heights; a space between the words of a name read on scans is under 0.6


def _words(text: str, accents: bool = True) -> list[str]:
    """A name's words as written (case kept), in order of their letters without accents."""
    text = unicodedata.normalize("NFC", text)
    words = re.sub(r"[^\w'’-]", " ", text).split()
    return sorted(words, key=normalise) if accents else sorted(normalise(w) for w in words)


def bare_words(text: str) -> list[str]:
    """A name's words without accents, in lower case, a compound kept whole."""
    return [normalise(w) for w in re.sub(r"[^\w'’-]", " ", unicodedata.normalize("NFC", text)).split()]


def same_letters(a: str, b: str) -> bool:
    """Two writings of a name with the same letters, case, accents and word order aside."""
    return _words(a, False) == _words(b, False)


def one_spelling(block: str, body: str) -> str | None:
    """The one spelling of a name read twice (under the signature, in the body's "Je soussigné
    …"), case and word order aside; where only accents differ, the reading whose capitals bear
    them ("ÉTIENNE" over "ETIENNE": capitals lose theirs in print and in OCR). None when a letter
    differs ("Rouxtl" | "ROUXEL") or a small letter's accent does ("Fabricé" | "Fabrice": OCR
    adds them as well as drops them): which reading is right, neither says."""
    if not same_letters(block, body):
        return None
    pairs = list(zip(_words(block), _words(body)))
    if all(a.casefold() == b.casefold() for a, b in pairs):
        return block
    drops = {_capital_drop(a, b) for a, b in pairs if a.casefold() != b.casefold()}
    return body if drops == {"first"} else block if drops == {"second"} else None


def _capital_drop(a: str, b: str) -> str | None:
    """Which of two writings of a word lost accents on capitals only ("first": `a`), else None."""
    lost = set()
    for x, y in zip(a, b):
        if x.casefold() == y.casefold():
            continue
        if normalise(x) != normalise(y):
            return None
        if x.isupper() and x == normalise(x).upper():
            lost.add("first")
        elif y.isupper() and y == normalise(y).upper():
            lost.add("second")
        else:
            return None
    return lost.pop() if len(lost) == 1 else None


def cut_by_ink(name: FieldValue, signe: FieldValue) -> FieldValue:
    """A sure name whose line the signature's ink begins at its end, on its row, and runs on
    from ("Thierry Pe", "Rose-Marie OLLI"), or begins anywhere on a short last word ("Loïc Bla"):
    the strokes hide the name's end, for a reviewer."""
    if name.status is not FieldStatus.EXTRACTED or signe.value is not True or not name.source or not signe.source \
            or not name.source.bbox or not signe.source.bbox or name.source.page != signe.source.page \
            or name.source.file != signe.source.file:
        return name
    (_, top, x1, bottom), (ix0, itop, ix1, ibottom) = name.source.bbox, signe.source.bbox
    height = bottom - top
    level = min(bottom, ibottom) - max(top, itop) >= 0.5 * height
    # ink begun further inside the name, over a last word too short for a sure surname ("Loïc Bla")
    begins = x1 - INK_OVER * height <= ix0 or _short_end(str(name.value))
    if height > 0 and level and begins and ix0 <= x1 + INK_AFTER * height and ix1 > x1:
        return replace(name, confidence=min(name.confidence, 0.6), status=FieldStatus.NEEDS_REVIEW)
    return name


def _short_end(text: str) -> bool:
    """A name ending on a word of three letters or fewer, no particle nor initial: under ink, the
    start of a longer surname as likely as a whole one ("Bla" of "Blanc")."""
    words = text.split()
    return len(words) >= 2 and words[-1].isalpha() and len(words[-1]) <= 3 and words[-1].lower() not in PARTICLES


INK_OVER = 0.5  # name heights: ink beginning this far inside the name's end, or …
INK_AFTER = 1.0  # … this far after it (a right name ends 1.2 heights and more before the ink)


def doubled_name(text: str) -> str | None:
    """A name read twice on its line ("Xavier Lagarde LAGARDE Xavier": the signature written as
    the name beside the typed name, or the name printed twice): its one spelling, else None."""
    words = text.split()
    half = len(words) // 2
    if len(words) < 4 or len(words) % 2:
        return None
    return one_spelling(" ".join(words[:half]), " ".join(words[half:]))
