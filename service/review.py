"""The dossier page: pieces and page images, fields by section, corrections, overrides, decision."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from extractors.vocabulary import FIELD_IDS, SECTIONS
from schemas.api import DocumentOverrideSchema, FieldCorrectionSchema, TriageDecisionSchema, VerdictOverrideSchema
from schemas.labels import SECTION_LABELS
from service import forms
from service.security import can, requires
from worker.core import progress
from worker.core.export import export_dossier
from worker.events import EventKind
from worker.instruction import review, team
from worker.persistence import accounts

log = logging.getLogger(__name__)

bp = Blueprint("review", __name__, url_prefix="/dossiers")
VIEWER_WIDTH = 900
# The mails in and out go in the history too, so that it tells the whole instruction.
MAIL_EVENTS = (EventKind.MESSAGE, EventKind.MAIL_SENT, EventKind.MAIL_FAILED, EventKind.MAIL_UNCERTAIN)


def _guichet():
    return current_app.extensions["guichet"]


def load_export(dossier_id: str) -> dict:
    """The contract JSON of a dossier, or 404."""
    store = _guichet().store
    if store.dossier(dossier_id) is None:
        raise review.NotFound(dossier_id)
    return export_dossier(store, dossier_id)


@dataclass
class Viewed:
    """The page shown in the viewer, and the box to highlight (PDF points)."""

    ordinal: int
    sha256: str
    page: review.Page
    bbox: list[float] | None = None
    field_id: str | None = None


@bp.get("/<dossier_id>")
@requires("lecteur")
def show(dossier_id: str):
    """Everything about one dossier on one page."""
    store = _guichet().store
    kept = store.merged_into(dossier_id)
    if kept != dossier_id:  # its messages were joined to the dossier of the same collectivité
        flash(f"Le dossier {dossier_id} a été rattaché à ce dossier (même collectivité).", "info")
        return redirect(url_for("review.show", dossier_id=kept), 301)
    entry = review.queue_entry(store, dossier_id)  # refreshed first; None: no such dossier
    if entry is None:
        raise review.NotFound(dossier_id)
    with store.shared_reads():  # some twenty reads, one transaction
        export = export_dossier(store, dossier_id)
        pieces = _pieces(_guichet(), export, review.piece_origins(store, dossier_id))
        to_review = [(fid, f) for fid, f in export["fields"].items() if f["status"] == "needs_review"]
        tables = [("a-verifier", f"À vérifier en priorité ({len(to_review)})", to_review)] if to_review else []
        tables += [(f"section-{sid}", SECTION_LABELS[sid],
                    sorted(((fid, export["fields"][fid]) for fid in ids),
                           key=lambda i: i[1]["status"] != "needs_review"))
                   for sid, ids in SECTIONS.items()]
        text = entry.request_text or review.request_text(export)
        return render_template(
            "dossier/show.html", export=export, pieces=pieces, viewed=_viewed(export, pieces, request.args),
            tables=tables, entry=entry, history=review.history(store, dossier_id, review.REVIEW_EVENTS + MAIL_EVENTS),
            mail_rows=_mail_rows(store, dossier_id), request_text=text,
            missing=review.missing_items(export), width=VIEWER_WIDTH, colleagues=colleagues(),
            progress=progress.reading_progress(store, dossier_id),
            labels=team.labels_of(store, [dossier_id])[dossier_id], all_labels=team.all_labels(store),
            annotations=team.annotations(store, dossier_id) if can("instructeur") else [],
            lifted={(o["code"], o.get("detail")) for o in export["triage"].get("overrides", [])})


def _mail_rows(store, dossier_id: str) -> dict:
    """What the history's mail lines name: received messages by Message-ID, sent ones by outbox id."""
    from worker.mail import outbox

    return {"in": {m.message_id: m for m in store.messages(dossier_id)},
            "out": {r.id: r for r in outbox.rows(store, dossier_id)}}


def _pieces(guichet, export: dict, origins: dict[str, review.Origin]) -> list[dict]:
    pieces = []
    for ordinal, document in enumerate(export["documents"]):
        by_number = {p.number: p for p in guichet.file_pages(document["sha256"])}
        pages = [by_number[n] for n in document["pages"] if n in by_number]
        pieces.append({"ordinal": ordinal, "document": document, "pages": pages,
                       "origin": origins.get(document["sha256"])})
    return pieces


