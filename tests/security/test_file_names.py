"""Issue 12, low: bidi and other format characters were kept in file names, so that
"\u202egnp.pdf" (a right-to-left override, then "gnp.pdf") showed as "fdp.png". Every stored
name, from a mail, a zip or an upload, is now without Unicode format characters (category Cf)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from email.message import EmailMessage

from sqlalchemy import select

from extractors.model import Part
from service.exports import safe_name
from worker.core.intake import intake_files, intake_message
from worker.persistence.db import Original

HIDDEN = "\u202e\u200b\u200d\u2066\ufeff\u00ad"  # RLO, zero-width space and joiner, isolate, BOM, soft hyphen


def _visible(name: str) -> bool:
    return not any(unicodedata.category(c) == "Cf" for c in name)


def test_a_mail_attachment_named_with_a_right_to_left_override(store, settings):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "g@example.org", "Pièces"
    message["Message-ID"] = "<bidi@example.org>"
    message.set_content("Ci-joint.")
    message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="\u202egnp.pdf")
    message.add_attachment(b"PK fake", maintype="application", subtype="octet-stream",
                           filename=f"fi{HIDDEN}che.pdf")
    intake = intake_message(message.as_bytes(), "bidi.eml", store=store, settings=settings)
    names = sorted(f.name for f in store.files(intake.dossier_id))
    assert names == ["fiche.pdf", "gnp.pdf"]  # what the sender really sent: a .pdf, shown as such


def test_zip_members_and_uploaded_files(store, settings):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("dossier/\u202eexe.fdp", b"%PDF-1.4 inner")
    parts = [Part("depot\u202epiz.zip", out.getvalue()), Part(f"lettre{HIDDEN}.pdf", b"%PDF-1.4 letter")]
    intake = intake_files(parts, "bidi", store=store, settings=settings)
    names = {f.name for f in store.files(intake.dossier_id)}
    assert names == {"depotpiz.zip", "depotpiz.zip/dossier/exe.fdp", "lettre.pdf"}
    with store.session() as session:
        originals = session.scalars(select(Original.name)).all()
    assert sorted(originals) == ["depotpiz.zip", "lettre.pdf"]


def test_names_in_the_originals_zip_export():
    assert safe_name("\u202egnp.pdf") == "gnp.pdf"
    assert _visible(safe_name(f"a{HIDDEN}b.pdf"))
