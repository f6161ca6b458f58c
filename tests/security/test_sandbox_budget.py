"""Issue 12, Medium 7: nested zips each got a fresh budget; a mail with 20,000 parts became
20,000 blobs. One budget per input now covers every level of zips and attached messages."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from email.message import EmailMessage

from extractors.errors import ErrorCode
from extractors.model import Part
from worker.core.intake import intake_files, intake_message

MB = 1 << 20


def _nested(levels: int, filler: int) -> bytes:
    """A zip holding `filler` incompressible bytes and the next level, `levels` deep."""
    inner = b""
    for level in range(levels, 0, -1):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(f"annexe-{level}.bin", os.urandom(filler))
            if inner:
                archive.writestr(f"niveau-{level + 1}.zip", inner)
        inner = out.getvalue()
    return inner


def _codes(rows) -> set[str]:
    return {issue["code"] for row in rows for issue in row.issues}


def test_nested_zips_share_one_budget(store, settings):
    settings = replace(settings, limits=replace(settings.limits, max_unpacked_bytes=12 * MB, max_depth=6))
    data = _nested(levels=5, filler=2 * MB)  # each level alone fits in 12 MB; all of them do not
    intake = intake_files([Part("depot.zip", data)], "budget", store=store, settings=settings)
    files = store.files(intake.dossier_id)
    expanded = sum(f.size for f in files if f.parent_id is not None)
    assert expanded <= 12 * MB  # was 10 + 8 + 6 + 4 + 2 = 30 MB: a fresh budget per level
    assert _codes(files) & {ErrorCode.INPUT_TOO_LARGE.value, ErrorCode.ZIP_BOMB.value}


def test_a_mail_with_thousands_of_parts_stores_only_its_budget(store, settings):
    settings = replace(settings, limits=replace(settings.limits, max_zip_members=50))
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "guichet@example.org", "Pièces"
    message["Message-ID"] = "<many-parts@example.org>"
    message.set_content("Voir les pièces jointes.")
    for number in range(1500):
        message.add_attachment(b"%d" % number, maintype="application", subtype="octet-stream",
                               filename=f"p{number}.bin")
    intake = intake_message(message.as_bytes(), "many.eml", store=store, settings=settings)
    files = store.files(intake.dossier_id)
    assert len(files) <= 50
    [stored] = store.messages(intake.dossier_id)
    assert ErrorCode.INPUT_TOO_LARGE.value in {issue["code"] for issue in stored.issues}
