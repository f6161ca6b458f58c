"""LibreOffice conversions and byte-level determinism of the files we write."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

log = logging.getLogger(__name__)

FIXED_ZIP_TIME = (2026, 1, 5, 9, 0, 0)


def convert(files: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert office files with headless LibreOffice (one process for all files)."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    ext = fmt.split(":")[0]
    results = [outdir / (f.stem + "." + ext) for f in files]
    for result in results:
        if not result.exists():
            raise RuntimeError(f"LibreOffice did not produce {result}")
        if ext == "pdf":
            make_pdf_deterministic(result)
        elif ext in ("odt", "docx"):
            make_zip_deterministic(result)
    return results


def make_pdf_deterministic(path: Path) -> None:
    """Pin the dates and /ID that LibreOffice stamps (same-length edits keep the xref valid)."""
    data = path.read_bytes()
    data = re.sub(rb"/CreationDate\(D:\d{14}[^)]*\)",
                  lambda m: _same_length(m.group(0), b"/CreationDate(D:20260105090000Z')"), data)
    data = re.sub(rb"/ModDate\(D:\d{14}[^)]*\)",
                  lambda m: _same_length(m.group(0), b"/ModDate(D:20260105090000Z')"), data)
    digest = hashlib.md5(path.name.encode()).hexdigest().encode()
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
                  lambda m: re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + digest + b">", m.group(0)), data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest.upper(), data)
    path.write_bytes(data)


def _same_length(old: bytes, new: bytes) -> bytes:
    if len(new) > len(old):
        return old
    return new[:-1] + b" " * (len(old) - len(new)) + new[-1:]


def make_zip_deterministic(path: Path, strip_meta_dates: bool = True) -> None:
    """Rewrite a zip-based file with fixed timestamps (and fixed ODF meta dates)."""
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w") as dst:
        for info, data in members:
            if strip_meta_dates and info.filename == "meta.xml":
                data = re.sub(rb"(<(?:dc:date|meta:creation-date)>)[^<]*",
                              rb"\g<1>2026-01-05T09:00:00", data)
                data = re.sub(rb"<meta:editing-duration>[^<]*",
                              rb"<meta:editing-duration>PT1H", data)
            if strip_meta_dates and info.filename == "settings.xml":  # random revision ids
                data = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+',
                              rb"\g<1>1048576", data)
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                   else zipfile.ZIP_DEFLATED)
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    shutil.move(tmp, path)


def pdf_page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def merge_pdfs(parts: list[tuple[Path, str]], out: Path) -> None:
    """Concatenate page ranges ('1-z', '2', ...) of several PDFs with qpdf."""
    args = ["qpdf", "--deterministic-id", "--empty", "--pages"]
    for path, pages in parts:
        args += [str(path), pages]
    args += ["--", str(out)]
    subprocess.run(args, check=True, capture_output=True)


def render_pages(pdf: Path, dpi: int, outdir: Path, gray: bool = False) -> list[Path]:
    """Render every page of a PDF to PNG with pdftoppm; returns the files in page order."""
    outdir.mkdir(parents=True, exist_ok=True)
    prefix = outdir / pdf.stem
    args = ["pdftoppm", "-r", str(dpi), "-png"] + (["-gray"] if gray else [])
    subprocess.run(args + [str(pdf), str(prefix)], check=True, capture_output=True)
    return sorted(outdir.glob(pdf.stem + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
