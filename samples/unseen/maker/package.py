"""How the pieces reach the DGALN mailbox: e-mails (one, a thread, a forward, the préfecture's
own mail), a folder of files, a zip, or one merged PDF. Everything is pinned (dates, ids,
MIME boundaries, zip times) so that the output is reproducible byte for byte."""

from __future__ import annotations

import datetime
import email.policy
import email.utils
import hashlib
import io
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw


@dataclass
class Piece:
    kind: str            # fiche | courrier_collectivite | courrier_prefet | autre
    name: str
    data: bytes
    pages: int
    ocr: bool


@dataclass
class Mail:
    sender: str          # "Name <addr>"
    to: str
    subject: str
    date: datetime.datetime
    body: str
    pieces: list[Piece] = field(default_factory=list)
    reply_to: Mail | None = None
    forward_of: Mail | None = None
    logo: bool = False
    rfc2047_names: bool = False
    zip_name: str | None = None      # attach the pieces as one zip

    def message_id(self) -> str:
        h = hashlib.sha1(f"{self.sender}{self.subject}{self.date.isoformat()}".encode()).hexdigest().upper()
        return f"<{h[:8]}.{h[8:16]}@{self.sender.split('@')[-1].rstrip('>')}>"


def _pin_boundaries(msg: EmailMessage, seed: str) -> None:
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"==_{hashlib.md5(f'{seed}{i}'.encode()).hexdigest()[:20]}_{i}")


def _logo_png(text: str) -> bytes:
    im = Image.new("RGB", (180, 60), (0, 85, 150))
    ImageDraw.Draw(im).text((10, 22), text[:24], fill=(255, 255, 255))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


MIME = {".pdf": ("application", "pdf"), ".jpg": ("image", "jpeg"), ".jpeg": ("image", "jpeg"),
        ".png": ("image", "png"), ".tif": ("image", "tiff"), ".tiff": ("image", "tiff"),
        ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ".odt": ("application", "vnd.oasis.opendocument.text"), ".zip": ("application", "zip")}


def _attach(msg: EmailMessage, name: str, data: bytes, rfc2047: bool) -> None:
    maintype, subtype = MIME.get(Path(name).suffix.lower(), ("application", "octet-stream"))
    if subtype == "octet-stream" or not rfc2047 or name.isascii():
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        return
    # Some mailers still write the name as an RFC 2047 encoded word instead of RFC 2231.
    # A long name folds into several encoded words joined by "\n "; a header value may not hold a
    # line feed, so keep the words on one line (the policy refolds the header when it writes it).
    encoded = " ".join(email.header.Header(name, "utf-8").encode().split())
    msg.add_attachment(data, maintype=maintype, subtype=subtype)
    part = msg.get_payload()[-1]
    del part["Content-Disposition"]
    part["Content-Disposition"] = f'attachment; filename="{encoded}"'
    part.set_param("name", encoded, header="Content-Type")


def build_message(mail: Mail) -> EmailMessage:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = mail.sender
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Date"] = email.utils.format_datetime(mail.date)
    msg["Message-ID"] = mail.message_id()
    if mail.reply_to is not None:
        msg["In-Reply-To"] = mail.reply_to.message_id()
        msg["References"] = mail.reply_to.message_id()
    msg["MIME-Version"] = "1.0"
    msg.set_content(mail.body)
    if mail.logo:
        html = "<html><body>" + "".join(f"<p>{line}</p>" for line in mail.body.split("\n")) + \
               '<p><img src="cid:logo@sig"></p></body></html>'
        msg.add_alternative(html, subtype="html")
        html_part = msg.get_payload()[-1]
        html_part.add_related(_logo_png(mail.sender.split("<")[0]), "image", "png", cid="<logo@sig>",
                              filename="image001.png", disposition="inline")
    if mail.forward_of is not None:
        inner = build_message(mail.forward_of)
        msg.add_attachment(inner)
    if mail.zip_name:
        _attach(msg, mail.zip_name, make_zip([(p.name, p.data) for p in mail.pieces], mail.date), False)
    else:
        for p in mail.pieces:
            _attach(msg, p.name, p.data, mail.rfc2047_names)
    _pin_boundaries(msg, mail.message_id())
    return msg


def eml_bytes(mail: Mail) -> bytes:
    return build_message(mail).as_bytes(policy=email.policy.SMTP)


def make_zip(members: list[tuple[str, bytes]], when: datetime.datetime) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def merge_pdfs(pdfs: list[bytes]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i, data in enumerate(pdfs):
            (Path(tmp) / f"{i}.pdf").write_bytes(data)
            names.append(f"{tmp}/{i}.pdf")
        subprocess.run(["qpdf", "--deterministic-id", "--empty", "--pages", *names, "--", f"{tmp}/out.pdf"],
                       check=True, capture_output=True)
        return (Path(tmp) / "out.pdf").read_bytes()


def documents(pieces: list[Piece], prefix: str = "") -> list[dict]:
    return [{"file": prefix + p.name, "sha256": hashlib.sha256(p.data).hexdigest(),
             "pages": list(range(1, p.pages + 1)), "kind": p.kind, "ocr": p.ocr} for p in pieces]


def mail_entry(mail: Mail) -> dict:
    return {"message_id": mail.message_id(), "from": email.utils.parseaddr(mail.sender)[1],
            "subject": mail.subject, "date": mail.date.isoformat()}
