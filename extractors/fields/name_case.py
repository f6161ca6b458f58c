"""How a collectivité's name set in capitals (a letterhead's type) is written as a name."""

from __future__ import annotations

import re

_LOWER_WORDS = {"de", "du", "des", "la", "le", "les", "et", "sur", "sous", "en", "lès", "lez", "aux", "au", "d", "l",
                "communes"}


def uncapitalise(text: str) -> str:
    """"COMMUNE DE SAINT-JEAN-D'ANGÉLY" -> "Commune de Saint-Jean-d'Angély", and so a name set
    all in lower case ("mairie de porto-vecchio", a logo's type); other text as written."""
    text = " ".join(text.split())
    letters = [c for c in text if c.isalpha()]
    lower = not any(c.isupper() for c in letters) and any(w not in _LOWER_WORDS for w in text.split())
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters) and not lower:
        return text
    words = []
    for position, word in enumerate(text.split(" ")):
        if _ACRONYM.fullmatch(word):  # "(LFA)": an acronym stays in capitals
            words.append(word)
            continue
        parts = re.split(r"([-'’])", word)
        out = []
        for k, part in enumerate(parts):
            low = part.lower()
            keep_low = low in _LOWER_WORDS and (position > 0 or k > 0)
            out.append(low if keep_low or part in "-'’" else part[:1].upper() + part[1:].lower())
        words.append("".join(out))
    # The kind after "Communauté de/d'" is a common noun: "Communauté d'agglomération Clisson…"
    return _KIND_AFTER_COMMUNAUTE.sub(lambda m: m[1] + m[2].lower(), " ".join(words))


_ACRONYM = re.compile(r"\([A-Z0-9]{2,8}\)[.,]?")
_KIND_AFTER_COMMUNAUTE = re.compile(r"\b(Communauté (?:de |d['’])?)(Communes|Agglomération|Urbaine)\b")
