"""Word-processor files: their tables read directly, and a PDF rendering by LibreOffice.

LibreOffice loads linked images, sections, templates and objects from anywhere a URL
points (http, file, smb). Before it sees a .docx or .odt, every link to content outside
the package is removed (hyperlinks stay: they are never fetched), and LibreOffice itself
runs under bubblewrap with no network, so a link missed here still reaches nothing.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from extractors import isolation
from extractors.errors import ErrorCode, GuichetError
from extractors.model import FileKind

log = logging.getLogger(__name__)

_ENTITY = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
_SUFFIX = {FileKind.DOCX: ".docx", FileKind.ODT: ".odt", FileKind.OFFICE: ".doc"}
Table = tuple[tuple[str, ...], ...]


def check_office(data: bytes, kind: FileKind) -> None:
    """Refuse encrypted files and XML that declares entities (XXE) before any parser sees it."""
    if b"EncryptedPackage" in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise GuichetError(ErrorCode.OFFICE_ENCRYPTED)
    if kind not in (FileKind.DOCX, FileKind.ODT):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")) and info.file_size < 64 << 20:
                    if _ENTITY.search(archive.read(info)):
                        raise GuichetError(ErrorCode.OFFICE_UNSAFE, info.filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise GuichetError(ErrorCode.OFFICE_INVALID, str(exc)[:200]) from exc


def read_tables(data: bytes, kind: FileKind) -> tuple[Table, ...]:
    """Every table of a .docx or .odt as rows of cell texts (the form's exact answers)."""
    try:
        if kind is FileKind.DOCX:
            return _docx_tables(data)
        if kind is FileKind.ODT:
            return _odt_tables(data)
    except Exception as exc:  # python-docx/odfpy raise many kinds on damaged files
        raise GuichetError(ErrorCode.OFFICE_INVALID, f"{type(exc).__name__}: {exc}"[:200]) from exc
    return ()


def _docx_tables(data: bytes) -> tuple[Table, ...]:
    import docx  # lazy: only office files need it

    document = docx.Document(io.BytesIO(data))
    return tuple(
        tuple(tuple(cell.text.strip() for cell in row.cells) for row in table.rows)
        for table in document.tables
    )


def _odt_tables(data: bytes) -> tuple[Table, ...]:
    from odf import opendocument, table, teletype, text  # lazy: only office files need it

    document = opendocument.load(io.BytesIO(data))
    tables = []
    for tbl in document.getElementsByType(table.Table):
        rows = []
        for row in tbl.getElementsByType(table.TableRow):
            cells = []
            for cell in row.getElementsByType(table.TableCell):
                paragraphs = cell.getElementsByType(text.P)
                cells.append("\n".join(teletype.extractText(p) for p in paragraphs).strip())
            rows.append(tuple(cells))
        tables.append(tuple(rows))
    return tuple(tables)


# Elements whose link is a hyperlink the reader may follow, never content LibreOffice loads.
_HYPERLINK_ELEMENTS = frozenset({"a"})
_LINK_ATTRIBUTES = frozenset({"href", "src"})
# Word fields that pull content from a path or URL when the document is opened or updated.
_FETCHING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT|INCLUDE)\b", re.I)
_HYPERLINK_FIELD = re.compile(r"^\s*HYPERLINK\b", re.I)
_PATH_IN_FIELD = re.compile(r"[a-z][a-z0-9+.-]*://|file:|\\\\", re.I)
_SCHEME = re.compile(r"^\s*[a-z][a-z0-9+.-]*:", re.I)
_MAY_LINK = re.compile(rb"href|src=|External|instr", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def without_external_links(data: bytes, kind: FileKind) -> bytes:
    """The .docx/.odt package with every link to outside content removed; other kinds unchanged.

    Removed: external relationships other than hyperlinks (linked images, templates,
    frames, OLE links) and imported chunks (.docx), href/src attributes that point
    outside the package on anything but a hyperlink (.odt images, sections, objects,
    backgrounds), and the instructions of fields that fetch (INCLUDEPICTURE, LINK...).
    """
    if kind not in (FileKind.DOCX, FileKind.ODT):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise GuichetError(ErrorCode.OFFICE_INVALID, str(exc)[:200]) from exc
    changed, removed = False, []
    for index, (info, content) in enumerate(members):
        if not info.filename.endswith((".xml", ".rels")) or not _MAY_LINK.search(content):
            continue
        cleaned = _clean_part(info.filename, content, removed)
        if cleaned is not None:
            members[index], changed = (info, cleaned), True
    if not changed:
        return data
    log.warning("office file: %d external link(s) removed before conversion: %s",
                len(removed), "; ".join(removed)[:300])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, content in members:  # same order: an .odt's mimetype stays first, stored
            archive.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue()


def _clean_part(name: str, content: bytes, removed: list[str]) -> bytes | None:
    """The part without its external links, or None when it has none."""
    from lxml import etree  # python-docx's dependency

    # huge_tree: a long or deep document is legitimate; time and memory are bounded by the child.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise GuichetError(ErrorCode.OFFICE_INVALID, f"{name}: {exc}"[:200]) from exc
    before = len(removed)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        local = etree.QName(element).localname
        if name.endswith(".rels") and local == "Relationship":
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            if (element.get("TargetMode", "").lower() == "external" and kind != "hyperlink") or kind == "aFChunk":
                removed.append(f"{name}: {kind} {element.get('Target', '')[:80]}")
                element.getparent().remove(element)
            continue
        if local not in _HYPERLINK_ELEMENTS:
            for attribute, value in list(element.attrib.items()):
                if etree.QName(attribute).localname in _LINK_ATTRIBUTES and _outside(value):
                    removed.append(f"{name}: {local} {value[:80]}")
                    del element.attrib[attribute]
        if element.tag == f"{_W}instrText" and _fetches(element.text or ""):
            removed.append(f"{name}: {(element.text or '').strip()[:80]}")
            element.text = ""
        if element.tag == f"{_W}fldSimple" and _fetches(element.get(f"{_W}instr", "")):
            removed.append(f"{name}: {element.get(f'{_W}instr', '').strip()[:80]}")
            element.set(f"{_W}instr", "")
    if len(removed) == before:
        return None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fetches(instruction: str) -> bool:
    """A field instruction (or a piece of one split over runs) that names outside content."""
    if _FETCHING_FIELD.match(instruction):
        return True
    return not _HYPERLINK_FIELD.match(instruction) and bool(_PATH_IN_FIELD.search(instruction))


def _outside(target: str) -> bool:
    """Whether a link points outside the package: a URL, an absolute or UNC path, or '..'."""
    target = target.strip()
    return bool(_SCHEME.match(target)) or target.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", target)


def convert_to_pdf(data: bytes, kind: FileKind, timeout: float) -> bytes:
    """Render an office file to PDF with LibreOffice headless, confined, killed whole on timeout."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise GuichetError(ErrorCode.OFFICE_CONVERSION_FAILED, "LibreOffice introuvable")
    data = without_external_links(data, kind)
    with tempfile.TemporaryDirectory(prefix="guichet-lo-") as tmp:
        tmp = os.path.realpath(tmp)
        source = Path(tmp) / f"document{_SUFFIX.get(kind, '.bin')}"
        source.write_bytes(data)
        # A private profile per conversion: concurrent conversions never share a lock.
        command = [
            os.path.realpath(soffice), "--headless", "--norestore", "--nolockcheck", "--nodefault",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to", "pdf", "--outdir", str(Path(tmp) / "out"), str(source),
        ]
        _run_killable(isolation.wrap(command, writable=[tmp]), timeout, home=tmp)
        output = Path(tmp) / "out" / "document.pdf"
        if not output.exists() or output.stat().st_size == 0:
            raise GuichetError(ErrorCode.OFFICE_CONVERSION_FAILED, "aucun PDF produit")
        return output.read_bytes()


def _run_killable(command: list[str], timeout: float, home: str) -> None:
    """Run in its own process group so a timeout kills LibreOffice and all its children."""
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        env=isolation.clean_environment(home),  # never the database URL, passwords or keys
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise GuichetError(ErrorCode.OFFICE_CONVERSION_FAILED, f"délai de {timeout:.0f} s dépassé") from exc
    if proc.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[-200:]
        raise GuichetError(ErrorCode.OFFICE_CONVERSION_FAILED, detail or f"code {proc.returncode}")
