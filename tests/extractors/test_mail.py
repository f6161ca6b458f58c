"""Reading e-mails: attachments at any depth, encoded names, HTML bodies, logos, odd charsets."""

from __future__ import annotations

from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart

from extractors.errors import ErrorCode
from extractors.mail import read_message, thread_subject

PDF = b"%PDF-1.4\n%fake but named\n"


def _message(subject="Candidature Atelier Flash - Commune de Vitré") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "DDT 35 <Referent.Atelier@ille-et-vilaine.gouv.fr>"
    msg["To"] = "atelier@developpement-durable.gouv.fr"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 10 Mar 2026 09:15:00 +0100"
    msg["Message-ID"] = "<abc@ddt35.fr>"
    msg.set_content("Bonjour,\nveuillez trouver ci-joint notre candidature.")
    return msg


def test_headers_and_rfc2231_attachment_name():
    msg = _message()
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="Fiche candidature Vitré.pdf")
    read = read_message(msg.as_bytes())
    assert read.message_id == "<abc@ddt35.fr>"
    assert read.sender == "referent.atelier@ille-et-vilaine.gouv.fr"
    assert read.date.isoformat() == "2026-03-10T09:15:00+01:00"
    assert [p.name for p in read.parts] == ["Fiche candidature Vitré.pdf"]
    assert read.parts[0].data == PDF
    assert "ci-joint" in read.body_text


def test_rfc2047_encoded_name_from_an_old_client():
    outer = MIMEMultipart()
    outer["Subject"] = "=?iso-8859-1?q?Courrier_pr=E9fet?="
    outer["From"] = "x@y.fr"
    part = MIMEApplication(PDF, "pdf")
    part.add_header("Content-Disposition", "attachment", filename="=?utf-8?b?Q291cnJpZXIgcHLDqWZldC5wZGY=?=")
    outer.attach(part)
    read = read_message(outer.as_bytes())
    assert read.subject == "Courrier préfet"
    assert read.parts[0].name == "Courrier préfet.pdf"


def test_forwarded_message_pieces_are_found_and_the_envelope_is_a_container():
    inner = _message("Candidature")
    inner.add_attachment(PDF, maintype="application", subtype="pdf", filename="courrier-maire.pdf")
    outer = _message("TR: Candidature")
    del outer["Message-ID"]
    outer["Message-ID"] = "<fwd@ddt35.fr>"
    outer.add_attachment(inner)
    read = read_message(outer.as_bytes())
    names = {p.name: p for p in read.parts}
    assert names["courrier-maire.pdf"].data == PDF
    assert names["Candidature.eml"].container


def test_html_only_body_becomes_text_and_inline_logo_is_not_a_piece():
    msg = EmailMessage()
    msg["From"] = "x@y.fr"
    msg["Subject"] = "Candidature"
    msg.set_content("<html><body><p>Bonjour&nbsp;Madame,</p><img src='cid:logo'></body></html>", subtype="html")
    msg.add_related(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, maintype="image", subtype="png", cid="<logo>")
    read = read_message(msg.as_bytes())
    assert "Bonjour" in read.body_text and "<p>" not in read.body_text
    assert len(read.parts) == 1 and read.parts[0].inline


def test_big_inline_photo_is_a_piece():
    msg = _message()
    msg.add_attachment(b"\xff\xd8\xff" + b"\x01" * 400_000, maintype="image", subtype="jpeg",
                       filename="IMG_0042.jpeg", disposition="inline", cid="<photo>")
    read = read_message(msg.as_bytes())
    assert not read.parts[0].inline


def test_undeclared_8bit_charset_is_reported_and_decoded():
    raw = (b"From: maire@commune.fr\r\nSubject: Candidature\r\nContent-Type: text/plain\r\n"
           b"Content-Transfer-Encoding: 8bit\r\n\r\nMonsieur le Pr\xe9fet, voici le dossier.\r\n")
    read = read_message(raw)
    assert ErrorCode.MAIL_CHARSET_UNDECLARED in [i.code for i in read.issues]
    assert "Préfet" in read.body_text


def test_utf8_headers_are_not_an_undeclared_charset():
    raw = "From: maire@commune.fr\r\nSubject: Vitré\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOK\r\n"
    assert read_message(raw.encode("utf-8")).issues == ()


def test_message_partial_is_reported():
    raw = (b"From: a@b.fr\r\nSubject: part\r\nContent-Type: message/partial; id=\"x\"; number=1; total=2\r\n"
           b"\r\nhello\r\n")
    assert [i.code for i in read_message(raw).issues] == [ErrorCode.MAIL_PARTIAL]


def test_missing_message_id_gets_a_stable_synthetic_one():
    raw = b"From: a@b.fr\r\nSubject: x\r\n\r\nbody\r\n"
    assert read_message(raw).message_id == read_message(raw).message_id
    assert read_message(raw).message_id.endswith("@guichet.invalid>")


def test_thread_subject_strips_reply_and_forward_prefixes():
    assert thread_subject("RE: TR: Fwd:  Candidature Atelier Flash – Commune de X") == \
        "candidature atelier flash – commune de x"
    assert thread_subject("Re[2]: AW: Candidature") == "candidature"
