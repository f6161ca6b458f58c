"""A porteuse read by OCR and trusted must be spelt, word for word, as the collectivité it names.

The COG matches names loosely (accents, a letter or two, a stray scrap): it finds "Ville de
L'Etang-Salé" (a scan lost the accent of a capital É) and "Communauté de communes Carmausin-sf
Ségala" (a speck of the table's label column read into the wrapped line) as the very commune and
EPCI they name; section 2 or the letter then agree with the place, not with the letters read. Yet
the porteuse is compared letter for letter, and on the study fiches the maker spells it as the
COG does: a name whose own words (its designation and link words aside) are not the COG's name's
is a misreading, for a reviewer (fichestudy 180:240: the 2 porteuses read sure and wrong, and
none of the 50 right). A name typed without accents, in capitals or with spaces for hyphens is
as the porteur typed it, and so is a text layer's porteuse: left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from extractors.model import FieldStatus, FieldValue
from schemas.agreement import PORTEUSE
from schemas.cog import Cog
from schemas.territoire import cte_spelt_out, name_kind

# A designation's words and a name's link words: how the porteur names the body, not its name.
_DESIGNATION = frozenset("""communauté communaute cté cte communes agglomération agglomeration agglo urbaine
    métropole metropole cc ca cu ville commune mairie de des du d la le les l""".split())


def _name_words(text: str, accents: bool = True) -> list[str]:
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    if not accents:
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return [w for w in re.findall(r"[^\W_]+", text) if w not in _DESIGNATION]


def misread_name(read: str, official: str) -> bool:
    """Other words than the official name's (its designation, case, hyphens and accents aside),
    or an accent of it missing in a name read with accents elsewhere ("L'Etang-Salé": its porteur
    types accents, OCR lost the capital's); a name with none at all is as typed ("Commune de Vitre")."""
    if _name_words(read, accents=False) != _name_words(official, accents=False):
        return True
    accented = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", " ".join(_name_words(read))))
    return accented and _name_words(read) != _name_words(official)


def official_name(text: str, cog: Cog, departement: str | None) -> str | None:
    """The COG's name of the one commune or EPCI the porteuse's name designates, else None."""
    kind = name_kind(text)
    if kind == "commune":
        match = cog.resolve_commune(text, departement)
        return match.commune.nom if match is not None and not match.ambiguous and match.commune else None
    if kind == "epci":
        match = cog.resolve_epci(cte_spelt_out(text), departement)
        return match.candidates[0].nom if match is not None and not match.ambiguous and match.candidates else None
    return None


def porteuse_spelt_as_named(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                            departement: str | None) -> None:
    """A porteuse trusted, read by OCR, whose words are not its collectivité's: for a reviewer."""
    field = out.get(PORTEUSE)
    if not (field and field.status is FieldStatus.EXTRACTED and isinstance(field.value, str)
            and raw is not None and raw.confidence < 1.0):
        return
    official = official_name(field.value, cog, departement)
    if official is not None and misread_name(field.value, official):
        out[PORTEUSE] = replace(field, status=FieldStatus.NEEDS_REVIEW)
