"""Intake is durable and idempotent, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, select

from extractors.model import Part
from tests.conftest import SHARED
from worker.core.intake import intake_files, intake_message
from worker.persistence.db import FileRow, MessageRow, Original
from worker.persistence.store import Store

FORM = (SHARED / "forms" / "fiche-de-candidature-atelier-flash.pdf").read_bytes()


def mail(message_id: str, subject: str, *, reply_to: str | None = None, date: str = "Mon, 2 Mar 2026 10:00:00 +0100",
         attachments: dict[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "ddt@ille-et-vilaine.gouv.fr"
    msg["To"] = "atelier@developpement-durable.gouv.fr"
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = message_id
    if reply_to:
        msg["In-Reply-To"] = reply_to
        msg["References"] = reply_to
    msg.set_content("Bonjour, voici les pièces.")
    for name, data in (attachments or {}).items():
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return msg.as_bytes()


def count(store: Store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_same_message_twice_is_one_dossier(any_settings):
    store = Store(any_settings)
    raw = mail("<m1@ddt35.fr>", "Candidature Vitré", attachments={"fiche.pdf": FORM})
    first = intake_message(raw, "m1.eml", store=store, settings=any_settings)
    second = intake_message(raw, "m1.eml", store=store, settings=any_settings)
    assert first.dossier_id == second.dossier_id and not second.new
    assert (count(store, MessageRow), count(store, FileRow), count(store, Original)) == (1, 1, 1)


def test_original_is_stored_before_parsing_even_when_unparseable(any_settings):
    store = Store(any_settings)
    raw = b"From: x@y.fr\r\nSubject: \xff\xfe broken\r\nContent-Type: multipart/mixed\r\n\r\n--"
    intake = intake_message(raw, "broken.eml", store=store, settings=any_settings)
    with store.session() as s:
        original = s.scalar(select(Original))
    assert store.blobs.get(original.sha256) == raw
    assert store.dossier(intake.dossier_id) is not None


def test_reply_joins_the_thread_and_unrelated_mail_does_not(any_settings):
    store = Store(any_settings)
    first = intake_message(mail("<a@x>", "Candidature Atelier Flash – Commune de Vitré"), "a.eml",
                                    store=store, settings=any_settings)
    reply = intake_message(
        mail("<b@x>", "RE: Candidature Atelier Flash – Commune de Vitré", reply_to="<a@x>",
             date="Thu, 5 Mar 2026 10:00:00 +0100"), "b.eml", store=store, settings=any_settings)
    bare_subject = intake_message(
        mail("<c@x>", "TR: Candidature Atelier Flash – Commune de Vitré"), "c.eml",
        store=store, settings=any_settings)
    other = intake_message(mail("<d@x>", "Candidature – Commune de Fougères"), "d.eml",
                                    store=store, settings=any_settings)
    assert reply.dossier_id == first.dossier_id == bare_subject.dossier_id
    assert other.dossier_id != first.dossier_id


def test_same_file_twice_in_a_folder_is_one_file(any_settings):
    store = Store(any_settings)
    parts = [Part("fiche.pdf", FORM), Part("copie/fiche.pdf", FORM)]
    intake = intake_files(parts, "/depot", store=store, settings=any_settings)
    again = intake_files(parts, "/depot", store=store, settings=any_settings)
    assert intake.dossier_id == again.dossier_id
    assert count(store, FileRow) == 1


def test_blobs_are_content_addressed(settings):
    store = Store(settings)
    sha = store.blobs.put(b"abc")
    assert sha == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert store.blobs.path(sha) == Path(settings.storage_dir) / "ba" / "78" / sha
    assert store.blobs.put(b"abc") == sha
