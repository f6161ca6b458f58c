"""French articles and elisions for names of collectivités: "la commune de Digne-les-Bains",
"de la commune d'Annecy", "du Havre", "de l'EPCI …", "des Sables-d'Olonne"."""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger(__name__)

# Generic nouns a collectivité's name may start with, and the article each takes.
_NOUNS = (
    ("communauté de communes", "la"), ("communauté d'agglomération", "la"), ("communauté urbaine", "la"),
    ("communauté", "la"), ("commune nouvelle", "la"), ("commune", "la"), ("ville", "la"),
    ("métropole", "la"), ("eurométropole", "l'"), ("agglomération", "l'"), ("établissement public", "l'"),
    ("epci", "l'"), ("syndicat", "le"), ("pôle", "le"), ("petr", "le"), ("pays", "le"), ("département", "le"),
)
# An h that forbids elision ("de Hautmont", "du Havre" comes from the article): the usual ones only.
_ASPIRATED_H = ("hau", "ham", "han", "har", "has", "hay", "hér", "hon", "hou", "hu")
_VOWELS = "aeiouyàâäéèêëîïôöûüœæ"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def elides(word: str) -> bool:
    """Whether "de"/"le"/"la" elide before this word ("d'Annecy", "l'EPCI", "d'Hyères")."""
    folded = _fold(word.lstrip())
    if not folded:
        return False
    if folded[0] == "h":
        return not folded.startswith(_ASPIRATED_H)
    return folded[0] in _VOWELS


def de(phrase: str) -> str:
    """"de" before a noun phrase, contracted or elided: de("le Havre") = "du Havre",
    de("les Sables-d'Olonne") = "des Sables-d'Olonne", de("Annecy") = "d'Annecy",
    de("la commune de X") = "de la commune de X", de("l'EPCI X") = "de l'EPCI X"."""
    phrase = " ".join(phrase.split())
    match = re.match(r"(?i)^(le|les)\s+(.*)$", phrase)
    if match:
        return ("du " if match.group(1).lower() == "le" else "des ") + match.group(2)
    if re.match(r"(?i)^(la\s|l['’])", phrase):
        return "de " + phrase
    return ("d'" if elides(phrase) else "de ") + phrase


def with_article(name: str, kind: str | None = None) -> str:
    """A collectivité as a noun phrase with its article: "Commune de Digne-les-Bains" or
    ("Digne-les-Bains", "commune") -> "la commune de Digne-les-Bains"; ("Annecy", "commune") ->
    "la commune d'Annecy"; ("Grand Annecy", "epci") -> "l'EPCI Grand Annecy";
    "Communauté de communes du Pays de Forcalquier" -> "la communauté de communes du Pays de
    Forcalquier". An unknown kind keeps the bare name ("Annecy")."""
    name = " ".join((name or "").split())
    if not name:
        return ""
    folded = _fold(name)
    for noun, article in _NOUNS:
        if folded == noun or folded.startswith(noun + " ") or folded.startswith(noun + "'"):
            head = name[:len(noun)]
            head = head if head.isupper() else head[0].lower() + head[1:]  # "EPCI", "PETR" stay
            rest = name[len(noun):]
            return f"{article}{'' if article.endswith(chr(39)) else ' '}{head}{rest}"
    if kind == "commune":
        return "la commune " + de(name)
    if kind == "epci":
        return "l'EPCI " + name
    return name
