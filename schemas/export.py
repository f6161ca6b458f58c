"""The export contract (dossier-export v1) as marshmallow schemas: the API's way out."""

from __future__ import annotations

import logging

from marshmallow import Schema, fields, validate

from extractors.vocabulary import DossierStatus, FieldStatus
from schemas.api import DECISIONS, PIECE_KINDS

log = logging.getLogger(__name__)

STATUSES = tuple(s.value for s in DossierStatus)
FIELD_STATUSES = tuple(s.value for s in FieldStatus)


class MessageSchema(Schema):
    """One e-mail of the dossier."""

    message_id = fields.String(required=True)
    sender = fields.String(required=True, attribute="from", data_key="from")
    subject = fields.String(required=True)
    date = fields.String(required=True, allow_none=True, metadata={"format": "date-time"})
    file = fields.String()
    sha256 = fields.String()


class FileErrorSchema(Schema):
    """Why a file could not be read."""

    code = fields.String(required=True)
    message = fields.String(required=True)


class DocumentSchema(Schema):
    """A piece: pages of one file, with its kind."""

    file = fields.String(required=True)
    sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    pages = fields.List(fields.Integer(validate=validate.Range(min=1)), required=True)
    kind = fields.String(required=True, validate=validate.OneOf(PIECE_KINDS))
    ocr = fields.Boolean(required=True)
    confidence = fields.Float()
    error = fields.Nested(FileErrorSchema)


class SourceSchema(Schema):
    """Where on which page a value was read; bbox in PDF points from the top-left corner."""

    file = fields.String(required=True)
    page = fields.Integer(required=True, validate=validate.Range(min=1))
    bbox = fields.List(fields.Float(), required=True, validate=validate.Length(equal=4))


class FieldSchema(Schema):
    """One field: value, confidence, source and review status."""

    value = fields.Raw(required=True, allow_none=True)
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1))
    source = fields.Nested(SourceSchema, required=True, allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(FIELD_STATUSES))


class ReasonSchema(Schema):
    """One failed completeness rule."""

    code = fields.String(required=True)
    detail = fields.String(required=True, allow_none=True)
    message = fields.String(required=True)


class PiecesSchema(Schema):
    """Which pieces are present."""

    fiche = fields.Boolean(required=True)
    courrier_collectivite = fields.Boolean(required=True)
    courrier_prefet = fields.Boolean(required=True)


class CompletenessSchema(Schema):
    """The completeness verdict."""

    complete = fields.Boolean(required=True)
    pieces = fields.Nested(PiecesSchema, required=True)
    reasons = fields.List(fields.Nested(ReasonSchema), required=True)


class OverrideSchema(Schema):
    """A completeness reason lifted by a reviewer."""

    code = fields.String(required=True)
    detail = fields.String(allow_none=True)
    reason = fields.String(required=True)
    by = fields.String(required=True)
    at = fields.String(required=True)


class TriageSchema(Schema):
    """The triage decision."""

    decision = fields.String(required=True, allow_none=True,
                             validate=validate.OneOf((None, *DECISIONS)))
    comment = fields.String(allow_none=True)
    by = fields.String(allow_none=True)
    at = fields.String(allow_none=True)
    overrides = fields.List(fields.Nested(OverrideSchema))


class DossierExportSchema(Schema):
    """One dossier, as `shared/contract/dossier-export.v1.schema.json` describes it."""

    version = fields.Integer(required=True, validate=validate.Equal(1))
    id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    messages = fields.List(fields.Nested(MessageSchema), required=True)
    documents = fields.List(fields.Nested(DocumentSchema), required=True)
    fields_ = fields.Dict(keys=fields.String(), values=fields.Nested(FieldSchema), required=True,
                          attribute="fields", data_key="fields")
    completeness = fields.Nested(CompletenessSchema, required=True)
    triage = fields.Nested(TriageSchema, required=True)

