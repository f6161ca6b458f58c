"""Fictional people: names, e-mail addresses and phone numbers as a porteur would write them."""

from __future__ import annotations

import random
import unicodedata

FIRST_F = ["Nadège", "Solène", "Maëlle", "Ghislaine", "Céline", "Amandine", "Laetitia", "Brigitte", "Hélène",
           "Marie-Josée", "Anne-Sophie", "Éloïse", "Fatima", "Yasmina", "Corinne", "Mireille", "Odile",
           "Pascale", "Sandrine", "Véronique", "Aurore", "Noémie", "Gwenaëlle", "Rose-Marie", "Josiane",
           "Chantal", "Lucie", "Inès", "Armelle", "Françoise"]
FIRST_M = ["Thierry", "Hervé", "Benoît", "Yannick", "Jean-Luc", "Pierre-Yves", "Gaëtan", "Loïc", "Rachid",
           "Mathieu", "Olivier", "Régis", "Dominique", "Jean-Baptiste", "Fabrice", "Ludovic", "Émile",
           "Stéphane", "Joël", "Marc-Antoine", "Didier", "Franck", "Sébastien", "Xavier", "Jérôme",
           "Guillaume", "Alain", "Bruno", "Cédric", "Patrice"]
LAST = ["Morvan", "Bouchard", "Lemaître", "Castagnet", "Peyrou", "Delattre", "Garnier-Lebon", "Raffin",
        "Quéméner", "Ollivier", "Barthélemy", "Vasseur", "Touzet", "Mercadier", "Rouxel", "Benhamou",
        "Poirier", "Andrieux", "Lagarde", "Fabre-Duval", "Noël", "Chevrier", "Kerbrat", "Sanchez",
        "Le Gall", "Da Silva", "Coulibaly", "Brunet", "Tessier", "Maillard", "Pelletier", "Vidal",
        "Ferrand", "Guérin", "Huet", "Jacquemin", "Lacombe", "Marchal", "Perrot", "Rigaud", "Salmon",
        "Texier", "Vallet", "Weber", "Zimmermann", "De Almeida", "Étienne", "Aubert"]
# Names of families common in each overseas département or in Corsica, so that elected
# officials look local.
LOCAL_LAST = {
    "971": ["Jalton", "Bernier", "Lubin", "Nomertin", "Cornély", "Placide"],
    "972": ["Marie-Sainte", "Sainte-Rose", "Clémenté", "Bellay", "Jean-Joseph", "Lordinot"],
    "973": ["Lony", "Patient", "Karam", "Chow-Chine", "Lecante", "Sophie"],
    "974": ["Técher", "Grondin", "Payet", "Hoarau", "Nativel", "Fontaine", "Boyer", "Robert"],
    "976": ["Madi", "Attoumani", "Soilihi", "Ahamada", "Ben Ali", "Combo"],
    "2A": ["Santoni", "Colonna", "Peretti", "Orsini", "Pietri", "Leca"],
    "2B": ["Casanova", "Filippi", "Mattei", "Antonetti", "Giacomoni", "Luciani"],
}
# Country code and the first digits of fixed and mobile lines.
PHONE = {"971": ("590", ["590"], ["690", "691"]), "972": ("596", ["596"], ["696", "697"]),
         "973": ("594", ["594"], ["694"]), "974": ("262", ["262"], ["692", "693"]),
         "976": ("262", ["269"], ["639"])}
METRO_FIXED = {"84": "4", "93": "4", "94": "4", "76": "5", "75": "5", "53": "2", "52": "2", "24": "2",
               "28": "2", "32": "3", "44": "3", "27": "3", "11": "1"}


def ascii_slug(text: str, sep: str = "") -> str:
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = "".join(ch if ch.isalnum() else " " for ch in text)
    return sep.join(out.split())


class Person:
    def __init__(self, first: str, last: str, female: bool):
        self.first, self.last, self.female = first, last, female

    def name(self, style: int = 0) -> str:
        """The name as written in a document: 'Céline Rouxel', 'ROUXEL Céline', 'Céline ROUXEL'."""
        return [f"{self.first} {self.last}", f"{self.last.upper()} {self.first}",
                f"{self.first} {self.last.upper()}"][style % 3]

    def email(self, domain: str, style: int = 0) -> str:
        f, l = ascii_slug(self.first, "-"), ascii_slug(self.last, "")
        local = [f"{f}.{l}", f"{f[0]}.{l}", f"{f[0]}{l}", f"{l}.{f}"][style % 4]
        return f"{local}@{domain}"


def person(rng: random.Random, dep: str | None = None, female: bool | None = None) -> Person:
    female = rng.random() < 0.5 if female is None else female
    first = rng.choice(FIRST_F if female else FIRST_M)
    pool = LOCAL_LAST.get(dep or "", []) if rng.random() < 0.7 else []
    return Person(first, rng.choice(pool or LAST), female)


def phone(rng: random.Random, dep: str, region: str, mobile: bool) -> str:
    """E.164 number of a line in the département."""
    if dep in PHONE:
        cc, fixed, mob = PHONE[dep]
        prefix = rng.choice(mob if mobile else fixed)
        return f"+{cc}{prefix}{rng.randrange(100000, 999999)}"
    first = rng.choice("67") if mobile else METRO_FIXED.get(region, "3")
    return f"+33{first}{rng.randrange(10000000, 99999999)}"


def phone_written(e164: str, style: int) -> str:
    """How the number is typed on the fiche: '02 43 12 34 56', '02.43.12.34.56', '+33 2 43 …'."""
    if e164.startswith("+33"):
        national = "0" + e164[3:]
    else:
        national = "0" + e164[4:]
    pairs = [national[i:i + 2] for i in range(0, 10, 2)]
    return [" ".join(pairs), ".".join(pairs), national,
            f"{e164[:3]} {e164[3]} " + " ".join(e164[4 + i:6 + i] for i in range(0, 8, 2)) if e164.startswith("+33")
            else " ".join(pairs)][style % 4]
