"""The triage queue: every dossier with its state, filters, sort, search, counts; CSV and XLSX."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from flask import Blueprint, Response, current_app, g, render_template, request, url_for

from schemas import display
from schemas.completeness import MESSAGES as REASON_MESSAGES
from schemas.labels import STATE_LABELS, STATUS_LABELS
from service import queue_export
from service.review import colleagues
from service.security import requires
from worker.instruction import review_queue, team
from worker.instruction.review_queue import QueueQuery
from worker.persistence import accounts

log = logging.getLogger(__name__)

bp = Blueprint("queue", __name__)
EXPORT_LIMIT = 50_000
REFRESH_SECONDS = 2.0  # how stale the queue may be after the pipeline changed a dossier (reviewers' own
                       # changes refresh their line at once)


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
        assignee=assignee, label=(args.get("etiquette") or "").strip()[:60] or None,
        archived={"oui": True, "tous": None}.get(args.get("archive", ""), False),
        text=(args.get("q") or "").strip()[:200] or None,
        received_from=_day(args.get("du")), received_to=_day(args.get("au"), end=True),
        sort=args.get("tri") if args.get("tri") in review_queue.SORTS else "received_at",
        descending=args.get("ordre", "desc") != "asc",
        page=max(1, _int(args.get("page"), 1)), per_page=min(200, max(10, _int(args.get("par_page"), 50))),
    )


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _day(text: str | None, end: bool = False) -> datetime | None:
    """A day typed jj/mm/aaaa (or ISO, from older links); an impossible one filters nothing."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime((text or "").strip(), pattern).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
        return day + timedelta(days=1) if end else day
    return None


@bp.get("/")
@requires("lecteur")
def index():
    """The queue page."""
    query = parse_query(request.args)
    store = current_app.extensions["guichet"].store
    review_queue.refresh_due(store, REFRESH_SECONDS)
    with store.session() as s:  # one transaction (one connection) for all the page reads
        page = review_queue.queue_in(s, query)
        labels = team.labels_in(s, [e.dossier_id for e in page.rows])
        label_names = team.all_labels_in(s)
        views = team.views_in(s, g.user.login)
        users = accounts.users_in(s)
    pages = max(1, -(-page.total // query.per_page))
    args = {k: v for k, v in request.args.items() if k != "page"}
    errors = {k: "Date invalide, non appliquée : format attendu jj/mm/aaaa (par ex. 03/12/2026)."
              for k in ("du", "au") if (args.get(k) or "").strip() and _day(args[k]) is None}
    return render_template("queue/index.html", page=page, query=query, pages=pages, args=args, errors=errors,
                           reasons=REASON_MESSAGES, active="queue", regions=display.region_options(),
                           colleagues=colleagues(users), labels=labels,
                           label_options=[(name, name) for name in label_names],
                           views=views,
                           view_args=team.view_args,
                           sort_url=lambda key: _sort_url(args, query, key))


def _sort_url(args: dict, query: QueueQuery, key: str) -> str:
    order = "asc" if query.sort == key and query.descending else "desc"
    return url_for("queue.index", **{**args, "tri": key, "ordre": order})


def _export_cells() -> list[list]:
    store = current_app.extensions["guichet"].store
    return queue_export.rows(store, review_queue.list_queue(store, parse_query(request.args), limit=EXPORT_LIMIT))


@bp.get("/export.csv")
@requires("lecteur")
def export_csv():
    """The queue as CSV (filters applied), one column per field."""
    return Response(queue_export.to_csv(_export_cells()), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={queue_export.file_name('csv')}"})


@bp.get("/export.xlsx")
@requires("lecteur")
def export_xlsx():
    """The queue as an Excel workbook (filters applied), one column per field."""
    return Response(queue_export.to_xlsx(_export_cells()),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename={queue_export.file_name('xlsx')}"})


@bp.get("/export.ods")
@requires("lecteur")
def export_ods():
    """The queue as an OpenDocument spreadsheet (filters applied), one column per field."""
    return Response(queue_export.to_ods(_export_cells()), mimetype="application/vnd.oasis.opendocument.spreadsheet",
                    headers={"Content-Disposition": f"attachment; filename={queue_export.file_name('ods')}"})
