"""Outlook's own formats: `.msg` messages and winmail.dat (TNEF), read like the .eml they stand for."""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from extractors import mail, sniff
from extractors.errors import ErrorCode
from extractors.model import FileKind, Part
from tests.conftest import ROOT, SHARED
from tests.contract import validate_export
from tests.outlook_writer import Attachment, OutlookMessage, TnefFile, write_cfb, write_msg, write_tnef
from worker.core import pipeline
from worker.core.context import make_context
from worker.core.export import export_dossier
from worker.core.intake import intake_files, intake_message
from worker.persistence.store import Store

CORPUS = SHARED / "robustness" / "mail"
OUTLOOK_FILES = sorted([*CORPUS.glob("*.msg"), *CORPUS.glob("*.tnef")])
SAMPLE = ROOT / "samples" / "01_pdf_numeriques" / "input"
PIECES = {  # the fiche and both letters of a complete sample dossier
    "Fiche_candidature_AtelierFlash_Combourg.pdf": (SAMPLE / "Fiche_candidature_AtelierFlash_Combourg.pdf").read_bytes(),
    "Courrier_soutien_Maire_Combourg.pdf": (SAMPLE / "Courrier_soutien_Maire_Combourg.pdf").read_bytes(),
    "2026-03-16_courrier_prefet_35.pdf": (SAMPLE / "2026-03-16_courrier_prefet_35.pdf").read_bytes(),
}
DATE = "Mon, 16 Mar 2026 10:00:00 +0100"


# The corpus ------------------------------------------------------------------

def test_every_outlook_file_of_the_corpus_is_a_message():
    assert len(OUTLOOK_FILES) >= 8
    for path in OUTLOOK_FILES:
        assert sniff.sniff(path.read_bytes()) in (FileKind.EMAIL, FileKind.MSG, FileKind.TNEF), path.name
    real_msg = [p.name for p in OUTLOOK_FILES if sniff.sniff(p.read_bytes()) is FileKind.MSG]
    assert real_msg == ["unstructured__fake-email-attachment.msg", "unstructured__fake-email-with-cc-and-bcc.msg",
                        "unstructured__fake-encrypted.msg"]


def test_msg_of_the_corpus_gives_its_internet_headers_body_and_attachment():
    message = mail.read_message((CORPUS / "unstructured__fake-email-attachment.msg").read_bytes(), name="fake.msg")
    assert message.message_id.startswith("<CAPgNNXSzLVJ-d1OCX_TjFgJU7ugtQrjFybPtAMmmYZzphxNFYg@")
    assert (message.sender, message.subject) == ("mallori@unstructured.io", "Fake email with attachment")
    assert message.date is not None and message.date.isoformat() == "2022-12-23T12:08:48-06:00"
    assert "Here's the attachments!" in message.body_text
    [attachment] = message.parts
    assert attachment.name == "fake-attachment.txt" and attachment.content_type == "text/plain"
    assert attachment.data.startswith(b"Hey this is a fake attachment")
    assert message.issues == ()


def test_tnef_of_the_corpus_gives_its_jpeg_and_its_rtf_body():
    message = mail.read_message((CORPUS / "mimekit__christmas.tnef").read_bytes(), name="christmas.tnef")
    pictures = [p for p in message.parts if p.name == "kitten-playing-with-a-christmas-tree.jpg"]
    assert pictures and all(sniff.sniff(p.data) is FileKind.IMAGE for p in pictures)
    assert "Christmas to remember" in message.body_text  # the RTF body, decompressed and turned to text
    # "Untitled Attachment" entries are TNEF streams themselves: opened, kept as containers.
    assert [p.container for p in message.parts if p.name == "Untitled Attachment"] == [True, True]
    names = [p.name for p in mail.read_message((CORPUS / "mimekit__missing-filenames.tnef").read_bytes()).parts]
    assert names == ["generpts.src", "TechlibDEC99.doc", "TechlibDEC99-JAN00.doc", "TechlibNOV99.doc"]


