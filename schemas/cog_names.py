"""Written names of the geography made comparison keys: articles, saints, ordinals, EPCI natures, OCR slips.

Keys are what schemas/cog.py indexes the reference by and looks written names up with.
"""

from __future__ import annotations

import logging
import re

from rapidfuzz.distance import OSA

from schemas.values import fold

log = logging.getLogger(__name__)

_COMMUNE_PREFIX = re.compile(
    r"^(?:(?:la|le)\s+)?(?:commune(?:\s+nouvelle|\s+d[ée]l[ée]gu[ée]e|\s+associ[ée]e)?"
    r"|ville|mairie)\s+(?:de\s+(?P<la>la)\s+|de\s+(?P<l>l)['’]\s*|de\s+|d['’]\s*|(?P<du>du)\s+|(?P<des>des)\s+)",
    re.IGNORECASE)
# The article a designation's link word holds: "Commune du Port" is Le Port (La Réunion), not Port (Ain).
_HELD_ARTICLE = {"la": "La ", "l": "L'", "du": "Le ", "des": "Les "}
_SAINTS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ARTICLES = frozenset({"le", "la", "les", "l"})
_ORDINAL = re.compile(r"^(\d+)(?:er|ere|re|e|eme|em|me)$")
_EPCI_PHRASES = tuple((re.compile(rf"\b{phrase}\b"), short) for phrase, short in (
    ("communaute (?:de |des )?communes", "cc"), ("communaute (?:d |de l )agglomeration", "ca"),
    ("communaute urbaine", "cu"), ("etablissement public territorial", "ept"),
    ("agglo", "agglomeration")))
_EPCI_NATURES = {"cc": "CC", "ca": "CA", "cu": "CU", "ept": "EPT"}
_EPCI_NOISE = frozenset({"cc", "ca", "cu", "ept", "communaute", "agglomeration", "metropole",
                         "de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux"})
_EPCI_WORDS = ("communaute", "communes", "agglomeration", "metropole")  # OCR-damaged forms too
_EPCI_PARTS = re.compile(r"\s+[-–—]\s+|[()/:]")
_ADMIN_WORDS = frozenset({"departement", "dept", "dep", "prefecture", "prefet", "region",
                          "conseil", "regional", "de", "du", "des", "d", "la", "le", "les", "l"})


def commune_keys(name: str) -> tuple[str, str]:
    """(full, bare) comparison keys of a commune name; bare drops a leading article.

    "St-Malo" -> ("saint malo", "saint malo"); "L'Île-Rousse" -> ("l ile rousse", "ile rousse");
    "Marseille 3ème arrondissement" -> ("marseille 3", "marseille 3").
    """
    tokens = [_ORDINAL.sub(r"\1", t) if t[:1].isdigit() else _SAINTS.get(t, t) for t in fold(name).split()
              if t not in ("arrondissement", "arr")]  # an ordinal starts with a digit, a saint never
    bare = tokens[1:] if len(tokens) > 1 and tokens[0] in _ARTICLES else tokens
    return " ".join(tokens), " ".join(bare)


def epci_key(name: str) -> tuple[str, str | None]:
    """(key, nature): "Communauté de communes du Pays de Mormal" -> ("pays mormal", "CC")."""
    text = fold(name)
    for pattern, short in _EPCI_PHRASES:
        text = pattern.sub(short, text)
    tokens = text.split()
    nature = next((_EPCI_NATURES[t] for t in tokens if t in _EPCI_NATURES), None)
    return " ".join(t for t in tokens if not _is_epci_noise(t)), nature


def _is_epci_noise(token: str) -> bool:
    """Articles and generic words, including OCR-damaged ones ("commnues", "Comrnunauté")."""
    forms = (token, token.replace("rn", "m"))  # "rn" read for "m" is OCR's classic
    return token in _EPCI_NOISE or len(token) >= 6 and any(
        OSA.distance(form, word) <= max_edits(word) for form in forms for word in _EPCI_WORDS)


def strip_admin_words(text: str) -> str:
    """The name without the administrative words before it ("Département de la Drôme" -> "drome")."""
    tokens = fold(text).split()
    while len(tokens) > 1 and tokens[0] in _ADMIN_WORDS:
        tokens.pop(0)
    return " ".join(tokens)


def max_edits(key: str) -> int:
    """Letters OCR may have got wrong, by length: none under 4 letters, 1 up to 8, then 2-3."""
    letters = len(key.replace(" ", ""))
    return 0 if letters < 4 else 1 if letters <= 8 else 2 if letters <= 15 else 3


def epci_variants(name: str) -> list[str]:
    """The whole name, then its parts around dashes and parentheses ("CASUD – CA du Sud")."""
    parts = [p for p in _EPCI_PARTS.split(name) if p and p.strip()]
    return [name, *parts] if len(parts) > 1 else [name]


SLIPPED = 0.85  # the score of a name found only once an OCR slip of its letters is undone: never exact


def unslip(bare: str) -> list[str]:
    """The key with OCR's classic letter-group slips undone: "rn" read for "m" ("Rernies" for
    Remies), and "m" for "rn" ("Toumus" for Tournus). Tried only when the key itself finds nothing."""
    variants = [bare.replace("rn", "m"), bare.replace("m", "rn")]
    for slip, right in (("rn", "m"), ("m", "rn")):  # one slip only ("Momant": Mornant, not Rnornant)
        variants += [bare[:i] + right + bare[i + len(slip):] for i in range(len(bare)) if bare.startswith(slip, i)]
    return [v for v in dict.fromkeys(variants) if v != bare]


def without_designation(text: str) -> str:
    """"Commune du Port" -> "Le Port": the designation dropped, the article its link word holds
    kept. The bare name (without article) is what is looked up; the article only tells apart
    homonyms that differ by it ("Le Port", "Port")."""
    def held(match: re.Match) -> str:
        return next((article for group, article in _HELD_ARTICLE.items() if match.group(group)), "")
    return _COMMUNE_PREFIX.sub(held, text)


def name_slips(written: str, official: str) -> int:
    """How many OCR slips (edits, a swap counting one) part a written commune name from the
    official one, articles and "St" aside."""
    return OSA.distance(commune_keys(written)[1], commune_keys(official)[1])
