"""The word a collectivité's name opens with ("Ville de", "Mairie de", "Commune de", "Hôtel de
ville de", "Communauté de…", "Métropole…"), read with the slips OCR makes in it: an "l" read as
"I", "1" or "|" ("ViIle de", "Vil1e de"), an "o" as "0", a speck read as an accent ("Communé de").

A closed vocabulary: a word that is one of its words once those look-alikes are undone is that
word. Only the head word is touched; the name after it is left as read, and it must still
resolve for the whole to be trusted.
"""

from __future__ import annotations

import re

from schemas.values import fold

# Heads that open a name; the short ones ("ville") only with their look-alike letters undone,
# never with a letter more or less (a place name like "Villé" or "Vitre" is not one).
_HEADS = {"ville": "ville", "mairie": "mairie", "commune": "commune", "communaute": "communauté",
          "metropole": "métropole", "eurometropole": "eurométropole"}
_LOOK_ALIKE = str.maketrans({"I": "l", "1": "l", "|": "l", "!": "l", "0": "o"})
_CAPITALS_LOOK_ALIKE = str.maketrans({"1": "L", "|": "L", "!": "L", "0": "O"})
_HEAD = re.compile(r"^(?P<lead>\s*(?:h[oô0]tel\s+de\s+)?)(?P<head>[^\s'’]{4,14})(?=\s+(?P<next>\S+))", re.I)
_ARTICLES = re.compile(r"(?i)^(?:de|du|des|d['’].*|l['’].*|la|le|les)$")


def head_mended(name: str) -> tuple[str, bool]:
    """("Ville de Vitré", True) from "Vil1e de Vitré"; ("Commune de Vitré", False) from
    "Communé de Vitré" (only an accent differs: the vocabulary's spelling, nothing misread);
    the name unchanged and False when its head is no slipped designation word."""
    match = _HEAD.match(name)
    if match is None:
        return name, False
    head = match.group("head")
    hotel = bool(match.group("lead").strip())
    look_alike = _LOOK_ALIKE if not head.isupper() else _CAPITALS_LOOK_ALIKE  # "VILLE": its "I" is one
    undone = fold(head[0] + head[1:].translate(look_alike)).replace("rn", "m")
    word = _HEADS.get(undone)
    if word is None or (hotel and word != "ville"):
        return name, False
    if word in ("ville", "mairie", "commune") and not _ARTICLES.match(match.group("next")):
        return name, False  # "Commune nouvelle …", a place name: left as read
    right = word.upper() if head.isupper() else word.capitalize() if head[:1].isupper() else word
    if right == head or (fold(head) == fold(right) and head.isascii()):
        return name, False  # an accent left out ("COMMUNAUTE") is as typed: only a stray one goes
    mended = name[:match.start("head")] + right + name[match.end("head"):]
    return mended, fold(head) != fold(right)
