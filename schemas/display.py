"""Field values as French reviewers read and type them: dates 03/12/2026, phones 04 75 22 03 03,
régions and départements by name. Shared by the web pages and the exports."""

from __future__ import annotations

import logging
from datetime import date

import phonenumbers

from schemas import labels
from schemas.api import DEPARTEMENT, REGIONS, field_kind
from schemas.cog import Cog
from schemas.values import fold

log = logging.getLogger(__name__)

# Country codes dialled as French national numbers (0…): metropole and the overseas départements.
FRENCH_CODES = frozenset({33, 262, 269, 508, 590, 594, 596})


def geography() -> Cog:
    """The official geography (COG), loaded once per process."""
    return Cog.shipped()


def date_fr(iso: str | None) -> str:
    """"2026-12-03" → "03/12/2026"; anything else as it is."""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except (TypeError, ValueError):
        return str(iso)


def phone_fr(e164: str | None) -> str:
    """"+33475220303" → "04 75 22 03 03" ("0696 12 34 56" overseas); other countries internationally."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code in FRENCH_CODES
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def region_options() -> list[tuple[str, str]]:
    """(code, "Bretagne") for every région a field may hold (no COM), by name."""
    regions = geography().regions
    return sorted(((code, r.nom) for code, r in regions.items() if code in REGIONS), key=lambda o: _sort_key(o[1]))


def departement_options() -> list[tuple[str, str]]:
    """(code, "35 – Ille-et-Vilaine") for every département a field may hold, by code."""
    return [(code, f"{code} – {d.nom}") for code, d in sorted(geography().departements.items())
            if DEPARTEMENT.match(code)]


def departements_of_region(code: str) -> list[str]:
    """The codes of the départements of a région (none for an unknown code)."""
    return sorted(c for c, d in geography().departements.items() if d.region == code)


def slug_option(slug: str) -> tuple[str, str]:
    """(slug, French label) for a select or a check box."""
    return slug, labels.SLUG_LABELS.get(slug, slug)


def region_of(departement: str | None) -> str:
    """The name of the région of a département ("" when unknown)."""
    found = geography().departements.get(departement or "")
    region = geography().regions.get(found.region) if found else None
    return region.nom if region else ""


def place_names(departement: str | None) -> tuple[str, ...]:
    """The names of a département and of its région, for searching ("Bretagne" finds Rennes)."""
    found = geography().departements.get(departement or "")
    return tuple(n for n in (found.nom, region_of(departement)) if n) if found else ()


def _sort_key(text: str) -> str:
    """Ignoring accents and case ("Île-de-France" among the I)."""
    return fold(text)


def show(value: object, field_id: str = "") -> str:
    """A field value as a reviewer reads it, in French formats."""
    if value is None:
        return "Non renseigné"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, list):
        return " ; ".join(show(v) for v in value) if value else "Aucun"
    if isinstance(value, dict):
        name, code = value.get("nom", ""), value.get("code_insee") or value.get("siren")
        return f"{name} ({code})" if code else f"{name} (code non résolu)"
    kind = field_kind(field_id) if field_id else "text"
    if isinstance(value, str):
        if kind == "date":
            return date_fr(value)
        if kind == "phone":
            return phone_fr(value)
        if kind in ("region", "departement"):
            return _place(value, kind)
        if value in labels.SLUG_LABELS and field_id.split(".")[-1] in (
                "type", "echelle", "signataire_qualite", "thematiques", "programmes", ""):
            return labels.SLUG_LABELS[value]
    return str(value)


def _place(code: str, kind: str) -> str:
    table = geography().regions if kind == "region" else geography().departements
    found = table.get(code)
    return f"{found.nom} ({code})" if found else code