def _viewed(export: dict, pieces: list[dict], args) -> Viewed | None:
    field_id = args.get("champ")
    source = export["fields"].get(field_id, {}).get("source") if field_id else None
    if source:
        for piece in pieces:
            for page in piece["pages"]:
                if piece["document"]["file"] == source["file"] and page.number == source["page"]:
                    return Viewed(piece["ordinal"], piece["document"]["sha256"], page,
                                  source["bbox"], field_id)
    ordinal = int(args["piece"]) if args.get("piece", "").isdigit() else 0
    number = int(args["page"]) if args.get("page", "").isdigit() else None
    for piece in pieces[ordinal:] + pieces[:ordinal]:
        for page in piece["pages"]:
            if number is None or page.number == number or piece["ordinal"] != ordinal:
                return Viewed(piece["ordinal"], piece["document"]["sha256"], page)
    return None


@bp.route("/<dossier_id>/champs/<field_id>", methods=["GET", "POST"])
@requires("instructeur")
def edit_field(dossier_id: str, field_id: str):
    """Correct one field; errors show inline, the change goes into the history."""
    if field_id not in FIELD_IDS or _guichet().store.dossier(dossier_id) is None:
        raise review.NotFound(field_id)
    errors, initial, reason = {}, None, ""
    if request.method == "POST":
        reason = request.form.get("reason", "")
        try:
            data = FieldCorrectionSchema().load({"field": field_id, "reason": reason,
                                                 "value": forms.form_value(field_id, request.form)})
        except ValidationError as exc:
            errors = exc.normalized_messages()
            initial = {k: request.form.getlist(k) if forms.input_spec(field_id)["widget"] == "checkboxes"
                       else request.form.get(k, "") for k in forms.form_initial(field_id, None)}
        else:
            change = review.correct_field(_guichet().store, dossier_id, field_id, data["value"],
                                          data["reason"], g.user.login)
            if change is None:
                flash("Valeur inchangée : rien n'est enregistré.", "info")
            else:
                flash("La correction est enregistrée.", "success")
            return redirect(url_for("review.show", dossier_id=dossier_id, champ=field_id,
                                    _anchor=f"ligne-{field_id.replace('.', '-')}"))
    export = load_export(dossier_id)
    current = export["fields"][field_id]
    events = [e for e in review.history(_guichet().store, dossier_id, (EventKind.FIELD_CORRECTED,))
              if e.data.get("field") == field_id]
    viewed = None
    if current.get("source"):  # the source box beside the form: what was read, where
        pieces = _pieces(_guichet(), export, {})
        viewed = _viewed(export, pieces, {"champ": field_id})
    return render_template("dossier/field.html", export=export, field_id=field_id, field=current,
                           viewed=viewed, width=VIEWER_WIDTH,
                           spec=forms.input_spec(field_id), errors=errors, reason=reason, events=events,
                           initial=initial or forms.form_initial(field_id, current["value"])), \
        (422 if errors else 200)


@bp.post("/<dossier_id>/suivre")
@requires("instructeur")
def take(dossier_id: str):
    """Follow the dossier, or stop following it."""
    load_export(dossier_id)
    follow = request.form.get("action") != "liberer"
    review.take(_guichet().store, dossier_id, g.user.login if follow else None)
    flash("Vous suivez ce dossier." if follow else "Vous ne suivez plus ce dossier.", "success")
    return redirect(url_for("review.show", dossier_id=dossier_id))


@bp.post("/<dossier_id>/attribuer")
@requires("instructeur")
def assign(dossier_id: str):
    """Give the dossier to a colleague (an active instructeur or administrateur) to follow."""
    load_export(dossier_id)
    login = request.form.get("assignee", "")
    if login not in dict(colleagues()):
        flash("Attribution refusée : choisissez un instructeur de la liste.", "error")
    else:
        review.assign(_guichet().store, dossier_id, login, g.user.login)
        flash(f"Le dossier est attribué à {dict(colleagues())[login]}.", "success")
    return redirect(url_for("review.show", dossier_id=dossier_id))


def colleagues(users: list | None = None) -> list[tuple[str, str]]:
    """(login, "Name (login)") of the active accounts who may follow a dossier (among `users`
    when the caller read them already)."""
    users = accounts.list_users(_guichet().store) if users is None else users
    return [(u.login, f"{u.name} ({u.login})" if u.name and u.name != u.login else u.login)
            for u in users if u.active and u.role in ("instructeur", "administrateur")]


