"""Read one e-mail into a MailMessage: headers, body text and every attached file."""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import logging
import mimetypes
import re
from datetime import datetime, timezone
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage, Message

from extractors import sniff
from extractors.errors import MESSAGES, ErrorCode
from extractors.filenames import without_format_characters
from extractors.html_text import html_to_text
from extractors.model import SUBJECT_KEY_CHARS, Issue, MailMessage, Part

log = logging.getLogger(__name__)

# An inline image this small is a logo or a signature banner, not a photographed page.
MAX_LOGO_BYTES = 150 * 1024
MAX_BODY_CHARS = 100_000
# The standard parser of a header value is quadratic in its length (an 8.9 MB folded Subject
# took 142 s); a real header, even a long References chain, is far below this.
MAX_HEADER_CHARS = 32_000
_SUBJECT_PREFIX = re.compile(r"^\s*((re|tr|fwd?|aw|wg|réf|ref)\s*(\[\d+\])?\s*:\s*)+", re.I)


class _BoundedHeaders(HeaderRegistry):
    """Header values cut to MAX_HEADER_CHARS before the standard parser sees them."""

    def __call__(self, name, value):
        return super().__call__(name, value[:MAX_HEADER_CHARS] if isinstance(value, str) else value)


_POLICY = email.policy.default.clone(header_factory=_BoundedHeaders())


def read_message(raw: bytes, *, name: str = "message.eml", max_depth: int = 4,
                 with_body: bool = True) -> MailMessage:
    """Parse `raw` (RFC 5322 bytes) with the standard library's modern policy.

    `with_body=False` skips turning the body into text: the attachments of a message whose
    body cannot be read in time are still found that way. An Outlook .msg or a TNEF stream
    (winmail.dat) is read by extractors.outlook into the same MailMessage.
    """
    if sniff.is_msg(raw) or raw.startswith(sniff.TNEF_MAGIC):
        from extractors import outlook  # outlook builds on this module

        return outlook.read_outlook(raw, name=name, max_depth=max_depth, with_body=with_body)
    msg = email.message_from_bytes(raw, policy=_POLICY)
    reader = PartCollector(name, max_depth, with_body)
    reader.walk(msg, depth=0)
    issues = list(reader.issues)
    if _has_undeclared_8bit(msg, raw):
        issues.append(_issue(ErrorCode.MAIL_CHARSET_UNDECLARED, name))
    return MailMessage(
        message_id=_message_id(msg, raw),
        sender=_sender(msg),
        subject=_header(msg, "subject"),
        date=_date(msg),
        in_reply_to=first_id(_header(msg, "in-reply-to")),
        references=message_ids(_header(msg, "references")),
        body_text="\n".join(reader.body)[:MAX_BODY_CHARS],
        parts=tuple(reader.parts),
        issues=tuple(dict.fromkeys(issues)),
    )


def thread_subject(subject: str) -> str:
    """The subject without RE:/TR:/Fwd: prefixes, case-folded and capped, for thread matching."""
    stripped = _SUBJECT_PREFIX.sub("", subject or "")
    return re.sub(r"\s+", " ", stripped).strip().casefold()[:SUBJECT_KEY_CHARS]


