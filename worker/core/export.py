"""Build the contract's JSON for one dossier (dossier-export v1) from the stored rows."""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from extractors.model import READER_VERSION
from extractors.vocabulary import FIELD_IDS, PIECES
from worker.persistence.store import Store

log = logging.getLogger(__name__)


def export_dossier(store: Store, dossier_id: str) -> dict:
    """The dossier as `dossier-export.v1.schema.json` describes it."""
    dossier = store.dossier(dossier_id)
    files = {f.id: f for f in store.files(dossier_id)}
    fields = store.fields(dossier_id)
    return {
        "version": 1,
        "id": dossier.id,
        "status": dossier.status,
        "messages": [
            {"message_id": m.message_id, "from": m.sender, "subject": m.subject,
             "date": iso(m.date), "file": m.file_name, "sha256": m.sha256}
            for m in store.messages(dossier_id)
        ],
        "documents": [_document(d, files[d.file_id]) for d in store.documents(dossier_id)],
        "fields": {fid: _field(fields.get(fid)) for fid in FIELD_IDS},
        "completeness": dossier.completeness or {
            "complete": False,
            "pieces": {piece.value: False for piece in PIECES},
            "reasons": [],
        },
        "triage": dossier.triage or {"decision": None, "comment": None, "by": None, "at": None},
    }


def file_issues(store: Store, dossier_id: str) -> list[dict]:
    """Every problem met with the files and messages of a dossier, for index.json."""
    issues = []
    for message in store.messages(dossier_id):
        issues.extend(message.issues)
    for file in store.files(dossier_id):
        issues.extend(file.issues)
        reading = store.reading(file.sha256, READER_VERSION) if file.role == "piece" else None
        if reading is not None:
            issues.extend({**issue, "file": file.name} for issue in reading.issues)
    return _unique(issues)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC (naive values are UTC already)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _document(row, file) -> dict:
    document = {"file": file.name, "sha256": file.sha256, "pages": row.pages, "kind": row.kind,
                "ocr": row.ocr, "confidence": round(row.confidence, 3)}
    if row.error:
        document["error"] = row.error
    return document


def _field(row) -> dict:
    if row is None:
        return {"value": None, "confidence": 0.0, "source": None, "status": "missing"}
    return {"value": row.value, "confidence": row.confidence, "source": row.source, "status": row.status}


def _unique(issues: list[dict]) -> list[dict]:
    seen, out = set(), []
    for issue in issues:
        key = (issue["file"], issue["code"], issue["message"])
        if key not in seen:
            seen.add(key)
            out.append({"file": issue["file"], "code": issue["code"], "message": issue["message"]})
    return out
