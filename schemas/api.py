"""The API's way in: a reviewer's correction of a field, a triage decision, an override, validated."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from extractors.vocabulary import BOOLEANS, FIELD_IDS, SLUG_LISTS, SLUGS, Decision, PieceKind
from schemas import values

log = logging.getLogger(__name__)

REGIONS = ("01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75",
           "76", "84", "93", "94")
DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$")
ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
FRENCH_DATE = re.compile(r"(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})\s*[/.]\s*(?P<y>\d{4})")
PHONE_TEXT = re.compile(r"\+?[\d\s.\-()\u00a0]{8,25}")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
SIREN = re.compile(r"^\d{9}$")
PIECE_KINDS = tuple(k.value for k in PieceKind)
DECISIONS = tuple(d.value for d in Decision)


def field_kind(field_id: str) -> str:
    """How a field's value is written: text, date, email, phone, bool, slug, slugs, communes, epci…"""
    special = {"s2.communes": "communes", "s2.epci": "epci", "s2.region": "region",
               "s2.departement": "departement", "courrier_prefet.departement": "departement"}
    if field_id in special:
        return special[field_id]
    if field_id in SLUGS:
        return "slug"
    if field_id in SLUG_LISTS:
        return "slugs"
    if field_id in BOOLEANS:
        return "bool"
    if field_id.endswith(".date"):
        return "date"
    if field_id.endswith("_email"):
        return "email"
    if field_id.endswith("_telephone"):
        return "phone"
    return "text"


def choices(field_id: str) -> tuple[str, ...]:
    """The allowed slugs of a check-box or list field."""
    return SLUGS.get(field_id) or SLUG_LISTS.get(field_id) or ()


