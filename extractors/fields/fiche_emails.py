"""A fiche's addresses checked against the names written beside them.

An administration's or a mairie's address is made of its holder's name in a few ways:
prénom.nom, p.nom, pnom, nom.prenom (accents dropped, a compound name with or without its
hyphen). On a scan, OCR slips on one letter of the address ("idelattre" for the ldelattre of
Lucie DELATTRE, "tlemente" for the tclemente of Thierry CLÉMENTÉ) far more often than on the
name, which it reads word by word against its lexicon. An address one letter from exactly one
of its name's forms is that form, mended for a reviewer (the name shown too: one of the two
was misread); an address a few letters from them, unexplained, is not trusted either. An
address no form comes near is some other style, left as read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from rapidfuzz.distance import OSA

from extractors.model import FieldStatus, FieldValue

# Each address field with the name of its holder.
HOLDERS = (("s1.etat.referent_email", "s1.etat.referent_nom"),
           ("s1.collectivite.contact_email", "s1.collectivite.contact_nom"))
MENDED = 0.6  # an address put right from its holder's name: a guess, shown to a reviewer
NEAR = 2  # letters apart: an address this close to a form of its name is that form misread


def _fold(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s.,;:]+", text) if re.search(r"[^\W\d_]", w)]


def _splits(words: list[str]) -> list[tuple[list[str], list[str]]]:
    """(given names, surname) as the name may be cut: a surname in capitals is the surname;
    else the first word or the last word is the given name."""
    capitals = [w for w in words if len(w) > 1 and w.upper() == w and w.lower() != w]
    if capitals and len(capitals) < len(words):
        return [([w for w in words if w not in capitals], capitals)]
    if len(words) < 2:
        return []
    return [(words[:1], words[1:]), (words[-1:], words[:-1])]


def name_forms(name: str) -> set[str]:
    """The local parts an address built from this person's name may have."""
    forms: set[str] = set()
    for given, surname in _splits(_words(name)):
        firsts = {_fold("-".join(given)), _fold("".join(given)).replace("-", "")}
        parts = [p for w in given for p in w.split("-") if p]
        initials = _fold("".join(p[0] for p in parts))  # "jm" of Jean-Marc
        lasts = {_fold("".join(surname)).replace("-", ""), _fold("-".join(surname))}
        for first in firsts:
            for last in lasts:
                if first and last:
                    forms |= {f"{first}.{last}", f"{first[0]}.{last}", f"{first[0]}{last}", f"{last}.{first}",
                              f"{initials}.{last}", f"{initials}{last}"}
    return {re.sub(r"[^a-z0-9.-]", "", f) for f in forms}


def emails_by_names(fields: dict[str, FieldValue]) -> None:
    """Each address OCR read, against the forms of its holder's name (see the module)."""
    for email_field, name_field in HOLDERS:
        email, name = fields.get(email_field), fields.get(name_field)
        if email is None or name is None or not isinstance(email.value, str) or not isinstance(name.value, str) \
                or email.confidence >= 1.0 or "@" not in email.value:
            continue  # an address a text layer gave is as typed
        local, _, domain = email.value.rpartition("@")
        local = local.lower()
        forms = name_forms(name.value)
        if not forms or local in forms:
            continue
        distance = {form: OSA.distance(local, form) for form in forms}
        best = min(distance.values())
        nearest = [form for form, d in distance.items() if d == best]
        # A start OCR lost ("perrot" of a.perrot, aperrot or armelle.perrot) says no one form;
        # unless one form only ends so ("ascale.vallet" of pascale.vallet: its first letter
        # lost against the cell's rule).
        cut = [form for form in forms if form.endswith(local)]
        if best == 1 and len(nearest) == 1 and cut in ([], nearest) and name.status is FieldStatus.EXTRACTED:
            fields[email_field] = FieldValue(f"{nearest[0]}@{domain}", min(email.confidence, MENDED),
                                             email.source, FieldStatus.NEEDS_REVIEW)
            # Which of the two OCR misread, no one knows for sure: the name is shown too.
            fields[name_field] = replace(name, status=FieldStatus.NEEDS_REVIEW)
        elif best <= NEAR and email.status is FieldStatus.EXTRACTED:
            fields[email_field] = replace(email, status=FieldStatus.NEEDS_REVIEW)
