"""Word-processor files: their tables read directly, and a PDF rendering by LibreOffice."""

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
                    if _ENTITY.search(archive.read(info)[:1 << 20]):
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


def convert_to_pdf(data: bytes, kind: FileKind, timeout: float) -> bytes:
    """Render an office file to PDF with LibreOffice headless, killed whole on timeout."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise GuichetError(ErrorCode.OFFICE_CONVERSION_FAILED, "LibreOffice introuvable")
    with tempfile.TemporaryDirectory(prefix="guichet-lo-") as tmp:
        source = Path(tmp) / f"document{_SUFFIX.get(kind, '.bin')}"
        source.write_bytes(data)
        # A private profile per conversion: concurrent conversions never share a lock.
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to", "pdf", "--outdir", str(Path(tmp) / "out"), str(source),
        ]
        _run_killable(command, timeout)
        output = Path(tmp) / "out" / "document.pdf"
        if not output.exists() or output.stat().st_size == 0:
            raise GuichetError(ErrorCode.OFFICE_CONVERSION_FAILED, "aucun PDF produit")
        return output.read_bytes()


def _run_killable(command: list[str], timeout: float) -> None:
    """Run in its own process group so a timeout kills LibreOffice and all its children."""
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "HOME": os.environ.get("HOME", "/tmp")},
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
