"""The filtered queue as a spreadsheet: one line per dossier, its triage columns then one column
per field id (French label and id), values and reasons in French; CSV for any tool, XLSX and ODS
(the État's office suite) with real dates, a frozen header and filters. File names carry the day
of the export."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date, datetime, timezone

from extractors.vocabulary import FIELD_IDS
from schemas import display
from schemas.api import field_kind
from schemas.completeness import MESSAGES as REASON_MESSAGES
from schemas.labels import DECISION_LABELS, FIELD_LABELS, PIECE_LABELS, STATE_LABELS, STATUS_LABELS
from service.filters import PARIS
from worker.instruction import review_queue

log = logging.getLogger(__name__)

COLUMNS = ("Dossier", "État", "Lecture", "Complet", "Lectures à vérifier", "Motifs", "Département", "Région",
           "Collectivité", "Reçu le", "Suivi par", "Décision")


def headers() -> list[str]:
    """The triage columns, then "Label (field id)" for every field of the domain."""
    return list(COLUMNS) + [f"{field_header(fid)} ({fid})" for fid in FIELD_IDS]


def field_header(field_id: str) -> str:
    """The field's French label, with its piece when the label alone is ambiguous ("Date")."""
    piece = field_id.split(".")[0]
    label = FIELD_LABELS.get(field_id, field_id)
    return f"{PIECE_LABELS[piece]} – {label}" if piece in PIECE_LABELS else label


def rows(store, page: review_queue.QueuePage) -> list[list]:
    """Typed cells (datetime for dates, int for counts): each writer formats them its way."""
    values = review_queue.field_values(store, [e.dossier_id for e in page.rows])
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


def file_name(extension: str, today: date | None = None, stem: str = "file-de-tri") -> str:
    """"file-de-tri-2026-12-04.xlsx": the day (in Paris) the export was made."""
    day = today or datetime.now(PARIS).date()
    return f"{stem}-{day.isoformat()}.{extension}"


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
    for title, width in (("Dossier", 18), ("Motifs", 60), ("Collectivité", 30), ("Reçu le", 17)):
        sheet.column_dimensions[_column_letter(COLUMNS.index(title) + 1)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_ods(cells: list[list]) -> bytes:
    """The same as an OpenDocument spreadsheet (odfpy): real dates, header frozen, filter buttons."""
    from odf import number, style, table
    from odf.opendocument import OpenDocumentSpreadsheet

    doc = OpenDocumentSpreadsheet()
    formats = {"jour": _ods_date_style(number, "jour", with_time=False),
               "horodatage": _ods_date_style(number, "horodatage", with_time=True)}
    for date_style in formats.values():
        doc.automaticstyles.addElement(date_style)
    cell_styles = {}
    for name in formats:
        cell_styles[name] = style.Style(name=f"cellule-{name}", family="table-cell", datastylename=name)
        doc.automaticstyles.addElement(cell_styles[name])
    sheet = table.Table(name="File de tri")
    sheet.addElement(table.TableHeaderRows())
    header = table.TableRow()
    for title in headers():
        header.addElement(_ods_cell(table, title, cell_styles))
    sheet.childNodes[0].addElement(header)
    for row in cells:
        line = table.TableRow()
        for value in sanitise(row):
            line.addElement(_ods_cell(table, value, cell_styles))
        sheet.addElement(line)
    doc.spreadsheet.addElement(sheet)
    ranges = table.DatabaseRanges()
    ranges.addElement(table.DatabaseRange(
        name="__Anonymous_Sheet_DB__0", displayfilterbuttons="true",
        targetrangeaddress=f"'File de tri'.A1:'File de tri'.{_column_letter(len(headers()))}{len(cells) + 1}"))
    doc.spreadsheet.addElement(ranges)
    _ods_freeze_header(doc)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _ods_date_style(number, name: str, with_time: bool):
    date_style = number.DateStyle(name=name)
    parts = [number.Day(style="long"), "/", number.Month(style="long"), "/", number.Year(style="long")]
    if with_time:
        parts += [" ", number.Hours(style="long"), ":", number.Minutes(style="long")]
    for part in parts:
        date_style.addElement(number.Text(text=part) if isinstance(part, str) else part)
    return date_style


def _ods_cell(table, value: object, styles: dict):
    from odf.text import P

    if isinstance(value, datetime):
        cell = table.TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"),
                               stylename=styles["horodatage"])
        shown = value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        cell = table.TableCell(valuetype="date", datevalue=value.isoformat(), stylename=styles["jour"])
        shown = value.strftime("%d/%m/%Y")
    elif isinstance(value, int):
        cell, shown = table.TableCell(valuetype="float", value=value), str(value)
    else:
        cell, shown = table.TableCell(valuetype="string"), str(value)
    for line in shown.splitlines() or [""]:
        cell.addElement(P(text=line))
    return cell


def _ods_freeze_header(doc) -> None:
    """LibreOffice's view settings: the first row and column stay in view."""
    from odf import config

    view = config.ConfigItemSet(name="ooo:view-settings")
    views = config.ConfigItemMapIndexed(name="Views")
    entry = config.ConfigItemMapEntry()
    entry.addElement(_config_item(config, "ViewId", "string", "view1"))
    tables = config.ConfigItemMapNamed(name="Tables")
    sheet = config.ConfigItemMapEntry(name="File de tri")
    for name, kind, value in (("HorizontalSplitMode", "short", "2"), ("VerticalSplitMode", "short", "2"),
                              ("HorizontalSplitPosition", "int", "1"), ("VerticalSplitPosition", "int", "1"),
                              ("ActiveSplitRange", "short", "2"), ("PositionLeft", "int", "0"),
                              ("PositionRight", "int", "1"), ("PositionTop", "int", "0"),
                              ("PositionBottom", "int", "1")):
        sheet.addElement(_config_item(config, name, kind, value))
    tables.addElement(sheet)
    entry.addElement(tables)
    views.addElement(entry)
    view.addElement(views)
    doc.settings.addElement(view)


def _config_item(config, name: str, kind: str, value: str):
    item = config.ConfigItem(name=name, type=kind)
    item.addText(value)
    return item


def _column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sanitise(row: list) -> list:
    """No formula injection: a cell starting with = + - @ is prefixed with a quote."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v for v in row]