@bp.post("/<dossier_id>/pieces/<int:ordinal>")
@requires("instructeur")
def override_piece(dossier_id: str, ordinal: int):
    """Reclassify a piece, with a reason."""
    load_export(dossier_id)
    try:
        data = DocumentOverrideSchema().load({"kind": request.form.get("kind", ""),
                                              "reason": request.form.get("reason", "").strip()})
    except ValidationError as exc:
        flash("Reclassement refusé : " + " ".join(_messages(exc)), "error")
    else:
        review.override_document(_guichet().store, dossier_id, ordinal, data["kind"], data["reason"],
                                 g.user.login)
        flash("Le type de la pièce est corrigé.", "success")
    return redirect(url_for("review.show", dossier_id=dossier_id, _anchor="pieces"))


@bp.post("/<dossier_id>/motifs")
@requires("instructeur")
def override_reason(dossier_id: str):
    """Lift one completeness reason, with a reason."""
    load_export(dossier_id)
    try:
        data = VerdictOverrideSchema().load({"code": request.form.get("code", ""),
                                             "detail": request.form.get("detail") or None,
                                             "reason": request.form.get("reason", "").strip()})
    except ValidationError as exc:
        flash("Levée du motif refusée : " + " ".join(_messages(exc)), "error")
    else:
        review.override_verdict(_guichet().store, dossier_id, data["code"], data["detail"],
                                data["reason"], g.user.login)
        flash("Le motif est levé.", "success")
    return redirect(url_for("review.show", dossier_id=dossier_id, _anchor="completude"))


@bp.post("/<dossier_id>/decision")
@requires("instructeur")
def decide(dossier_id: str):
    """The triage decision, with a comment; "à compléter" keeps the request text."""
    proposed = review.request_text(load_export(dossier_id))
    try:
        data = TriageDecisionSchema().load({"decision": request.form.get("decision", ""),
                                            "comment": request.form.get("comment", "")})
    except ValidationError as exc:
        flash("Décision non enregistrée : " + " ".join(_messages(exc)), "error")
        return redirect(url_for("review.show", dossier_id=dossier_id, _anchor="decision"))
    refused = _unconfirmed_eligibility(dossier_id, data)
    if refused:
        flash(refused, "error")
        return redirect(url_for("review.show", dossier_id=dossier_id, _anchor="decision"))
    text = request.form.get("request_text", "").strip() or None
    review.decide(_guichet().store, dossier_id, data["decision"], data["comment"], g.user.login, text)
    from worker.mail import outbox

    mail = outbox.draft_for_decision(_guichet().store, _guichet().settings, dossier_id, data["decision"],
                                     data["comment"], g.user.login)
    if data["decision"] == "a_completer" and text and " ".join(text.split()) != " ".join(proposed.split()):
        # the instructeur rewrote the request in the decision form: that is the text to send
        outbox.edit(_guichet().store, mail.id, actor=g.user.login, body=text)
    flash("La décision est enregistrée. Le courriel aux porteurs est prêt : vérifiez-le puis envoyez-le.",
          "success")
    return redirect(url_for("review.show", dossier_id=dossier_id, _anchor="courriels"))


def _unconfirmed_eligibility(dossier_id: str, data: dict) -> str | None:
    """"Éligible" on a dossier with open reasons needs the reviewer's confirmation and a reason."""
    if data["decision"] != "eligible":
        return None
    entry = review.queue_entry(_guichet().store, dossier_id)
    if entry is None or entry.complete:
        return None
    if request.form.get("confirmer") != "oui":
        return ("Décision non enregistrée : ce dossier est incomplet. Pour le déclarer éligible, cochez la "
                "confirmation et indiquez pourquoi dans le commentaire.")
    if not data["comment"].strip():
        return "Décision non enregistrée : indiquez dans le commentaire pourquoi ce dossier incomplet est éligible."
    return None


@bp.post("/<dossier_id>/relire")
@requires("administrateur")
def reprocess(dossier_id: str):
    """Read the dossier again (corrections are kept)."""
    load_export(dossier_id)
    guichet = _guichet()
    review.note_reprocess(guichet.store, dossier_id, g.user.login)
    from service import jobs

    jobs.schedule_processing(guichet.store, guichet.settings, dossier_id)
    flash("Le dossier va être relu ; les corrections sont conservées.", "info")
    return redirect(url_for("review.show", dossier_id=dossier_id))


def _messages(exc: ValidationError) -> list[str]:
    out = []
    for value in exc.normalized_messages().values():
        out.extend(value if isinstance(value, list) else [str(value)])
    return [str(m) for m in out]
