"""The kinds of the audit trail's events, once. Stored as their string values (StrEnum): rows
written before this enum read the same, and a query may compare with either."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    """What happened to a dossier."""

    # Arrivals: something new makes a reading due (worker.core.progress.ARRIVALS)
    CREATED = "created"
    MESSAGE = "message"
    PIECES_UPLOADED = "pieces_uploaded"
    REPROCESS_REQUESTED = "reprocess_requested"
    JOINED = "joined"
    MERGED_INTO = "merged_into"
    # The pipeline's stages (worker.core.pipeline.STAGES) and their failures
    PIECES_READ = "pieces_read"
    PROCESSING_STARTED = "processing_started"
    UNDERSTOOD = "understood"
    ASSESSED = "assessed"
    QUEUE_DEFERRED = "queue_deferred"
    FAILED = "failed"
    PROCESSING_FAILED = "processing_failed"
    # Reviewers
    FIELD_CORRECTED = "field_corrected"
    DOCUMENT_KIND_OVERRIDDEN = "document_kind_overridden"
    VERDICT_OVERRIDDEN = "verdict_overridden"
    TRIAGE_DECIDED = "triage_decided"
    COMPLEMENTS_REQUESTED = "complements_requested"
    TAKEN = "taken"
    RELEASED = "released"
    ASSIGNED = "assigned"
    LABEL_ADDED = "label_added"
    LABEL_REMOVED = "label_removed"
    ARCHIVED = "archived"
    UNARCHIVED = "unarchived"
    # The outbox's mails
    MAIL_DRAFTED = "mail_drafted"
    MAIL_EDITED = "mail_edited"
    MAIL_RELEASED = "mail_released"
    MAIL_RETRIED = "mail_retried"
    MAIL_SENT = "mail_sent"
    MAIL_FAILED = "mail_failed"
    MAIL_UNCERTAIN = "mail_uncertain"


# Written for the audit trail (the database) and read by no code yet: the history shows the mails
# sent, failed or uncertain, not their drafts. tests/worker/test_events.py keeps this list exact.
AUDIT_ONLY = frozenset({EventKind.MAIL_DRAFTED, EventKind.MAIL_EDITED, EventKind.MAIL_RELEASED,
                        EventKind.MAIL_RETRIED})
