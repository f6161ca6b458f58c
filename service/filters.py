"""Jinja filters and globals: French dates, field values as text, confidence levels, labels."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import Flask

from schemas import display, labels
from schemas.display import show

log = logging.getLogger(__name__)

PARIS = ZoneInfo("Europe/Paris")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def install(app: Flask) -> None:
    """Make the filters and the label tables available to every template."""
    app.jinja_env.filters.update(date_fr=date_fr, datetime_fr=datetime_fr, show=show,
                                 confidence_level=confidence_level, percent=percent,
                                 reject_key=reject_key, slug_option=slug_option)
    app.jinja_env.globals.update(
        FIELD_LABELS=labels.FIELD_LABELS, SECTION_LABELS=labels.SECTION_LABELS,
        PIECE_LABELS=labels.PIECE_LABELS, DECISION_LABELS=labels.DECISION_LABELS,
        STATUS_LABELS=labels.STATUS_LABELS, FIELD_STATUS_LABELS=labels.FIELD_STATUS_LABELS,
        STATE_LABELS=labels.STATE_LABELS, ROLE_LABELS=labels.ROLE_LABELS, SLUG_LABELS=labels.SLUG_LABELS,
    )


def _local(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(PARIS)


def date_fr(value) -> str:
    """"12 mars 2026"."""
    local = _local(value)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}" if local else "—"


def datetime_fr(value) -> str:
    """"12/03/2026 à 14 h 05"."""
    local = _local(value)
    return f"{local:%d/%m/%Y} à {local.hour} h {local:%M}" if local else "—"


def confidence_level(confidence: float | None, status: str = "") -> str:
    """DSFR badge variant: corrected is info; then green / orange / red by confidence."""
    if status == "corrected":
        return "info"
    if status == "missing":
        return "new"
    if status == "needs_review":
        return "error" if (confidence or 0) < 0.6 else "warning"
    if confidence is None or confidence < 0.6:
        return "error"
    return "success" if confidence >= 0.9 else "warning"


def percent(value: float | None) -> str:
    """0.923 → "92 %"."""
    return f"{round((value or 0) * 100)} %"


def reject_key(args: dict, key: str) -> dict:
    """The query arguments without one key (and without the page number)."""
    return {k: v for k, v in args.items() if k not in (key, "page")}


def slug_option(slug: str) -> tuple[str, str]:
    """(slug, French label) for a select or a check box."""
    return display.slug_option(slug)
