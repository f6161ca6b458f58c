"""The triage queue: every dossier with its state, filters, sort, search, counts; CSV and XLSX."""

from __future__ import annotations

import csv
import io
import logging
from datetime import datetime, timedelta, timezone

from flask import Blueprint, Response, current_app, g, render_template, request, url_for

from schemas import display
from schemas.completeness import MESSAGES as REASON_MESSAGES
from schemas.labels import DECISION_LABELS, STATE_LABELS, STATUS_LABELS
from service.security import requires
from worker import review
from worker.review import QueueQuery

log = logging.getLogger(__name__)

bp = Blueprint("queue", __name__)
EXPORT_LIMIT = 50_000
REFRESH_SECONDS = 2.0  # how stale the queue may be after the pipeline changed a dossier (reviewers' own
                       # changes refresh their line at once)
COLUMNS = ("Dossier", "État", "Lecture", "Complet", "Lectures à vérifier", "Motifs", "Département",
           "Collectivité", "Reçu le", "Suivi par", "Décision")


def parse_query(args) -> QueueQuery:
    """Filters from the query string; anything malformed is ignored rather than refused."""
    complete = {"oui": True, "non": False}.get(args.get("complet", ""))
    assignee = args.get("suivi") or None
    if assignee == "moi" and g.get("user") is not None:
        assignee = g.user.login
    return QueueQuery(
        state=args.get("etat") if args.get("etat") in STATE_LABELS else None,
        status=args.get("lecture") if args.get("lecture") in STATUS_LABELS else None,
        complete=complete, reason=args.get("motif") if args.get("motif") in REASON_MESSAGES else None,
        departement=(args.get("departement") or "").strip().upper()[:3] or None,
        region=args.get("region") if args.get("region") in dict(display.region_options()) else None,
        to_check={"oui": True, "non": False}.get(args.get("a_verifier", "")),
        assignee=assignee, text=(args.get("q") or "").strip()[:200] or None,
        received_from=_day(args.get("du")), received_to=_day(args.get("au"), end=True),
        sort=args.get("tri") if args.get("tri") in review.SORTS else "received_at",
        descending=args.get("ordre", "desc") != "asc",
        page=max(1, _int(args.get("page"), 1)), per_page=min(200, max(10, _int(args.get("par_page"), 50))),
    )


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _day(text: str | None, end: bool = False) -> datetime | None:
    try:
        day = datetime.strptime(text or "", "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return day + timedelta(days=1) if end else day


@bp.get("/")
@requires("lecteur")
def index():
    """The queue page."""
    query = parse_query(request.args)
    page = review.list_queue(current_app.extensions["guichet"].store, query, max_age=REFRESH_SECONDS)
    pages = max(1, -(-page.total // query.per_page))
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("queue/index.html", page=page, query=query, pages=pages, args=args,
                           reasons=REASON_MESSAGES, active="queue", regions=display.region_options(),
                           sort_url=lambda key: _sort_url(args, query, key))


def _sort_url(args: dict, query: QueueQuery, key: str) -> str:
    order = "asc" if query.sort == key and query.descending else "desc"
    return url_for("queue.index", **{**args, "tri": key, "ordre": order})


def _rows(page: review.QueuePage) -> list[list]:
    return [[e.dossier_id, STATE_LABELS.get(e.state, e.state), STATUS_LABELS.get(e.status, e.status),
             "oui" if e.complete else "non", page.to_check.get(e.dossier_id, 0),
             " ".join(e.reasons.split()), e.departement or "", e.collectivite,
             e.received_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if e.received_at.tzinfo
             else e.received_at.strftime("%Y-%m-%d %H:%M"),
             e.assignee or "", DECISION_LABELS.get(e.decision or "", "")] for e in page.rows]


def _export_rows() -> list[list]:
    query = parse_query(request.args)
    return _rows(review.list_queue(current_app.extensions["guichet"].store, query, limit=EXPORT_LIMIT))


@bp.get("/export.csv")
@requires("lecteur")
def export_csv():
    """The queue as CSV (filters applied), UTF-8 with BOM and semicolons, as French spreadsheets expect."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows(_sanitise(row) for row in _export_rows())
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=file-de-tri.csv"})


@bp.get("/export.xlsx")
@requires("lecteur")
def export_xlsx():
    """The queue as an Excel workbook (filters applied)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "File de tri"
    sheet.append(COLUMNS)
    for row in _export_rows():
        sheet.append(_sanitise(row))
    out = io.BytesIO()
    book.save(out)
    return Response(out.getvalue(),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": "attachment; filename=file-de-tri.xlsx"})


def _sanitise(row: list) -> list:
    """No formula injection: a cell starting with = + - @ is prefixed with a quote."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v for v in row]
