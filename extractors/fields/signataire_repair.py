"""Title words in a signatory block that OCR damaged, put right before the roles are read:
a letter misread ("Le Pretet"), a stroke through the word ("Le Ma ire", "Le Ma|re"), its head
lost under the ink ("aire"), a compound title cut at its hyphen ("Sous- Préfet")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

_TITLE_WORDS = ("prefet", "prefete", "president", "presidente")


def repaired_titles(norm: str) -> str:
    """A normalised line whose OCR-damaged title words are put right: "le prefetide kauxel" ->
    "le prefet kauxel", "preside de" -> "president de", "le pretet" -> "le prefet". Only long
    titles: "marie" is a name."""
    def repaired(match: re.Match) -> str:
        word = match.group(0)
        if len(word) < 5 or word.startswith(("prefec", "presidence")):
            return word
        best = max(_TITLE_WORDS, key=lambda title: fuzz.ratio(word, title))
        if fuzz.ratio(word, best) >= 80 and word.startswith(best[:5]):  # "presentee" is no "presidente"
            return best
        if len(word) == len(best) and word[:3] == best[:3] and sum(a != b for a, b in zip(word, best)) == 1:
            return best  # one letter misread in place: "pretet", a photo's f read as t
        if len(word) == len(best) + 1 and word[:3] == best[:3] and Levenshtein.distance(word, best) == 1:
            return best  # one letter too many: "pretfete", a stroke's speck read as a letter inside
        return word
    if _MAIRE_TAIL.match(norm):
        return "le maire"
    norm = _MAIRE_LOST_LETTER.sub(r"\1maire", norm)
    norm = SPLIT_COMPOUND.sub(r"\1-", _joined_fragments(norm))
    # word by word, a hyphen or a stray mark apart: "sous-prefepe,}nour" has its "prefepe"
    return _MAIRE_SLIP.sub(_maire, re.sub(r"[a-z]+", repaired, norm))


# "Mare de", "La Mire,", "Le Mair": one letter of "maire" lost (inner, or the last under the
# signature's strokes) at the head of a block line, its "de …" or comma after it or nothing (a
# "Mare" of a name has a first name beside it, not a "de")
_MAIRE_LOST_LETTER = re.compile(r"^((?:le|la) )?(?:mare|mire|maie|mair)(?= de\b| d'|\s*,|\s*$)")
SPLIT_COMPOUND = re.compile(r"\b(sous|vice)\s*-\s+")  # "Sous- Préfet": a space OCR read after the hyphen
# "us-préfète", "ice-Président": a compound title's head cut by the signature's strokes, its end
# and hyphen left; no other title ends so before "préfet" or "président"
_HEAD_LOST = ((re.compile(r"(?<![a-z])o?us\s*-\s*(?=prefet)"), "sous-"),
              # "Souk-préfet", "Sons-préfet": one letter of the head misread (no other word is glued so)
              (re.compile(r"(?<![a-z])(?:[a-z]ous|s[a-z]us|so[a-z]s|sou[a-z])\s*-\s*(?=prefet)"), "sous-"),
              (re.compile(r"(?<![a-z])i?ce\s*-\s*(?=presid)"), "vice-"))


# "souscprefete", "sous{prefet": a compound title's hyphen read as one letter or mark
_HYPHEN_MISREAD = re.compile(r"\b(sous(?=(?:[a-z]|[^\w\s])prefete?\b)|vice(?=(?:[a-z]|[^\w\s])presid))"
                             r"(?:[a-z]|[^\w\s])")


def mended_compounds(norm: str) -> str:
    """A compound title whose head the strokes cut ("us-prefete") written whole ("sous-prefete"),
    whose hyphen OCR read as a letter ("souscprefete"), or whose "préfet" has one letter misread
    after "sous" and its mark ("sous:brefet")."""
    for pattern, head in _HEAD_LOST:
        norm = pattern.sub(head, norm)
    return _HYPHEN_MISREAD.sub(r"\1-", _SOUS_SLIPPED.sub(_sous_prefet, norm))


# "Sous-bréfet", "Sous:préfct": no other title than a préfet's is glued to "sous" by a mark
_SOUS_SLIPPED = re.compile(r"\bsous[^\w\s](?P<tail>[a-z]{5,8})\b")


def _sous_prefet(match: re.Match) -> str:
    tail = match["tail"]
    best = min(("prefet", "prefete"), key=lambda title: Levenshtein.distance(tail, title))
    # one letter only: a title garbled further ("Sous-prfzt") stays for a reviewer
    return f"sous-{best}" if Levenshtein.distance(tail, best) == 1 else match.group(0)


_FRAGMENT = re.compile(r"[a-z|!]+")
_SPLIT_TITLES = ("maire", "prefet", "prefete", "president", "presidente")


def _joined_fragments(norm: str) -> str:
    """A title a stroke cut in two ("Le Ma ire", "Le Pr éfet") or through one letter ("Le Ma|re"):
    two neighbouring pieces that make a title word exactly, or one word with a single mark
    standing for the letter under the stroke, first letter kept."""
    pieces = list(_FRAGMENT.finditer(norm))
    out, last = [], 0
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        pair = pieces[i + 1] if i + 1 < len(pieces) and norm[piece.end():pieces[i + 1].start()] == " " else None
        if pair is not None and (piece[0] + pair[0]).isalpha() and piece[0] + pair[0] in _SPLIT_TITLES:
            out += [norm[last:piece.start()], piece[0] + pair[0]]
            last, i = pair.end(), i + 2
            continue
        if not piece[0].isalpha() and _one_mark_from_title(piece[0]):
            out += [norm[last:piece.start()], _one_mark_from_title(piece[0])]
            last = piece.end()
        i += 1
    return "".join(out) + norm[last:]


def _one_mark_from_title(word: str) -> str | None:
    """"ma|re" -> "maire": one stray mark inside a word in place of a title's letter."""
    marks = [i for i, c in enumerate(word) if not c.isalpha()]
    if len(marks) != 1 or marks[0] in (0, len(word) - 1):
        return None
    return next((t for t in _SPLIT_TITLES if len(t) == len(word)
                 and all(a == b for k, (a, b) in enumerate(zip(word, t)) if k != marks[0])), None)


# A quality line that is only "aire": the signature's strokes hid "Le M" of "Le Maire," (no
# other title ends so but "Secrétaire", "Commissaire", whose line goes on: "générale", "de …")
_MAIRE_TAIL = re.compile(r"^aire\s*[,.;]?$")


# "La Mairg," "Le Moire": an article and one letter of "maire" misread (a stroke over it); "marie"
# (two letters swapped) is a name, and without the article a name may be any five letters
_MAIRE_SLIP = re.compile(r"\b(?P<article>le|la) (?P<word>[a-z]{5})\b")


def _maire(match: re.Match) -> str:
    word = match["word"]
    slips = sum(a != b for a, b in zip(word, "maire"))
    return f"{match['article']} maire" if slips == 1 and word[0] == "m" else match.group(0)
