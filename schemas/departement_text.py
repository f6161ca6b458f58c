"""A département as a fiche or a letter writes it: its code, from its name, its code, or both.

"Ille-et-Vilaine", "35", "Ille-et-Vilaine (35)", "35 – Ille-et-Vilaine". OCR leaves more after
it: on a faxed or photographed fiche, the département is page 1's last answer and the next
page's header runs into it ("Charente-Maritime des Hide: de", "Charente-Maritime 12/03/2026
19:14 DDTF 17 P.2/4", "82: Tarn-et-Garonne Athens des Dash de"). The words it starts with that
name one département exactly are that département: cut at its hyphens instead, a compound
name named another ("Charente" of Charente-Maritime, "Loire" of Loire-Atlantique, "Tarn" of
Tarn-et-Garonne: sure and wrong). Found so, with other words after it, the département is
not sure by itself: the communes section 2 lists may confirm it (section2.departement_of_communes).
"""

from __future__ import annotations

import re

from schemas.cog import Cog

_CODE_THEN_NAME = re.compile(r"^(?P<code>\d{2,3}|2[AB])\s*[:.–—-]?\s+(?P<name>\S.*)$", re.IGNORECASE)
_EDGE_MARKS = " :;,.–—-"
_SPECK = re.compile(r"[\W\d_]{1,3}|[^\W\d_]")


def departement_code(text: str, cog: Cog) -> str | None:
    """"Ille-et-Vilaine", "35", "Ille-et-Vilaine (35)", "35 – Ille-et-Vilaine": the code."""
    code = cog.departement_code(text) or leading_departement(text, cog)[0]
    if code:
        return code
    for part in re.split(r"[()–—-]|\s-\s", text):
        code = cog.departement_code(part.strip(), fuzzy=False) if part.strip() else None
        if code:
            return code
    # OCR's specks beside a name ("DE LA DRÔME 6": a flag's edge read as a digit): the words alone.
    # A lone letter too ("Doubs b"): no département's name holds one.
    words = " ".join(t for t in text.split() if not _SPECK.fullmatch(t))
    return cog.departement_code(words) if words and words != text.strip() else None


def departement_read(text: str, cog: Cog) -> tuple[str | None, bool]:
    """The code, and whether the text names it alone: not so when only its first words name it,
    words after them that are no code ("Charente-Maritime des Hide: de")."""
    code = departement_code(text, cog)
    if code is None or cog.departement_code(text) == code:
        return code, code is not None
    leading, count = leading_departement(text, cog)
    return code, leading != code or not [t for t in text.split()[count:] if not _SPECK.fullmatch(t)
                                         and re.search(r"[^\W\d_]", t)]


def leading_departement(text: str, cog: Cog) -> tuple[str | None, int]:
    """The département the answer's first words name exactly, the most words first (a code
    before its name, "82: Tarn-et-Garonne", both naming it), and how many words name it."""
    words = text.split()
    for count in range(len(words), 0, -1):
        head = " ".join(words[:count]).strip(_EDGE_MARKS)
        if not head:
            continue
        code = cog.departement_code(head, fuzzy=False)
        both = _CODE_THEN_NAME.match(head)
        if code is None and both:
            named = cog.departement_code(both.group("name").strip(_EDGE_MARKS), fuzzy=False)
            code = named if named and named == cog.departement_code(both.group("code"), fuzzy=False) else None
        if code:
            return code, count
    return None, 0