def test_the_inner_attachment_of_a_corpus_msg_becomes_a_document(store, settings, engine, cog):
    raw = (CORPUS / "unstructured__fake-email-attachment.msg").read_bytes()
    intake = intake_message(raw, "fake.msg", store=store, settings=settings)
    pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    export = export_dossier(store, intake.dossier_id)
    validate_export(export)
    assert [m["file"] for m in export["messages"]] == ["fake.msg"]
    assert [d["file"] for d in export["documents"]] == ["fake-attachment.txt"]


def test_a_loose_winmail_dat_gives_its_files_to_the_dossier(store, settings):
    raw = (CORPUS / "mimekit__christmas.tnef").read_bytes()
    intake = intake_files([Part("winmail.dat", raw)], "/upload", store=store, settings=settings)
    files = {f.name: f for f in store.files(intake.dossier_id)}
    assert files["winmail.dat"].role == "container" and files["winmail.dat"].kind == FileKind.TNEF
    picture = files["kitten-playing-with-a-christmas-tree.jpg"]
    assert picture.role == "piece" and picture.kind == FileKind.IMAGE and picture.parent_id == files["winmail.dat"].id


# Names, bodies, depth ----------------------------------------------------------

def test_tnef_names_long_unicode_short_and_missing():
    raw = write_tnef([
        TnefFile(b"%PDF-1.4 a", "FICHED~1.PDF", "Fiche de candidature — Saint-Étienne-du-Rouvray.pdf"),
        TnefFile(b"%PDF-1.4 b", "COURRI~1.PDF"),
        TnefFile(b"\x89PNG\r\n\x1a\nimage", None, None, "image/png"),
    ], subject="Candidature", rtf=rb"{\rtf1\ansi\ansicpg1252 Madame, \'e0 l'attention du bureau.\par}")
    message = mail.read_message(raw, name="winmail.dat")
    assert [p.name for p in message.parts] == [
        "Fiche de candidature — Saint-Étienne-du-Rouvray.pdf", "COURRI~1.PDF", "piece-3.png"]
    assert message.parts[2].content_type == "image/png"
    assert message.body_text == "Madame, à l'attention du bureau."
    assert message.subject == "Candidature"


def test_msg_without_internet_headers_falls_back_to_mapi_properties():
    raw = write_msg(OutlookMessage(
        subject="RE: Candidature Vitré", sender="Maire@Vitre.fr", message_id="<r1@vitre.fr>",
        in_reply_to="<m1@ddt35.fr>", references="<m0@ddt35.fr> <m1@ddt35.fr>",
        submit_time=134_180_000_000_000_000, html=b"<html><body><p>Bonjour,</p><p>la fiche suit.</p></body></html>",
        attachments=[Attachment("fiche.pdf", b"%PDF-1.4 fiche", "application/pdf")]))
    message = mail.read_message(raw, name="reponse.msg")
    assert (message.message_id, message.in_reply_to, message.references) == (
        "<r1@vitre.fr>", "<m1@ddt35.fr>", ("<m0@ddt35.fr>", "<m1@ddt35.fr>"))
    assert (message.sender, message.subject) == ("maire@vitre.fr", "RE: Candidature Vitré")
    assert message.date is not None and message.date.year == 2026
    assert "la fiche suit." in message.body_text and "<p>" not in message.body_text
    assert [(p.name, p.data) for p in message.parts] == [("fiche.pdf", b"%PDF-1.4 fiche")]


def test_nested_msg_inside_msg_inside_eml_is_read_to_the_bottom_and_depth_is_bounded():
    innermost = OutlookMessage(subject="Courrier du maire", body="Ci-joint.",
                               attachments=[Attachment("courrier.pdf", b"%PDF-1.4 courrier", "application/pdf")])
    middle = OutlookMessage(subject="TR: Courrier du maire", body="Pour suite.",
                            attachments=[Attachment("transfert.msg", write_msg(innermost), "application/vnd.ms-outlook"),
                                         Attachment("embarque", message=innermost)])
    raw = eml("<outer@ddt35.fr>", "TR: TR: Courrier", {"dossier.msg": write_msg(middle)})
    message = mail.read_message(raw, name="outer.eml")
    assert [p.name for p in message.parts if not p.container] == ["courrier.pdf", "courrier.pdf"]
    assert "Pour suite." in message.body_text and "Ci-joint." in message.body_text
    assert message.issues == ()
    shallow = mail.read_message(raw, name="outer.eml", max_depth=2)
    assert ErrorCode.MAIL_TOO_DEEP in {i.code for i in shallow.issues}
    assert "courrier.pdf" not in [p.name for p in shallow.parts]


