"""Decide what a file is from its first bytes, never from its name."""

from __future__ import annotations

import io
import logging
import re
import zipfile

import olefile

from extractors.model import FileKind

log = logging.getLogger(__name__)

_IMAGE_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",  # TIFF little-endian
    b"MM\x00*",  # TIFF big-endian
    b"GIF87a",
    b"GIF89a",
    b"BM",
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian
_MAPI_PROPERTIES = "__properties_version1.0".encode("utf-16-le")
_MAPI_STREAM = "__substg1.0_".encode("utf-16-le")
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?", re.MULTILINE)
_MAIL_HEADERS = (
    b"from", b"to", b"subject", b"date", b"message-id", b"mime-version",
    b"received", b"return-path", b"content-type", b"delivered-to", b"x-mailer",
)


def sniff(data: bytes) -> FileKind:
    """Return the kind of `data`; UNKNOWN when nothing matches."""
    head = data[:4096]
    # Containers first: a stored zip member or a TIFF strip may itself hold "%PDF-".
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if b"%PDF-" in head[:1024] and not head.startswith(_IMAGE_MAGIC + (OLE_MAGIC,)):
        return FileKind.PDF
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return FileKind.IMAGE
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return FileKind.IMAGE
    if head.startswith(OLE_MAGIC):
        return FileKind.MSG if is_msg(data) else _sniff_ole(data)
    if head.startswith(TNEF_MAGIC):
        return FileKind.TNEF
    if head.lstrip().startswith(b"{\\rtf"):
        return FileKind.OFFICE
    if head.startswith(b"From ") and _looks_like_mail(head.split(b"\n", 1)[-1]):
        return FileKind.MBOX
    if _looks_like_mail(head):
        return FileKind.EMAIL
    return FileKind.UNKNOWN


def _sniff_zip(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return FileKind.DOCX
            if "mimetype" in names and "content.xml" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                    return FileKind.ODT
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError, RuntimeError):
        pass  # a damaged zip is still a zip: the unpacker reports it
    return FileKind.ZIP


def is_msg(data: bytes) -> bool:
    """An Outlook message: an OLE file whose root holds MAPI property streams.

    Word and Excel files are OLE files too, and a .msg carrying a .doc holds the Word
    stream names in its bytes: only the root's own entries tell them apart.
    """
    if not data.startswith(OLE_MAGIC) or _MAPI_PROPERTIES not in data:
        return False
    try:
        with olefile.OleFileIO(data) as ole:
            roots = {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # a damaged compound file: a message if its stream names say so
        log.debug("OLE directory not read", exc_info=True)
        return _MAPI_STREAM in data
    return "__properties_version1.0" in roots and any(n.startswith("__substg1.0_") for n in roots)


def _sniff_ole(data: bytes) -> FileKind:
    """Word 97 documents and password-protected OOXML both live in OLE files."""
    if "WordDocument".encode("utf-16-le") in data[:1 << 20] or b"EncryptedPackage" in data:
        return FileKind.OFFICE
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
        return FileKind.OFFICE
    return FileKind.UNKNOWN  # Excel 97, PowerPoint, ...: not a candidature piece format


def _looks_like_mail(head: bytes) -> bool:
    """At least two known RFC 5322 headers in the first header block."""
    block = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    names = {m.group(0).split(b":", 1)[0].lower() for m in _HEADER_LINE.finditer(block)}
    return len(names & set(_MAIL_HEADERS)) >= 2
