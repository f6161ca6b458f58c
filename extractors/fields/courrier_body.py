"""Where a letter's objet and body name a collectivité: "la commune de Lodève", "la CC du Sud Corse",
"la métropole Rouen Normandie", "la CA intercommunale de la Réunion Est (CIREST)".

Only the phrases; extractors/fields/courrier_entites.py weighs the names found against the
letterhead and the titles.
"""

from __future__ import annotations

import re

from extractors.fields.courrier_layout import Line

# the keywords in any case, the name with its capital; after "de", "pour", "par", a mark or a
# line's start ("¶": `run_on`'s line end, "… partagée." | "La ville de La Roche-sur-Foron s'engage").
# An EPCI as letters name it in their objet and body too: abbreviated ("la CC du Sud Corse", "la CA
# …": capitals only, "ca" is a word), "communauté urbaine", "métropole" ("la métropole Rouen
# Normandie"); its name may open on the lower-case "intercommunale" ("la CA intercommunale de la
# Réunion Est") and end on its acronym ("(CIREST)").
_BODY_EPCI = (r"(?i:communaut[ée] de communes|communaut[ée] d['’]agglom[ée]ration|communaut[ée] urbaine"
              r"|(?:euro)?m[ée]tropole)|C[ACU]|Ct[ée] de communes")
BODY_COLLECTIVITE = re.compile(
    r"(?:(?:\b(?i:de|pour|par)|[,.;¶]) |^)(?P<name>(?i:la )?(?:(?i:commune|ville) (?i:de |d['’]|du |des )?"
    r"|(?:" + _BODY_EPCI + r")(?: (?i:inter)?communale)? (?i:de la |de l['’]|de |d['’]|du |des )?)"
    r"[A-ZÀ-Ý][\w'’-]*(?: (?:[A-ZÀ-Ý][\w'’-]*|de|du|des|la|le|sur|en)){0,4}(?: \([A-Z]{2,10}\))?)")

_DESIGNATION_ENDS = re.compile(r"(?i)\b(?:commune|ville|communaut[ée]|m[ée]tropole|de|du|des|d['’]"
                               r"|communaut[ée] (?:de communes|d['’]agglom[ée]ration|urbaine))$")
_ABBREVIATION_ENDS = re.compile(r"\bC[ACU]$")  # in capitals: "ca" is a word
_ACRONYM = re.compile(r"\([A-Z]{2,10}\)")


def run_on(lines: list[Line]) -> str:
    """Lines as one text where a designation runs over a line end ("… de la commune de" |
    "Vulbens à …", "… candidature de la CA" | "de la Réunion Est" | "(CIREST)"); elsewhere a line
    end ends a name ("… ville de Vitré" | "Monsieur le …")."""
    text = ""
    for line in lines:
        joined = _DESIGNATION_ENDS.search(text.rstrip()) or _ABBREVIATION_ENDS.search(text.rstrip()) \
            or _ACRONYM.match(line.text)
        text += (" " if joined or not text else " ¶ ") + line.text
    return text
