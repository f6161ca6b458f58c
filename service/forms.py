"""HTML form inputs to field values and back; validation itself is schemas.api's."""

from __future__ import annotations

import logging

from werkzeug.datastructures import MultiDict

from extractors.vocabulary import AUCUN
from schemas import display
from schemas.api import choices, field_kind

log = logging.getLogger(__name__)

BOOL_CHOICES = (("oui", "Oui"), ("non", "Non"), ("", "Non renseigné"))


def form_value(field_id: str, form: MultiDict) -> object:
    """What the reviewer typed, as the JSON value the schema validates (None: unanswered)."""
    kind = field_kind(field_id)
    if kind == "bool":
        return {"oui": True, "non": False}.get(form.get("value", ""))
    if kind == "slugs":
        picked = [v for v in form.getlist("value") if v]
        if AUCUN in picked:
            return []
        return picked or None
    if kind == "communes":
        return _communes(form.get("value", "")) or None
    if kind == "epci":
        nom, siren = form.get("value_nom", "").strip(), form.get("value_siren", "").strip()
        return {"nom": nom, "siren": siren or None} if nom or siren else None
    text = form.get("value", "")
    return text if text.strip() else None


def _communes(text: str) -> list[dict]:
    communes = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _, code = line.partition(";")
        communes.append({"nom": name.strip(), "code_insee": code.strip() or None})
    return communes


def form_initial(field_id: str, value: object) -> dict:
    """The inputs' initial contents for a value."""
    kind = field_kind(field_id)
    if kind == "bool":
        return {"value": "" if value is None else ("oui" if value else "non")}
    if kind == "slugs":
        return {"value": [AUCUN] if value == [] else list(value or [])}
    if kind == "communes":
        lines = [f"{c.get('nom', '')} ; {c.get('code_insee') or ''}".rstrip(" ;") for c in value or []
                 if isinstance(c, dict)]
        return {"value": "\n".join(lines)}
    if kind == "epci":
        value = value if isinstance(value, dict) else {}
        return {"value_nom": value.get("nom", ""), "value_siren": value.get("siren") or ""}
    if kind == "date" and isinstance(value, str):
        return {"value": display.date_fr(value)}
    if kind == "phone" and isinstance(value, str):
        return {"value": display.phone_fr(value)}
    return {"value": "" if value is None else str(value)}


def input_spec(field_id: str) -> dict:
    """How the edit form asks for this field: widget, input type, choices, hint."""
    kind = field_kind(field_id)
    # Dates are typed as text: a native date picker sends nothing for an impossible date (31/02).
    hints = {"date": "Format : jj/mm/aaaa, par ex. 03/12/2026",
             "phone": "Format : 04 75 22 03 03 (ou +33 4 75 22 03 03 depuis l'étranger)",
             "email": "Format : nom@domaine.fr",
             "communes": "Une commune par ligne : « Nom ; code INSEE » (code facultatif)"}
    types = {"email": "email", "phone": "tel"}
    widget = {"bool": "radios", "slug": "select", "slugs": "checkboxes", "communes": "textarea",
              "epci": "epci", "region": "place", "departement": "place"}.get(kind, "input")
    if kind == "text" and field_id.split(".")[0] in ("s3", "s4", "s5", "a1", "a2", "s1") and \
            field_id not in ("s3.intitule",) and not field_id.startswith("s1."):
        widget = "textarea"
    options = [display.slug_option(o) for o in choices(field_id)]
    if field_id == "s3.programmes":
        options.append(display.slug_option(AUCUN))
    if kind == "region":
        options = display.region_options()
    elif kind == "departement":
        options = display.departement_options()
    return {"kind": kind, "widget": widget, "type": types.get(kind, "text"), "hint": hints.get(kind),
            "options": options}