def test_word_and_excel_files_are_not_taken_for_messages():
    doc = write_cfb({"WordDocument": b"w" * 600, "1Table": b"t" * 5000, "\x05SummaryInformation": b"s" * 100})
    xls = write_cfb({"Workbook": b"x" * 6000})
    assert sniff.sniff(doc) is FileKind.OFFICE and sniff.sniff(xls) is FileKind.UNKNOWN
    # A .msg carrying a Word file holds Word's stream names in its bytes: still a message.
    carrying = write_msg(OutlookMessage(subject="Fiche", attachments=[Attachment("fiche.doc", doc, "application/msword")]))
    assert sniff.sniff(carrying) is FileKind.MSG
    [part] = mail.read_message(carrying).parts
    assert part.data == doc and sniff.sniff(part.data) is FileKind.OFFICE


# Broken files: their code, never a crash, the original kept ------------------

def test_a_truncated_msg_gets_msg_invalid_and_keeps_what_was_read(any_settings):
    store = Store(any_settings)
    whole = write_msg(OutlookMessage(subject="Candidature", message_id="<t@x.fr>", attachments=[
        Attachment("petite.pdf", b"%PDF-1.4 small", "application/pdf"),
        Attachment("grande.pdf", b"%PDF-1.4 " + bytes(range(256)) * 40, "application/pdf")]))
    raw = whole[:len(whole) - 3000]
    intake = intake_message(raw, "tronque.msg", store=store, settings=any_settings)
    [row] = store.messages(intake.dossier_id)
    assert [i["code"] for i in row.issues] == ["MSG_INVALID"]
    assert "petite.pdf" in [f.name for f in store.files(intake.dossier_id)]
    assert store.blobs.get(row.sha256) == raw


def test_broken_outlook_attachments_get_their_own_codes(any_settings):
    store = Store(any_settings)
    not_ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 700  # an OLE header and nothing behind
    broken_tnef = b"\x78\x9f\x3e\x22\x01\x00" + b"\x02\x10\x80\x00\x00\x10\x00\x00\x00" + b"x" * 40
    raw = eml("<b@x.fr>", "Pièces abîmées", {"transfert.msg": not_ole, "winmail.dat": broken_tnef,
                                              "fiche.pdf": PIECES["Fiche_candidature_AtelierFlash_Combourg.pdf"]},
              types={"winmail.dat": "application/ms-tnef", "transfert.msg": "application/vnd.ms-outlook"})
    intake = intake_message(raw, "abime.eml", store=store, settings=any_settings)
    [row] = store.messages(intake.dossier_id)
    files = {f.name: f for f in store.files(intake.dossier_id)}
    assert {i["code"] for i in row.issues} == {"MSG_INVALID"}  # the .msg is one only by its name
    assert files["transfert.msg"].role == "container"
    assert [i["code"] for i in files["winmail.dat"].issues] == ["TNEF_INVALID"]  # read again on its own
    assert files["fiche.pdf"].role == "piece"


def test_a_readable_file_under_an_outlook_name_stays_a_piece():
    pdf = PIECES["Fiche_candidature_AtelierFlash_Combourg.pdf"]
    raw = eml("<n@x.fr>", "Fiche", {"winmail.dat": pdf, "fiche.msg": pdf},
              types={"winmail.dat": "application/ms-tnef", "fiche.msg": "application/vnd.ms-outlook"})
    message = mail.read_message(raw)
    assert [(p.name, p.container, p.data == pdf) for p in message.parts] == [
        ("winmail.dat", False, True), ("fiche.msg", False, True)]
    assert message.issues == ()


# Threads ----------------------------------------------------------------------

