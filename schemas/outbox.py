"""The API's shapes of the outbox: a mail as it stands, what an instructeur may change in it."""

from __future__ import annotations

import logging

from marshmallow import Schema, ValidationError, fields, validate, validates

from schemas.api import EMAIL

log = logging.getLogger(__name__)

STATUSES = ("draft", "queued", "connecting", "sending", "sent", "failed", "uncertain", "cancelled")
STATUS_LABELS = {"draft": "Brouillon", "queued": "À envoyer", "connecting": "Envoi en cours",
                 "sending": "Envoi en cours", "sent": "Envoyé", "failed": "En échec",
                 "uncertain": "Envoi incertain", "cancelled": "Annulé"}
KIND_LABELS = {"accuse": "Accusé de réception", "complements": "Demande de compléments",
               "decision": "Décision", "digest": "Résumé du jour"}


class OutboxMailSchema(Schema):
    """One mail of the outbox."""

    id = fields.Integer()
    dossier_id = fields.String()
    kind = fields.String(metadata={"enum": list(KIND_LABELS)})
    status = fields.String(metadata={"enum": list(STATUSES), "description":
                           "uncertain : interrompu pendant la remise au relais, jamais renvoyé de lui-même"})
    message_id = fields.String(metadata={"description": "Fixé avant l'envoi ; les réponses y renvoient."})
    in_reply_to = fields.String(allow_none=True)
    reference_ids = fields.List(fields.String(), data_key="references")
    recipients = fields.List(fields.String())
    subject = fields.String()
    body_text = fields.String(data_key="body")
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_by = fields.String()
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)


class OutboxEditSchema(Schema):
    """What an instructeur changes in an unsent mail (each key optional)."""

    recipients = fields.List(fields.String(validate=validate.Length(max=320)),
                             validate=validate.Length(min=1, max=50, error="Entre 1 et 50 destinataires."))
    subject = fields.String(validate=validate.Length(min=1, max=500))
    body = fields.String(validate=validate.Length(min=1, max=50000))

    @validates("recipients")
    def _addresses(self, value: list[str], **_kwargs) -> None:
        wrong = [a for a in value if not EMAIL.match(a.strip())]
        if wrong:
            raise ValidationError(f"Adresse(s) invalide(s) : {', '.join(wrong)}.")


class OutboxRetrySchema(Schema):
    """A new try; `force` sends again a mail whose sending was interrupted (administrateur)."""

    force = fields.Boolean(load_default=False)


class ThreadItemSchema(Schema):
    """One message of a dossier's thread, received (in) or sent (out)."""

    direction = fields.String(metadata={"enum": ["in", "out"]})
    sender = fields.String()
    recipients = fields.List(fields.String())
    date = fields.DateTime(allow_none=True)
    subject = fields.String()
    body = fields.String()
    message_id = fields.String()
    status = fields.String(allow_none=True)
    attachments = fields.List(fields.Dict(), metadata={"description": "name, sha256, size, pieces (rangs des pièces)"})
