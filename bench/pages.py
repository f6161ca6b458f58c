"""Seconds per page through Guichet against plain pdfplumber and plain tesseract, as ratios.

    .venv/bin/python bench/pages.py [--ocr-pages 10] [--memory-pages 50]

Prints, for the same pages in the same run:
- text-layer pages: Guichet (sandboxed read + cache write) vs pdfplumber extract_text;
- OCR'd pages, one worker: Guichet (render, deskew, OCR, orientation check) vs the plain
  `tesseract` command on pre-rendered PNGs, OMP_THREAD_LIMIT=1;
- the same scan on every core: wall time vs the sum of its page times;
- peak memory (max RSS of the reading process tree) for a long scan.
Targets: OCR <= 1.15x, text layer <= 1.5x, parallel <= 0.6x on 2 cores, memory < 1 GiB.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<script>.py`, this folder comes first on sys.path, where queue.py (the
# queue bench) would shadow the standard library's queue: take the folder off first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import os
import subprocess
import tempfile
import time
from dataclasses import replace

import pdfplumber
import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.model import FileKind  # noqa: E402
from worker.core.context import make_context  # noqa: E402
from worker.core.pipeline import read_stored_file  # noqa: E402
from worker.persistence.store import Store  # noqa: E402
from worker.settings import Settings  # noqa: E402

FORM = ROOT.parent / "shared" / "forms" / "fiche-de-candidature-atelier-flash.pdf"


def repeat_pdf(source: Path, pages: int, out: Path) -> Path:
    """A PDF of `pages` pages made by repeating `source` (qpdf)."""
    count = len(pdfplumber.open(source).pages)
    ranges = [str(source), "1-z"] * (pages // count + 1)
    subprocess.run(["qpdf", "--empty", "--pages", *ranges, "--", str(out)], check=True)
    subprocess.run(["qpdf", "--replace-input", str(out), "--pages", str(out), f"1-{pages}", "--"], check=True)
    return out


def scan_pdf(source: Path, pages: int, out: Path, dpi: int = 300) -> Path:
    """An image-only PDF: `pages` pages of `source` rendered at `dpi`, greyscale JPEG."""
    document = pypdfium2.PdfDocument(str(source))
    images = []
    for index in range(pages):
        page = document[index % len(document)]
        images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:], quality=75)
    return out


def guichet_read(pdf: Path, workdir: Path, workers: int) -> float:
    """Seconds for Guichet to read every page of `pdf` (fresh store: no cache)."""
    settings = Settings.from_env({"GUICHET_DATA_DIR": str(workdir)})
    settings = replace(settings, ocr_workers=workers)
    ctx = make_context(settings, Store(settings))
    ctx.engine  # noqa: B018  (built before the clock starts, as it was)
    sha256 = ctx.store.blobs.put(pdf.read_bytes())
    started = time.perf_counter()
    reading = read_stored_file(sha256, FileKind.PDF, pdf.name, ctx)
    elapsed = time.perf_counter() - started
    assert reading.error_code is None and reading.page_count > 0, reading.issues
    return elapsed


def plain_pdfplumber(pdf: Path) -> float:
    started = time.perf_counter()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_text()
    return time.perf_counter() - started


def plain_tesseract(pdf: Path, workdir: Path, dpi: int = 300) -> float:
    """Seconds of `tesseract` alone on the pages, pre-rendered to PNG (rendering not counted)."""
    prefix = workdir / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    for png in sorted(workdir.glob("page-*.png")):
        subprocess.run(["tesseract", str(png), "-", "-l", "fra"], check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def peak_memory(pdf: Path, workdir: Path) -> float:
    """MiB: max RSS of a fresh process reading `pdf` and of its children (sandbox, tesseract)."""
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r}); from bench.pages import guichet_read; "
        f"from pathlib import Path; guichet_read(Path({str(pdf)!r}), Path({str(workdir)!r}), {os.cpu_count() or 1:d}); "
        "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text-pages", type=int, default=40)
    parser.add_argument("--ocr-pages", type=int, default=10)
    parser.add_argument("--memory-pages", type=int, default=50)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="guichet-bench-") as tmp:
        tmp = Path(tmp)
        text_pdf = repeat_pdf(FORM, args.text_pages, tmp / "text.pdf")
        scan = scan_pdf(FORM, args.ocr_pages, tmp / "scan.pdf")
        (tmp / "png").mkdir()

        plain_text = plain_pdfplumber(text_pdf) / args.text_pages
        ours_text = guichet_read(text_pdf, tmp / "t", 1) / args.text_pages
        plain_ocr = plain_tesseract(scan, tmp / "png") / args.ocr_pages
        ours_ocr_total = guichet_read(scan, tmp / "o1", 1)
        ours_ocr = ours_ocr_total / args.ocr_pages
        parallel = guichet_read(scan, tmp / "o2", cores)

        print(f"text layer  {args.text_pages:3d} pages  guichet {ours_text * 1000:7.1f} ms/page   "
              f"pdfplumber {plain_text * 1000:7.1f} ms/page   ratio {ours_text / plain_text:5.2f}  (target <= 1.50)")
        print(f"OCR         {args.ocr_pages:3d} pages  guichet {ours_ocr:7.2f} s/page    "
              f"tesseract  {plain_ocr:7.2f} s/page    ratio {ours_ocr / plain_ocr:5.2f}  (target <= 1.15)")
        print(f"parallel    {args.ocr_pages:3d} pages  {cores} workers wall {parallel:6.1f} s   "
              f"sum of pages {ours_ocr_total:6.1f} s   ratio {parallel / ours_ocr_total:5.2f}  (target < 0.60)")
        if args.memory_pages:
            long_scan = scan_pdf(FORM, args.memory_pages, tmp / "long.pdf")
            mib = peak_memory(long_scan, tmp / "m")
            print(f"memory      {args.memory_pages:3d} pages  peak RSS {mib:7.0f} MiB   (target < 1024)")


if __name__ == "__main__":
    main()