def test_a_msg_joins_its_thread_by_headers_or_by_mapi_properties(any_settings):
    store = Store(any_settings)
    first = intake_message(eml("<m1@ddt35.fr>", "Candidature Vitré", {}), "m1.eml",
                                    store=store, settings=any_settings)
    by_headers = write_msg(OutlookMessage(subject="RE: Candidature Vitré", headers=headers(
        "<r1@vitre.fr>", "RE: Candidature Vitré", in_reply_to="<m1@ddt35.fr>")))
    by_mapi = write_msg(OutlookMessage(subject="Pièce manquante", sender="maire@vitre.fr",
                                       message_id="<r2@vitre.fr>", in_reply_to="<r1@vitre.fr>"))
    unrelated = write_msg(OutlookMessage(subject="Autre sujet", sender="x@y.fr", message_id="<u@y.fr>"))
    joined = [intake_message(raw, name, store=store, settings=any_settings).dossier_id
              for raw, name in ((by_headers, "r1.msg"), (by_mapi, "r2.msg"))]
    assert joined == [first.dossier_id, first.dossier_id]
    assert intake_message(unrelated, "u.msg", store=store, settings=any_settings).dossier_id != first.dossier_id
    # The .eml form of the first message, received again as a .msg, is the same message.
    again = write_msg(OutlookMessage(subject="Candidature Vitré", headers=headers("<m1@ddt35.fr>", "Candidature Vitré")))
    repeat = intake_message(again, "m1.msg", store=store, settings=any_settings)
    assert (repeat.dossier_id, repeat.new) == (first.dossier_id, False)


# End to end: the same dossier as the .eml ----------------------------------------

@pytest.mark.sqlite_only
@pytest.mark.parametrize("case", ["winmail", "msg_forward", "msg_alone"])
def test_outlook_forms_give_the_same_dossier_as_their_eml(tmp_path, settings, engine, cog, case):
    outlook_raw, eml_raw = CASES[case]()
    got = {}
    for label, raw in (("outlook", outlook_raw), ("eml", eml_raw)):
        own = replace(settings, data_dir=tmp_path / label, storage_dir=tmp_path / label / "blobs",
                      database_url=f"sqlite:///{tmp_path / label / 'g.sqlite3'}")
        store = Store(own)
        intake = intake_message(raw, f"{case}-{label}", store=store, settings=own)
        kept = pipeline.run(intake.dossier_id, make_context(own, store, engine=engine, cog=cog))
        export = export_dossier(store, kept)
        validate_export(export)
        got[label] = export
    outlook, reference = got["outlook"], got["eml"]
    assert reference["completeness"]["complete"] is True, reference["completeness"]
    assert outlook["completeness"] == reference["completeness"]
    assert outlook["fields"] == reference["fields"]
    assert _documents(outlook) == _documents(reference)
    assert [_message(m) for m in outlook["messages"]] == [_message(m) for m in reference["messages"]]


def _documents(export: dict) -> list[tuple]:
    return sorted((d["file"], d["sha256"], tuple(d["pages"]), d["kind"]) for d in export["documents"])


def _message(row: dict) -> tuple:
    return row["message_id"], row["from"], row["subject"], row["date"]


def _winmail() -> tuple[bytes, bytes]:
    """Outlook wraps the files in winmail.dat; the .eml form carries them as they are."""
    files = [TnefFile(data, name[:8].upper() + ".PDF", name, "application/pdf") for name, data in PIECES.items()]
    tnef = write_tnef(files, subject="Candidature Combourg",
                      rtf=rb"{\rtf1\ansi Bonjour, veuillez trouver la candidature de Combourg.\par}")
    outlook = eml("<w1@combourg.fr>", "Candidature Combourg", {"winmail.dat": tnef},
                  types={"winmail.dat": "application/ms-tnef"})
    return outlook, eml("<w1@combourg.fr>", "Candidature Combourg", PIECES)


def _inner_headers() -> str:
    return headers("<c1@combourg.fr>", "Candidature Combourg", sender="mairie@combourg.fr")


