"""Whether a phone number's territory is the dossier's, when the fiche's département was not read.

The numbering plan places "06 94 …" in Guyane and "06 96 …" in Martinique; a number so written
in a dossier from Meurthe-et-Moselle is far more likely a metropolitan mobile mistyped or read
with a slip. `_phone` (schemas.normalise) checks it against the département the fiche gives;
when section 2's département was not read, the communes it lists (read surely, with their INSEE
codes) place the dossier, and nothing placing it at all leaves an overseas number for a reviewer.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.model import FieldStatus, FieldValue
from schemas import values
from schemas.cog import Cog

# The regions a French number of each overseas département may carry (+262: La Réunion and Mayotte).
OVERSEAS_TERRITORIES = {"971": {"GP", "BL", "MF"}, "972": {"MQ"}, "973": {"GF"}, "974": {"RE", "YT"},
                        "976": {"YT", "RE"}, "975": {"PM"}}


def of_the_dossier(found: str, departement: str) -> bool:
    """A number of no overseas territory, or of the département's own."""
    territory = values.overseas_territory(found)
    return territory is None or territory in OVERSEAS_TERRITORIES.get(departement, set())


def phones_placed_by_communes(out: dict[str, FieldValue], cog: Cog) -> None:
    """Sure overseas numbers of a dossier whose département was not read (see the module)."""
    phones = [f for f, v in out.items() if f.endswith("_telephone") and v.status is FieldStatus.EXTRACTED
              and isinstance(v.value, str) and values.overseas_territory(v.value) is not None]
    if not phones:
        return
    departement = communes_departement(out.get("s2.communes"), cog)
    for field_id in phones:
        value = out[field_id]
        if departement is not None and of_the_dossier(value.value, departement):
            continue
        shown = values.as_metropolitan(value.value) if departement is not None else None
        out[field_id] = replace(value, value=shown or value.value, status=FieldStatus.NEEDS_REVIEW)


def communes_departement(communes: FieldValue | None, cog: Cog) -> str | None:
    """The one département every commune section 2 lists (read surely) lies in, else None."""
    if not (communes and communes.status is FieldStatus.EXTRACTED and isinstance(communes.value, list)):
        return None
    found = {cog.departement_of_commune(c.get("code_insee") or "") for c in communes.value if isinstance(c, dict)}
    return found.pop() if len(found) == 1 and None not in found else None
