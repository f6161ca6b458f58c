"""E-mails (.eml) carrying the pieces: a two-message thread and a forwarded message."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

from . import images, office

DGALN_MAILBOX = "atelier-des-territoires.ad1.dhup.dgaln@developpement-durable.gouv.fr"


@dataclass
class Mail:
    """One message to write; attachments are (file name, bytes, MIME type)."""

    sender: tuple[str, str]
    to: list[str]
    subject: str
    date: dt.datetime
    message_id: str
    body: str
    signature: list[str]
    logo_seed: int
    cc: list[str] = field(default_factory=list)
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)  # the thread so far, oldest first
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    forwarded: EmailMessage | None = None


def build_message(mail: Mail) -> EmailMessage:
    """A multipart/mixed message: text + HTML with an inline logo (not a piece), attachments."""
    msg = EmailMessage(policy=policy.default)
    msg["From"] = email.utils.formataddr(mail.sender)
    msg["To"] = ", ".join(mail.to)
    if mail.cc:
        msg["Cc"] = ", ".join(mail.cc)
    msg["Subject"] = mail.subject
    msg["Date"] = email.utils.format_datetime(mail.date)
    msg["Message-ID"] = mail.message_id
    if mail.in_reply_to:
        msg["In-Reply-To"] = mail.in_reply_to
        msg["References"] = " ".join(mail.references) if mail.references else mail.in_reply_to
    text = mail.body + "\n\n-- \n" + "\n".join(mail.signature) + "\n"
    msg.set_content(text)
    cid = f"<logo.{mail.logo_seed}@signature.local>"
    msg.add_alternative(_html(mail, cid[1:-1]), subtype="html")
    logo = images.png_bytes(images.modern_logo(mail.logo_seed, "AT").resize((96, 96)))
    msg.get_payload()[1].add_related(logo, "image", "png", cid=cid, disposition="inline",
                                     filename="logo.png")
    for name, data, mime in mail.attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    if mail.forwarded is not None:
        msg.add_attachment(mail.forwarded)
    _fix_boundaries(msg, mail.message_id)
    for part in list(msg.walk())[1:]:
        if part["Message-ID"] is None:  # only a message's own header block carries it
            del part["MIME-Version"]
    return msg


def _html(mail: Mail, cid: str) -> str:
    paragraphs = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>"
                         for p in mail.body.split("\n\n"))
    signature = "<br>".join(html.escape(line) for line in mail.signature)
    return (f"<html><body style=\"font-family:Arial,sans-serif;font-size:10pt\">{paragraphs}"
            f"<table><tr><td><img src=\"cid:{cid}\" width=\"48\" height=\"48\" alt=\"logo\"></td>"
            f"<td style=\"color:#555\">{signature}</td></tr></table></body></html>")


def _fix_boundaries(msg: EmailMessage, seed: str) -> None:
    """Deterministic MIME boundaries (the stdlib draws random ones)."""
    digest = office.sha256(seed.encode())[:16]
    for i, part in enumerate(msg.walk()):
        if part.get_content_maintype() == "multipart":
            part.set_boundary(f"=_guichet_{digest}_{i}")


def to_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=policy.default)


def message_summary(mail: Mail) -> dict:
    """The expected `messages[]` entry of a message."""
    return {"message_id": mail.message_id, "from": mail.sender[1].lower(),
            "subject": mail.subject, "date": mail.date.isoformat()}


def to_mbox(mails: list[tuple[Mail, bytes]]) -> bytes:
    """An mbox file (mboxrd quoting) holding the messages, each after its 'From ' line."""
    out = []
    for mail, data in mails:
        when = mail.date.astimezone(dt.timezone.utc)
        out.append(f"From {mail.sender[1].lower()} {when:%a %b %d %H:%M:%S %Y}\n".encode())
        for line in data.splitlines(keepends=True):
            stripped = line.lstrip(b">")
            out.append(b">" + line if stripped.startswith(b"From ") else line)
        if not data.endswith(b"\n"):
            out.append(b"\n")
        out.append(b"\n")
    return b"".join(out)