def _msg_forward() -> tuple[bytes, bytes]:
    """A DDT agent forwards the commune's message "as an attachment": a .msg, or message/rfc822."""
    inner_msg = write_msg(OutlookMessage(
        subject="Candidature Combourg", body="Bonjour, veuillez trouver la candidature de Combourg.",
        headers=_inner_headers(), attachments=[Attachment(n, d, "application/pdf") for n, d in PIECES.items()]))
    outlook = eml("<f1@ddt35.fr>", "TR: Candidature Combourg", {"Candidature Combourg.msg": inner_msg},
                  types={"Candidature Combourg.msg": "application/vnd.ms-outlook"}, body="Pour instruction.")
    inner = eml("<c1@combourg.fr>", "Candidature Combourg", PIECES, sender="mairie@combourg.fr")
    outer = EmailMessage()
    for key, value in _outer_headers("<f1@ddt35.fr>", "TR: Candidature Combourg").items():
        outer[key] = value
    outer.set_content("Pour instruction.")
    outer.add_attachment(mail_object(inner))
    return outlook, outer.as_bytes(policy=SMTP)


def _msg_alone() -> tuple[bytes, bytes]:
    """The commune's message saved from Outlook as a .msg and given as such."""
    raw = write_msg(OutlookMessage(
        subject="Candidature Combourg", body="Bonjour, veuillez trouver la candidature de Combourg.",
        headers=_inner_headers(), attachments=[Attachment(n, d, "application/pdf") for n, d in PIECES.items()]))
    return raw, eml("<c1@combourg.fr>", "Candidature Combourg", PIECES, sender="mairie@combourg.fr")


CASES = {"winmail": _winmail, "msg_forward": _msg_forward, "msg_alone": _msg_alone}


# Helpers ------------------------------------------------------------------------

def _outer_headers(message_id: str, subject: str, sender: str = "ddt@ille-et-vilaine.gouv.fr",
                   in_reply_to: str | None = None) -> dict[str, str]:
    values = {"From": sender, "To": "atelier@developpement-durable.gouv.fr", "Subject": subject,
              "Date": DATE, "Message-ID": message_id}
    if in_reply_to:
        values.update({"In-Reply-To": in_reply_to, "References": in_reply_to})
    return values


def headers(message_id: str, subject: str, *, sender: str = "ddt@ille-et-vilaine.gouv.fr",
            in_reply_to: str | None = None) -> str:
    """Internet headers as Outlook keeps them in PR_TRANSPORT_MESSAGE_HEADERS."""
    values = _outer_headers(message_id, subject, sender, in_reply_to)
    message = EmailMessage()
    for key, value in values.items():
        message[key] = value
    return "".join(f"{k}: {v}\r\n" for k, v in message.items())


def eml(message_id: str, subject: str, attachments: dict[str, bytes], *, sender: str = "ddt@ille-et-vilaine.gouv.fr",
        types: dict[str, str] | None = None, body: str = "Bonjour, veuillez trouver la candidature de Combourg.") -> bytes:
    message = EmailMessage()
    for key, value in _outer_headers(message_id, subject, sender).items():
        message[key] = value
    message.set_content(body)
    for name, data in attachments.items():
        maintype, subtype = (types or {}).get(name, "application/pdf").split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=SMTP)


def mail_object(raw: bytes) -> EmailMessage:
    import email

    return email.message_from_bytes(raw, policy=email.policy.default)


def test_fixtures_hold_what_they_say():
    """The writer's files read back with the libraries (olefile, tnefparse) as written."""
    import olefile
    from tnefparse.tnef import TNEF

    raw = write_msg(OutlookMessage(subject="S", attachments=[Attachment("a.pdf", b"x" * 5000)]))
    with olefile.OleFileIO(raw) as ole:
        assert ole.parsing_issues == []
        assert ole.openstream("__attach_version1.0_#00000000/__substg1.0_37010102").read() == b"x" * 5000
        assert ole.openstream("__substg1.0_0037001F").read() == "S".encode("utf-16-le")
    tnef = TNEF(write_tnef([TnefFile(b"data", "A.PDF", "long name.pdf")]), do_checksum=True)
    assert [(a.long_filename(), a.data) for a in tnef.attachments] == [("long name.pdf", b"data")]