class PartCollector:
    """Walks the MIME tree once, collecting body text, files and problems."""

    def __init__(self, name: str, max_depth: int, with_body: bool = True):
        self.name = name
        self.max_depth = max_depth
        self.with_body = with_body
        self.parts: list[Part] = []
        self.body: list[str] = []
        self.issues: list[Issue] = []
        self.cids: set[str] = set()

    def walk(self, part: Message, depth: int) -> None:
        if depth > self.max_depth:
            self.issues.append(_issue(ErrorCode.MAIL_TOO_DEEP, self.name))
            return
        if any(len(value) > MAX_HEADER_CHARS for _, value in part.raw_items()):
            self.issues.append(_issue(ErrorCode.MAIL_HEADER_TOO_LONG, self.name))
        ctype = part.get_content_type()
        if ctype == "message/partial":
            self.issues.append(_issue(ErrorCode.MAIL_PARTIAL, self.name))
        elif ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
            self._walk_attached_message(part, depth)
        elif part.is_multipart():
            for child in part.iter_parts() if isinstance(part, EmailMessage) else part.get_payload():
                self.walk(child, depth + 1)
        elif self._is_body(part, ctype):
            self._add_body(part, ctype)
        else:
            self._add_file(part, ctype, depth)

    def nested(self) -> PartCollector:
        """A collector for a message inside this one: merged only once read whole."""
        return PartCollector(self.name, self.max_depth, self.with_body)

    def merge(self, inner: PartCollector) -> None:
        self.parts.extend(inner.parts)
        self.body.extend(inner.body)
        self.issues.extend(inner.issues)

    def add_data(self, name: str, data: bytes, ctype: str, *, inline: bool = False, depth: int = 0) -> None:
        """A file; an Outlook message or winmail.dat is opened like a forwarded message."""
        from extractors import outlook  # outlook builds on this module

        if not outlook.expand(self, name, data, ctype, depth):
            self.parts.append(Part(name, data, ctype, inline=inline))

    def _walk_attached_message(self, part: Message, depth: int) -> None:
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(inner, Message):
            return
        data = inner.as_bytes(policy=_POLICY.clone(linesep="\r\n"))
        subject = _header(inner, "subject") or "message transféré"
        self.parts.append(
            Part(safe_name(subject) + ".eml", data, "message/rfc822", container=True)
        )
        self.walk(inner, depth + 1)

    def _add_body(self, part: Message, ctype: str) -> None:
        """A body that cannot be read is reported; it never stops the walk to the attachments."""
        if not self.with_body:
            return
        try:
            self.body.append(_text_of(part, ctype))
        except Exception as exc:  # a malformed transfer encoding or charset: the files still count
            log.warning("%s: body not read: %s", self.name, exc)
            self.issues.append(_issue(ErrorCode.MAIL_BODY_UNREADABLE, self.name))

    @staticmethod
    def _is_body(part: Message, ctype: str) -> bool:
        return (
            ctype in ("text/plain", "text/html", "text/enriched")
            and part.get_content_disposition() != "attachment"
            and not _filename(part)
        )

    def _add_file(self, part: Message, ctype: str, depth: int) -> None:
        data = part.get_payload(decode=True) or b""
        if not data and not _filename(part):
            return  # an empty, nameless part carries nothing
        name = _filename(part) or f"piece-{len(self.parts) + 1}{_extension(ctype)}"
        inline = (
            ctype.startswith("image/")
            and (part.get_content_disposition() == "inline" or bool(part.get("content-id")))
            and len(data) <= MAX_LOGO_BYTES
        )
        self.add_data(name, data, ctype, inline=inline, depth=depth)


def _issue(code: ErrorCode, name: str) -> Issue:
    return Issue(code, MESSAGES[code], name)


def _header(msg: Message, name: str) -> str:
    """A header as text; a malformed one falls back to its raw value, never raises."""
    try:
        value = msg.get(name)
    except Exception:  # the modern policy raises on some malformed headers
        value = msg.get_all(name, failobj=[""])[0] if hasattr(msg, "get_all") else ""
    text = str(value or "")
    return re.sub(r"\s+", " ", text.encode("utf-8", "replace").decode("utf-8")).strip()


def _message_id(msg: Message, raw: bytes) -> str:
    found = first_id(_header(msg, "message-id"))
    return found or f"<sha256-{hashlib.sha256(raw).hexdigest()}@guichet.invalid>"


def message_ids(value: str) -> tuple[str, ...]:
    """The <message-ids> a References-like header names, in order."""
    return tuple(re.findall(r"<[^<>\s]+>", value or ""))


def first_id(value: str) -> str | None:
    """The first <message-id> of a header; a bare id gets its brackets."""
    match = re.search(r"<[^<>\s]+>", value or "")
    if match:
        return match.group(0)
    value = (value or "").strip()
    return f"<{value}>" if value and " " not in value else None


def _sender(msg: Message) -> str:
    _, address = email.utils.parseaddr(_header(msg, "from"))
    return address.lower()


def _date(msg: Message) -> datetime | None:
    try:
        value = email.utils.parsedate_to_datetime(_header(msg, "date"))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value.year < 1970:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # "-0000": UTC, unknown zone


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # undecodable RFC 2231 parameters
        name = None
    return safe_name(name) if name else None


def safe_name(name: str) -> str:
    """A file name without folders, control or format characters, or surrogates."""
    name = without_format_characters(name.encode("utf-8", "replace").decode("utf-8"))
    name = re.sub(r"[\x00-\x1f/\\]+", "_", name).strip(" .") or "sans-nom"
    return name[:180]


def _extension(ctype: str) -> str:
    return mimetypes.guess_extension(ctype) or ".bin"


def _text_of(part: Message, ctype: str) -> str:
    payload = part.get_payload(decode=True) or b""
    text = decode_text(payload, part.get_content_charset())
    if ctype == "text/html":
        text = html_to_text(text)
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def decode_text(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset; undeclared 8-bit text is UTF-8 or else Windows-1252."""
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:  # an unknown charset name
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _has_undeclared_8bit(msg: Message, raw: bytes) -> bool:
    """8-bit bytes in headers, or in a text part that names no charset."""
    head = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    try:
        head.decode("utf-8")  # RFC 6532 allows UTF-8 headers
    except UnicodeDecodeError:
        return True
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        if part.get_param("charset") is None and _raw_payload_has_8bit(part):
            return True
    return False


def _raw_payload_has_8bit(part: Message) -> bool:
    payload = part.get_payload(decode=False)
    if not isinstance(payload, str):
        return False
    return any(ord(c) > 0x7F for c in payload)
