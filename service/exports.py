"""What leaves the UI as files: page images (ETag), the contract JSON, a ZIP of the originals.

None of them is kept by the browser (`Cache-Control: no-store`, set for every authenticated
response in service.security): personal data must not outlive the session in a cache."""

from __future__ import annotations

import io
import json
import logging
import re
import unicodedata
import zipfile

from flask import Blueprint, Response, abort, current_app, request, send_file

from service.queue_export import file_name
from service.render import WIDTHS, PageNotRendered, cached_page
from service.review import load_export
from service.security import requires
from worker.instruction import review

log = logging.getLogger(__name__)

bp = Blueprint("exports", __name__, url_prefix="/dossiers")


def _guichet():
    return current_app.extensions["guichet"]


@bp.get("/<dossier_id>/fichiers/<sha256>/pages/<int:number>.png")
@requires("lecteur")
def page_image(dossier_id: str, sha256: str, number: int):
    """One page as PNG; its content never changes, so its ETag answers 304 to a client that kept it."""
    width = request.args.get("l", type=int) or 900
    if width not in WIDTHS or not re.fullmatch(r"[0-9a-f]{64}", sha256):
        abort(404)
    etag = f"{sha256[:20]}-{number}-{width}"
    if etag in request.if_none_match:
        return _tagged(Response(status=304), etag)
    guichet = _guichet()
    if review.dossier_file(guichet.store, dossier_id, sha256) is None:
        abort(404)
    page = next((p for p in guichet.file_pages(sha256) if p.number == number), None)
    if page is None:
        abort(404)
    try:
        path = cached_page(guichet.web.page_cache_dir, guichet.store.blobs.path(page.render_sha256),
                           page.render_sha256, number, width)
    except PageNotRendered as exc:  # a page too costly to draw within the render child's limits
        log.warning("page image %s/%d not rendered: %s", sha256[:12], number, exc)
        abort(422)
    return _tagged(send_file(path, mimetype="image/png", conditional=False, etag=False), etag)


def _tagged(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    return response


@bp.get("/<dossier_id>.json")
@requires("lecteur")
def contract_json(dossier_id: str):
    """The dossier as the export contract says (dossier-export v1)."""
    export = load_export(dossier_id)
    body = json.dumps(export, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f"attachment; filename={file_name('json', stem=dossier_id)}"})


@bp.get("/<dossier_id>/originaux.zip")
@requires("lecteur")
def originals_zip(dossier_id: str):
    """The messages and files as received, with safe names, in one ZIP."""
    load_export(dossier_id)
    store = _guichet().store
    out = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for message in store.messages(dossier_id):
            archive.write(store.blobs.path(message.sha256), _unique("messages/" + safe_name(message.file_name, ".eml"), names))
        for file in store.files(dossier_id):
            if file.role in ("piece", "container") or file.message_row_id is None:
                archive.write(store.blobs.path(file.sha256), _unique("pieces/" + safe_name(file.name), names))
    out.seek(0)
    return send_file(out, mimetype="application/zip", as_attachment=True,
                     download_name=file_name("zip", stem=f"{dossier_id}-originaux"))


def safe_name(name: str, default_suffix: str = "") -> str:
    """A file name that cannot climb out of a folder or upset a file system: no separators,
    no control or bidi characters, no leading dots, at most 150 characters, the extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")  # U+202E: "fdp.png"
    name = name.replace("\\", "/").split("/")[-1]
    name = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "_", name).strip().lstrip(".").strip()
    if not name:
        name = "fichier" + default_suffix
    stem, dot, suffix = name.rpartition(".")
    if dot and len(suffix) <= 10:
        return stem[:140].rstrip() + "." + suffix
    return name[:150]


def _unique(path: str, names: set[str]) -> str:
    candidate, counter = path, 2
    while candidate in names:
        stem, dot, suffix = path.rpartition(".")
        candidate = f"{stem} ({counter}).{suffix}" if dot else f"{path} ({counter})"
        counter += 1
    names.add(candidate)
    return candidate