def collapse(text: str) -> str:
    """Trimmed, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class CommuneSchema(Schema):
    """One commune of section 2."""

    nom = fields.String(required=True, validate=validate.Length(min=1, max=200))
    code_insee = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(
        INSEE, error="Code INSEE invalide (5 caractères, par ex. 35360 ou 2A004)."))


class EpciSchema(Schema):
    """The EPCI of section 2."""

    nom = fields.String(required=True, validate=validate.Length(min=1, max=300))
    siren = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(
        SIREN, error="SIREN invalide (9 chiffres)."))


def normalise_value(field_id: str, value: object) -> object:
    """The value in its contract form, or ValidationError with a French message; None stays None."""
    if value is None:
        return None
    kind = field_kind(field_id)
    return _NORMALISERS[kind](field_id, value)


def _text(_fid: str, value: object) -> str:
    if not isinstance(value, str) or not collapse(value):
        raise ValidationError("Saisissez un texte (ou laissez vide pour « non renseigné »).")
    if len(value) > 20000:
        raise ValidationError("Texte trop long (20 000 caractères au plus).")
    return collapse(value)


def _date(_fid: str, value: object) -> str:
    """ISO (the contract's form) or French day-first as typed by a reviewer: "03/12/2026"."""
    text = str(value).strip()
    iso, french = ISO_DATE.fullmatch(text), FRENCH_DATE.fullmatch(text)
    parts = (iso["y"], iso["m"], iso["d"]) if iso else (french["y"], french["m"], french["d"]) if french else None
    if parts is None:
        raise ValidationError("Date invalide : format attendu jj/mm/aaaa (par ex. 03/12/2026).")
    try:
        return date(*(int(p) for p in parts)).isoformat()
    except ValueError:
        raise ValidationError(f"Date invalide : le {text} n'existe pas dans le calendrier.") from None


def _email(_fid: str, value: object) -> str:
    text = str(value).strip().lower()
    if not EMAIL.match(text) or len(text) > 320:
        raise ValidationError("Adresse électronique invalide.")
    return text


def _phone(_fid: str, value: object) -> str:
    """The pipeline's own normaliser (territory from the prefix), on a value that is a number only."""
    text = str(value).strip()
    found = values.normalise_phone(text) if PHONE_TEXT.fullmatch(text) else None
    if found is None:
        raise ValidationError("Numéro de téléphone invalide : format attendu 04 75 22 03 03 "
                              "(ou +33 4 75 22 03 03).")
    return found


def _bool(_fid: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError("Valeur attendue : oui ou non.")
    return value


def _slug(field_id: str, value: object) -> str:
    if value not in SLUGS[field_id]:
        raise ValidationError(f"Valeur attendue : {', '.join(SLUGS[field_id])}.")
    return value


def _slugs(field_id: str, value: object) -> list[str]:
    allowed = SLUG_LISTS[field_id]
    if not isinstance(value, list) or any(v not in allowed for v in value):
        raise ValidationError(f"Valeurs attendues parmi : {', '.join(allowed)}.")
    return [slug for slug in allowed if slug in value]  # the form's order, no duplicates


def _communes(_fid: str, value: object) -> list[dict]:
    if not isinstance(value, list) or not value:
        raise ValidationError("Indiquez au moins une commune.")
    return CommuneSchema(many=True).load(value)


def _epci(_fid: str, value: object) -> dict:
    if not isinstance(value, dict):
        raise ValidationError("Indiquez le nom de l'EPCI et son SIREN.")
    return EpciSchema().load(value)


def _departement(_fid: str, value: object) -> str:
    text = str(value).strip().upper()
    text = text.zfill(2) if text.isdigit() and len(text) == 1 else text
    if not DEPARTEMENT.match(text):
        raise ValidationError("Code de département invalide (par ex. 35, 2A, 974).")
    return text


def _region(_fid: str, value: object) -> str:
    text = str(value).strip()
    if text not in REGIONS:
        raise ValidationError("Code de région invalide (par ex. 53 pour la Bretagne).")
    return text


_NORMALISERS = {"text": _text, "date": _date, "email": _email, "phone": _phone, "bool": _bool,
                "slug": _slug, "slugs": _slugs, "communes": _communes, "epci": _epci,
                "departement": _departement, "region": _region}


class FieldPatchSchema(Schema):
    """Body of PATCH /api/dossiers/<id>/fields/<field id>."""

    value = fields.Raw(required=True, allow_none=True,
                       metadata={"description": "Nouvelle valeur, au format du contrat (null : non renseigné)."})
    reason = fields.String(load_default="", validate=validate.Length(max=2000))


class FieldCorrectionSchema(FieldPatchSchema):
    """A correction: which field, its new value (validated per field id), and why."""

    field = fields.String(required=True, validate=validate.OneOf(FIELD_IDS, error="Champ inconnu."))

    @validates_schema
    def _value_fits_field(self, data: dict, **_kwargs) -> None:
        try:
            data["value"] = normalise_value(data["field"], data.get("value"))
        except ValidationError as exc:
            raise ValidationError(exc.messages, field_name="value") from exc


class TriageDecisionSchema(Schema):
    """The instructeur's decision on a dossier."""

    decision = fields.String(required=True, validate=validate.OneOf(
        DECISIONS, error="Décision attendue : eligible, a_completer ou non_eligible."))
    comment = fields.String(load_default="", validate=validate.Length(max=5000))

    @validates_schema
    def _comment_when_refused(self, data: dict, **_kwargs) -> None:
        if data.get("decision") == "non_eligible" and not collapse(data.get("comment") or ""):
            raise ValidationError("Motivez une décision de non-éligibilité.", field_name="comment")


class DocumentOverrideSchema(Schema):
    """A reviewer's reclassification of a piece."""

    kind = fields.String(required=True, validate=validate.OneOf(PIECE_KINDS, error="Type de pièce inconnu."))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000,
                                                                   error="Indiquez le motif."))


class VerdictOverrideSchema(Schema):
    """A reviewer lifting one completeness reason, with the reason why."""

    code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    detail = fields.String(load_default=None, allow_none=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000,
                                                                   error="Indiquez le motif."))
