"""Outlook's own formats read into a MailMessage: `.msg` files and TNEF (winmail.dat).

A `.msg` is an OLE compound file of MAPI properties, read with olefile and the few property
streams below (extract-msg does this too, but is GPL-3.0). Its Internet headers, when Outlook
kept them, are parsed like an .eml's, so that the message threads as its .eml form would.
TNEF is read with tnefparse. Both run inside the parser's child, like every mail.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import compressed_rtf
import olefile
from striprtf.striprtf import rtf_to_text
from tnefparse import properties as tnef_props
from tnefparse.tnef import TNEF

from extractors import mail, sniff
from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.html_text import html_to_text
from extractors.model import FileKind, Issue, MailMessage, Part

log = logging.getLogger(__name__)

# MAPI property ids (MS-OXPROPS).
PR_SUBJECT, PR_CLIENT_SUBMIT_TIME, PR_TRANSPORT_MESSAGE_HEADERS = 0x0037, 0x0039, 0x007D
PR_SENT_REPRESENTING_EMAIL, PR_SENDER_EMAIL = 0x0065, 0x0C1F
PR_SENDER_SMTP, PR_SENT_REPRESENTING_SMTP = 0x5D01, 0x5D02
PR_MESSAGE_DELIVERY_TIME = 0x0E06
PR_BODY, PR_RTF_COMPRESSED, PR_HTML = 0x1000, 0x1009, 0x1013
PR_INTERNET_MESSAGE_ID, PR_INTERNET_REFERENCES, PR_IN_REPLY_TO_ID = 0x1035, 0x1039, 0x1042
PR_DISPLAY_NAME, PR_ATTACH_DATA, PR_ATTACH_EXTENSION = 0x3001, 0x3701, 0x3703
PR_ATTACH_FILENAME, PR_ATTACH_LONG_FILENAME = 0x3704, 0x3707
PR_ATTACH_MIME_TAG, PR_ATTACH_CONTENT_ID = 0x370E, 0x3712
PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE = 0x3FDE, 0x3FFD

_ATTACH_PREFIX = "__attach_version1.0_#"
_EMBEDDED = "__substg1.0_3701000D"
_PROPERTIES = "__properties_version1.0"
# The fixed-size property stream starts with a header: 32 bytes for the top message, 24 for an
# embedded one, 8 for an attachment or a recipient (MS-OXMSG 2.4).
_TOP, _EMBEDDED_HEADER, _ATTACHMENT_HEADER = 32, 24, 8
_PT_SHORT, _PT_LONG, _PT_BOOLEAN, _PT_SYSTIME = 0x0002, 0x0003, 0x000B, 0x0040
_TNEF_TYPES = ("application/ms-tnef", "application/vnd.ms-tnef")


@dataclass(frozen=True)
class _Head:
    """The header fields of a message, whatever format carried them."""

    message_id: str | None = None
    sender: str = ""
    subject: str = ""
    date: datetime | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()


def read_outlook(raw: bytes, *, name: str, max_depth: int = 4, with_body: bool = True) -> MailMessage:
    """A whole `.msg` or TNEF stream as a message; MSG_INVALID or TNEF_INVALID when it cannot be read."""
    collector = mail.PartCollector(name, max_depth, with_body)
    head = _walk_tnef(raw, collector, 0) if raw.startswith(sniff.TNEF_MAGIC) else _walk_msg(raw, collector, 0)
    return MailMessage(
        message_id=head.message_id or _synthetic_id(raw),
        sender=head.sender, subject=head.subject, date=head.date, in_reply_to=head.in_reply_to,
        references=head.references, body_text="\n".join(t for t in collector.body if t)[:mail.MAX_BODY_CHARS],
        parts=tuple(collector.parts), issues=tuple(dict.fromkeys(collector.issues)),
    )


def expand(collector: mail.PartCollector, name: str, data: bytes, ctype: str, depth: int) -> bool:
    """Open an attached `.msg` or winmail.dat into `collector`, like a forwarded message.

    False leaves it to be stored as a plain file: not an Outlook format, or one that names
    itself by its bytes but cannot be read (its own reading then reports the error on it).
    """
    kind = _outlook_kind(data, ctype, name)
    if kind is None:
        return False
    ctype = "application/ms-tnef" if kind == "tnef" else "application/vnd.ms-outlook"
    if depth + 1 > collector.max_depth:
        collector.issues.append(_issue(ErrorCode.MAIL_TOO_DEEP, collector.name))
        collector.parts.append(Part(name, data, ctype, container=True))
        return True
    inner = collector.nested()
    try:
        (_walk_tnef if kind == "tnef" else _walk_msg)(data, inner, depth + 1)
    except GuichetError as exc:
        if sniff.is_msg(data) or data.startswith(sniff.TNEF_MAGIC):
            return False
        collector.issues.append(Issue(exc.code, exc.message, name))
        collector.parts.append(Part(name, data, ctype, container=True))
        return True
    collector.parts.append(Part(name, data, ctype, container=True))
    collector.merge(inner)
    return True


def _outlook_kind(data: bytes, ctype: str, name: str) -> str | None:
    """By the bytes; by the name or type only for bytes of no known format (a damaged one)."""
    if data.startswith(sniff.TNEF_MAGIC):
        return "tnef"
    if sniff.is_msg(data):
        return "msg"
    if sniff.sniff(data) is not FileKind.UNKNOWN:  # a PDF named winmail.dat stays a PDF
        return None
    if ctype in _TNEF_TYPES or name.lower() == "winmail.dat":
        return "tnef"
    named_msg = ctype == "application/vnd.ms-outlook" or name.lower().endswith(".msg")
    return "msg" if named_msg and data.startswith(sniff.OLE_MAGIC) else None


def _issue(code: ErrorCode, name: str) -> Issue:
    return Issue(code, MESSAGES[code], name)


def _synthetic_id(raw: bytes) -> str:
    """As mail.read_message names a message without a Message-ID."""
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@guichet.invalid>"


# .msg ------------------------------------------------------------------------

def _walk_msg(raw: bytes, collector: mail.PartCollector, depth: int) -> _Head:
    try:
        ole = _IndexedOle(raw)
    except Exception as exc:  # olefile raises many kinds on a damaged compound file
        raise GuichetError(ErrorCode.MSG_INVALID, str(exc)[:200]) from exc
    with ole:
        try:
            if not ole.exists(_PROPERTIES):
                raise GuichetError(ErrorCode.MSG_INVALID, "aucune propriété MAPI")
            compound = _Compound(ole)
            head = _walk_storage(compound, [], collector, depth, _TOP)
        except GuichetError:
            raise
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # a damaged stream or sector chain
            raise GuichetError(ErrorCode.MSG_INVALID, f"{type(exc).__name__}: {exc}"[:200]) from exc
        if compound.short or ole.parsing_issues:  # what could be read is kept, and said to be partial
            detail = f"{len(compound.short)} flux incomplet(s)" if compound.short else str(ole.parsing_issues[0][1])
            collector.issues.append(Issue(ErrorCode.MSG_INVALID, f"{MESSAGES[ErrorCode.MSG_INVALID]} ({detail[:200]})",
                                          collector.name))
        return head


class _IndexedOle(olefile.OleFileIO):
    """olefile finds a path by scanning each storage's children in turn, and a .msg holds a
    storage per attachment (quadratic: 3,000 attachments took 18 s); its storages index their
    children by lower-cased name (`kids_dict`), which this lookup uses."""

    def _find(self, filename):
        node = self.root
        for name in filename.split("/") if isinstance(filename, str) else filename:
            node = node.kids_dict.get(name.lower())
            if node is None:
                raise OSError("file not found")
        return node.sid


class _Compound:
    """The open compound file, and the streams found shorter than their directory says (truncated)."""

    def __init__(self, ole: olefile.OleFileIO):
        self.ole = ole
        self.short: list[str] = []
        self.children: dict[tuple[str, ...], set[str]] = {}  # listed once
        for entry in ole.listdir(streams=True, storages=False):
            for depth in range(len(entry)):
                self.children.setdefault(tuple(entry[:depth]), set()).add(entry[depth])

    def stream(self, path: list[str]) -> bytes | None:
        if not (self.ole.exists(path) and self.ole.get_type(path) == olefile.STGTY_STREAM):
            return None
        with self.ole.openstream(path) as stream:
            data = stream.read()
        if len(data) < self.ole.get_size(path):
            self.short.append("/".join(path))
        return data


class _Mapi:
    """The properties of one storage: variable ones in their streams, fixed ones in a table."""

    def __init__(self, compound: _Compound, prefix: list[str], header: int):
        self.compound, self.prefix = compound, prefix
        self.fixed: dict[int, tuple[int, bytes]] = {}
        table = self.stream(_PROPERTIES) or b""
        for offset in range(header, len(table) - 15, 16):
            tag = int.from_bytes(table[offset:offset + 4], "little")
            self.fixed[tag >> 16] = (tag & 0xFFFF, table[offset + 8:offset + 16])
        cpid = self.integer(PR_INTERNET_CPID) or self.integer(PR_MESSAGE_CODEPAGE)
        self.charset = "utf-8" if cpid in (None, 65001) else f"cp{cpid}"

    def stream(self, name: str) -> bytes | None:
        return self.compound.stream([*self.prefix, name])

    def text(self, prop: int) -> str:
        raw = self.stream(f"__substg1.0_{prop:04X}001F")
        if raw is not None:
            return raw.decode("utf-16-le", "replace").split("\x00", 1)[0]
        raw = self.stream(f"__substg1.0_{prop:04X}001E")
        return mail.decode_text(raw.split(b"\x00", 1)[0], self.charset) if raw is not None else ""

    def binary(self, prop: int) -> bytes | None:
        return self.stream(f"__substg1.0_{prop:04X}0102")

    def integer(self, prop: int) -> int | None:
        kind, value = self.fixed.get(prop, (0, b""))
        if kind in (_PT_SHORT, _PT_LONG, _PT_BOOLEAN) and len(value) >= 4:
            return int.from_bytes(value[:4], "little", signed=True)
        return None

    def time(self, prop: int) -> datetime | None:
        kind, value = self.fixed.get(prop, (0, b""))
        if kind != _PT_SYSTIME or len(value) < 8:
            return None
        try:  # FILETIME: 100 ns steps since 1601
            moment = datetime(1601, 1, 1, tzinfo=timezone.utc) + timedelta(
                microseconds=int.from_bytes(value, "little") // 10)
        except OverflowError:
            return None
        return moment if moment.year >= 1970 else None


def _walk_storage(compound: _Compound, prefix: list[str], collector: mail.PartCollector,
                  depth: int, header: int) -> _Head:
    mapi = _Mapi(compound, prefix, header)
    head = _msg_head(mapi)
    if collector.with_body:
        _add_body(collector, lambda: _msg_body(mapi))
    for storage in sorted(compound.children.get(tuple(prefix), ())):
        if storage.startswith(_ATTACH_PREFIX):
            _msg_attachment(compound, [*prefix, storage], collector, depth)
    return head


def _msg_head(mapi: _Mapi) -> _Head:
    """The Internet headers when Outlook kept them (parsed as an .eml's), else MAPI properties."""
    headers = mapi.text(PR_TRANSPORT_MESSAGE_HEADERS).strip()
    parsed = mail.read_message(headers.encode("utf-8") + b"\r\n\r\n", name="headers",
                               with_body=False) if headers else None
    known_id = parsed.message_id if parsed and "@guichet.invalid>" not in parsed.message_id else None
    return _Head(
        message_id=known_id or mail.first_id(mapi.text(PR_INTERNET_MESSAGE_ID)),
        sender=(parsed.sender if parsed else "") or _msg_sender(mapi),
        subject=(parsed.subject if parsed else "") or _one_line(mapi.text(PR_SUBJECT)),
        date=(parsed.date if parsed else None) or mapi.time(PR_CLIENT_SUBMIT_TIME)
        or mapi.time(PR_MESSAGE_DELIVERY_TIME),
        in_reply_to=(parsed.in_reply_to if parsed else None) or mail.first_id(mapi.text(PR_IN_REPLY_TO_ID)),
        references=(parsed.references if parsed else ()) or mail.message_ids(mapi.text(PR_INTERNET_REFERENCES)),
    )


def _msg_sender(mapi: _Mapi) -> str:
    """The first SMTP address among the sender properties (an Exchange one is an X.500 path)."""
    for prop in (PR_SENDER_SMTP, PR_SENT_REPRESENTING_SMTP, PR_SENDER_EMAIL, PR_SENT_REPRESENTING_EMAIL):
        value = mapi.text(prop).strip()
        if "@" in value and not value.startswith("/"):
            return value.lower()
    return ""


def _msg_body(mapi: _Mapi) -> str:
    """The plain body, else the HTML one as text, else the compressed RTF one as text."""
    text = mapi.text(PR_BODY)
    if not text.strip():
        html = mapi.binary(PR_HTML)
        html_text = mail.decode_text(html, mapi.charset) if html is not None else mapi.text(PR_HTML)
        text = html_to_text(html_text) if html_text.strip() else ""
    if not text.strip():
        rtf = mapi.binary(PR_RTF_COMPRESSED)
        text = rtf_body(rtf) if rtf else ""
    return text


def rtf_body(compressed: bytes) -> str:
    """The text of a compressed RTF body (MS-OXRTFCP)."""
    return rtf_text(compressed_rtf.decompress(compressed))


def rtf_text(rtf: bytes) -> str:
    """RTF to plain text: RTF is 7-bit, its other characters escaped (\\'e9, \\u233)."""
    return rtf_to_text(rtf.decode("cp1252", "replace"), errors="replace")


def _msg_attachment(compound: _Compound, path: list[str], collector: mail.PartCollector,
                    depth: int) -> None:
    attachment = _Mapi(compound, path, _ATTACHMENT_HEADER)
    embedded = [*path, _EMBEDDED]
    if compound.ole.exists([*embedded, _PROPERTIES]):
        _embedded_message(compound, embedded, collector, depth)
        return
    data = attachment.binary(PR_ATTACH_DATA)
    named = (attachment.text(PR_ATTACH_LONG_FILENAME) or attachment.text(PR_ATTACH_FILENAME)
             or attachment.text(PR_DISPLAY_NAME)).strip()
    if data is None or (not data and not named):
        return  # an OLE object or a link: no file to read
    ctype = attachment.text(PR_ATTACH_MIME_TAG).strip().lower() or _guess_type(named)
    name = mail.safe_name(named) if named else _default_name(collector, ctype,
                                                               attachment.text(PR_ATTACH_EXTENSION))
    inline = (ctype.startswith("image/") and bool(attachment.text(PR_ATTACH_CONTENT_ID))
              and len(data) <= mail.MAX_LOGO_BYTES)
    collector.add_data(name, data, ctype, inline=inline, depth=depth)


def _embedded_message(compound: _Compound, path: list[str], collector: mail.PartCollector,
                      depth: int) -> None:
    """A message attached as a message: its files are the dossier's, like a forward's."""
    if depth + 1 > collector.max_depth:
        collector.issues.append(_issue(ErrorCode.MAIL_TOO_DEEP, collector.name))
        return
    inner = collector.nested()
    head = _walk_storage(compound, path, inner, depth + 1, _EMBEDDED_HEADER)
    summary = _summary(head, "\n".join(inner.body))
    collector.parts.append(Part(mail.safe_name(head.subject or "message transféré") + ".eml", summary,
                                "message/rfc822", container=True))
    collector.merge(inner)


def _summary(head: _Head, body: str) -> bytes:
    """An embedded message has no bytes of its own: its headers and text, kept as an .eml."""
    message = EmailMessage()
    values = {"From": head.sender, "Subject": head.subject, "Message-ID": head.message_id,
              "Date": format_datetime(head.date) if head.date else "", "In-Reply-To": head.in_reply_to,
              "References": " ".join(head.references)}
    for key, value in values.items():
        if value:
            try:
                message[key] = value
            except Exception:  # a value the header grammar refuses: left out
                log.debug("%s not kept in the summary", key)
    message.set_content(body or "")
    try:
        return bytes(message)
    except Exception:  # a header that cannot be serialised: the text alone
        return (body or "").encode("utf-8")


# TNEF ------------------------------------------------------------------------

def _walk_tnef(raw: bytes, collector: mail.PartCollector, depth: int) -> _Head:
    try:
        tnef = TNEF(raw, do_checksum=False)
        return _tnef_content(tnef, collector, depth)
    except (GuichetError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # tnefparse raises what the bytes provoke (struct, index, unicode)
        raise GuichetError(ErrorCode.TNEF_INVALID, f"{type(exc).__name__}: {exc}"[:200]) from exc


def _tnef_content(tnef: TNEF, collector: mail.PartCollector, depth: int) -> _Head:
    if collector.with_body:
        _add_body(collector, lambda: _tnef_body(tnef))
    for attachment in tnef.attachments:
        named = _tnef_name(attachment, tnef.codepage)
        data = attachment.data if isinstance(attachment.data, bytes) else b""
        if not data and not named:
            continue
        ctype = _tnef_mime(attachment) or _guess_type(named)
        name = mail.safe_name(named) if named else _default_name(collector, ctype, "")
        collector.add_data(name, data, ctype, depth=depth)
    return _tnef_head(tnef)


def _tnef_name(attachment, codepage: str | None) -> str:
    """The long (MAPI) name, else the 8.3 title; bytes in the message's code page."""
    values = [a.data for a in attachment.mapi_attrs if a.name == tnef_props.MAPI_ATTACH_LONG_FILENAME]
    value = values[0] if values and values[0] else attachment._name  # tnefparse keeps the title there
    if isinstance(value, bytes):
        value = mail.decode_text(value, codepage or "cp1252")
    return str(value or "").replace("\x00", "").strip()


def _tnef_mime(attachment) -> str:
    values = [a.data for a in attachment.mapi_attrs if a.name == tnef_props.MAPI_ATTACH_MIME_TAG]
    value = values[0] if values else ""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value).replace("\x00", "").strip().lower()


def _tnef_body(tnef: TNEF) -> str:
    """The plain body, else the HTML one as text, else the compressed RTF one as text."""
    for value, html in ((tnef.body, False), (tnef.htmlbody, True)):
        if isinstance(value, bytes):
            value = mail.decode_text(value, tnef.codepage)
        if isinstance(value, str) and value.strip():
            return html_to_text(value) if html else value
    rtf = tnef.rtfbody  # decompressed by compressed-rtf
    return rtf_text(rtf) if rtf else ""


def _tnef_head(tnef: TNEF) -> _Head:
    props = {prop.name: prop.data for prop in tnef.msgprops}
    sender = props.get(TNEF.ATTFROM)
    address = sender[2] if isinstance(sender, tuple) and len(sender) == 3 else b""
    address = address.decode("latin-1") if isinstance(address, bytes) else str(address)
    sent = props.get(TNEF.ATTDATESENT)
    return _Head(
        message_id=mail.first_id(str(props.get(TNEF.ATTMESSAGEID) or "")),
        sender=address.strip().lower() if "@" in address else "",
        subject=_one_line(str(props.get(TNEF.ATTSUBJECT) or "")),
        date=sent.replace(tzinfo=timezone.utc) if isinstance(sent, datetime) and sent.year >= 1970 else None,
    )


# Shared ------------------------------------------------------------------------

def _add_body(collector: mail.PartCollector, read) -> None:
    """A body that cannot be read is reported; the attachments are still read."""
    try:
        text = read()
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # a damaged RTF or HTML body
        log.warning("%s: body not read: %s", collector.name, exc)
        collector.issues.append(_issue(ErrorCode.MAIL_BODY_UNREADABLE, collector.name))
        return
    text = re.sub(r"[ \t\r\f\v]+", " ", text or "").strip()
    if text:
        collector.body.append(text)


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _guess_type(name: str) -> str:
    return (mimetypes.guess_type(name)[0] if name else None) or "application/octet-stream"


def _default_name(collector: mail.PartCollector, ctype: str, extension: str) -> str:
    """A nameless attachment: numbered like a nameless mail part."""
    extension = extension.strip() if extension.strip().startswith(".") else ""
    return f"piece-{len(collector.parts) + 1}{extension or mimetypes.guess_extension(ctype) or '.bin'}"
