"""The filtered queue as a spreadsheet: one line per dossier, its triage columns then one column
per field id (French label and id), values and reasons in French; CSV for any tool, XLSX with
real dates, a frozen header and filters. File names carry the day of the export."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date, datetime, timezone

from schemas import display
from schemas.api import field_kind
from schemas.completeness import MESSAGES as REASON_MESSAGES
from schemas.fields import FIELD_IDS
from schemas.labels import DECISION_LABELS, FIELD_LABELS, PIECE_LABELS, STATE_LABELS, STATUS_LABELS
from service.filters import PARIS
from worker import review

log = logging.getLogger(__name__)

COLUMNS = ("Dossier", "État", "Lecture", "Complet", "Lectures à vérifier", "Motifs", "Département", "Région",
           "Collectivité", "Reçu le", "Suivi par", "Décision")
RECEIVED = COLUMNS.index("Reçu le")


def headers() -> list[str]:
    """The triage columns, then "Label (field id)" for every field of the domain."""
    return list(COLUMNS) + [f"{field_header(fid)} ({fid})" for fid in FIELD_IDS]


def field_header(field_id: str) -> str:
    """The field's French label, with its piece when the label alone is ambiguous ("Date")."""
    piece = field_id.split(".")[0]
    label = FIELD_LABELS.get(field_id, field_id)
    return f"{PIECE_LABELS[piece]} – {label}" if piece in PIECE_LABELS else label


def rows(store, page: review.QueuePage) -> list[list]:
    """Typed cells (datetime for dates, int for counts): each writer formats them its way."""
    values = review.field_values(store, [e.dossier_id for e in page.rows])
    out = []
    for e in page.rows:
        region = display.region_of(e.departement)
        line = [e.dossier_id, STATE_LABELS.get(e.state, e.state), STATUS_LABELS.get(e.status, e.status),
                "oui" if e.complete else "non", page.to_check.get(e.dossier_id, 0),
                " ; ".join(REASON_MESSAGES.get(code, code) for code in e.reasons.split()),
                e.departement or "", region, e.collectivite, _local(e.received_at),
                e.assignee or "", DECISION_LABELS.get(e.decision or "", "")]
        fields = values.get(e.dossier_id, {})
        out.append(line + [_cell(fid, fields.get(fid)) for fid in FIELD_IDS])
    return out


def _cell(field_id: str, value: object) -> object:
    if value is None:
        return ""
    if field_kind(field_id) == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return display.show(value, field_id)


def _local(moment: datetime) -> datetime:
    """Paris wall-clock time, without zone (spreadsheets have none)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(PARIS).replace(tzinfo=None)


def file_name(extension: str, today: date | None = None) -> str:
    """"file-de-tri-2026-12-04.xlsx": the day (in Paris) the export was made."""
    day = today or datetime.now(PARIS).date()
    return f"file-de-tri-{day.isoformat()}.{extension}"


def to_csv(cells: list[list]) -> str:
    """UTF-8 with BOM and semicolons, as French spreadsheets expect; one line per dossier."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers())
    for row in cells:
        writer.writerow(sanitise([_csv_text(v) for v in row]))
    return "\ufeff" + out.getvalue()


def _csv_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return " / ".join(part.strip() for part in value.splitlines() if part.strip())
    return value


def to_xlsx(cells: list[list]) -> bytes:
    """A workbook whose dates are dates (sortable, filterable), header frozen, filters on."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "File de tri"
    sheet.append(headers())
    for row in cells:
        sheet.append(sanitise(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "B2"  # the header and the dossier number stay in view
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in (("A", 18), ("F", 60), ("I", 30), ("J", 17)):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sanitise(row: list) -> list:
    """No formula injection: a cell starting with = + - @ is prefixed with a quote."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v for v in row]
