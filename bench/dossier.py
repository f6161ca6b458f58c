"""Whole dossiers through Guichet against the limit measured in the same run, as ratios.

    .venv/bin/python bench/dossier.py [--case scanned=PATH ...] [--repeat 2] [--no-profile]

For each dossier (a case folder of samples/ or samples/unseen/tune: its input/; by default a
merged 300 dpi scan, phone photos, digital PDFs and a .docx fiche):
- the limit: its page images (PDF pages without a text layer rendered at the OCR resolution,
  image frames as they are, rendered beforehand) through plain `tesseract IMAGE - -l fra`,
  one process per page, OMP_THREAD_LIMIT=1, on every core; its text pages through plain
  pdfplumber extract_text; a .docx or .odt converted by LibreOffice then read by pdfplumber;
- Guichet: `guichet process` on the case's input into a fresh data directory;
- start-up: `guichet process` on an empty folder, subtracted from Guichet's times.
- warm: the same, timed inside a process that first loaded what `guichet worker` preloads
  (spaCy's model, the geography) and ran once on an empty folder: what one more dossier
  costs an RQ worker or a `guichet process` batch, which load them once per process.
Prints wall and CPU (the process tree's user+system) of both and their ratios, then, unless
--no-profile, where a warm worker's time goes (--cold-profile: a cold command's): one more
run with every stage timed (wall and CPU, Tesseract's own CPU included, nested stages shown
as a/b with their own time only).
Target (issue 16): a scanned dossier <= 1.3x the limit in wall and in CPU (warm, or cold less
its start-up).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<script>.py`, this folder comes first on sys.path, where queue.py (the
# queue bench) would shadow the standard library's queue: take the folder off first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import email
import email.policy
import io
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CASES = {
    "scanned": ROOT / "samples/unseen/tune/15_saint-pons-de-thomieres_table_scan300_merged",
    "photographed": ROOT / "samples/06_photos_telephone",
    "digital": ROOT / "samples/01_pdf_numeriques",
    "docx": ROOT / "samples/02_fiche_docx",
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


# The limit ------------------------------------------------------------------------------

def input_files(folder: Path) -> list[tuple[str, bytes]]:
    """The files a case's input holds: e-mail attachments and zip members opened, recursively."""
    out: list[tuple[str, bytes]] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        out.extend(_opened(path.name, path.read_bytes()))
    return out


def _opened(name: str, data: bytes) -> list[tuple[str, bytes]]:
    suffix = Path(name).suffix.lower()
    if suffix == ".eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        return [f for part in message.iter_attachments() for f in _opened(
            part.get_filename() or "part", part.get_payload(decode=True) or b"")]
    if suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [f for info in archive.infolist() if not info.is_dir()
                    for f in _opened(Path(info.filename).name, archive.read(info))]
    return [(name, data)]


def prepared_limit(files: list[tuple[str, bytes]], workdir: Path, dpi: int) -> dict:
    """What the limit reads, made ready untimed: page images on disk, text PDFs, office files."""
    import pdfplumber
    import pypdfium2
    from PIL import Image, ImageSequence

    images, text_pdfs, office = [], [], []
    for index, (name, data) in enumerate(files):
        suffix = Path(name).suffix.lower()
        if suffix == ".pdf":
            path = workdir / f"{index}.pdf"
            path.write_bytes(data)
            with pdfplumber.open(path) as pdf:
                textual = [i for i, page in enumerate(pdf.pages) if page.chars]
                count = len(pdf.pages)
            text_pdfs.append((path, textual))
            document = pypdfium2.PdfDocument(str(path))
            for page in sorted(set(range(count)) - set(textual)):
                image = document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                images.append(_saved(image, workdir / f"{index}-{page}.pgm"))
            document.close()
        elif suffix in IMAGE_SUFFIXES:
            with Image.open(io.BytesIO(data)) as image:
                for frame, page in enumerate(ImageSequence.Iterator(image)):
                    images.append(_saved(page.convert("L"), workdir / f"{index}-{frame}.pgm"))
        elif suffix in (".docx", ".odt", ".doc"):
            path = workdir / f"{index}{suffix}"
            path.write_bytes(data)
            office.append(path)
    return {"images": images, "text_pdfs": text_pdfs, "office": office}


def _saved(image, path: Path) -> Path:
    image.save(path, format="PPM")
    return path


def run_limit(prepared: dict, workdir: Path, workers: int) -> tuple[float, float]:
    """Wall and CPU seconds of the plain tools on the prepared pages."""
    import pdfplumber

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    wall0, cpu0 = time.perf_counter(), _cpu()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        ocr = [pool.submit(subprocess.run, ["tesseract", str(p), "-", "-l", "fra"], env=env,
                           capture_output=True, check=True) for p in prepared["images"]]
        for path, pages in prepared["text_pdfs"]:
            with pdfplumber.open(path) as pdf:
                for page in pages:
                    pdf.pages[page].extract_text()
        for path in prepared["office"]:
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(path)],
                           capture_output=True, check=True, env={**os.environ, "HOME": str(workdir)})
            with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
                for page in pdf.pages:
                    page.extract_text()
        for future in ocr:
            future.result()
    return time.perf_counter() - wall0, _cpu() - cpu0


def _cpu() -> float:
    """User+system seconds of this process and of its children waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# Guichet --------------------------------------------------------------------------------

def guichet(inputs: Path, workdir: Path, profile: Path | None = None, warm: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds of `guichet process` on `inputs`, fresh data directory.

    Cold: the whole command, start-up and the loads included. Warm: measured inside a process
    that loaded first what a worker preloads (spaCy's model, the geography, the pipeline) and
    ran `guichet process` once on an empty folder: the cost of one more dossier to a worker,
    or in a batch."""
    data = Path(tempfile.mkdtemp(prefix="data-", dir=workdir))
    out = Path(tempfile.mkdtemp(prefix="out-", dir=workdir))
    env = {**os.environ, "GUICHET_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    env.pop("GUICHET_REDIS_URL", None)
    me = [sys.executable, str(Path(__file__).resolve())]
    timing = workdir / "warm-timing.json"
    if warm:
        command = [*me, "--warm-child", str(timing), str(profile or ""), "--"]
    elif profile is None:
        command = [str(Path(sys.executable).with_name("guichet"))]
    else:
        command = [*me, "--profiled-child", str(profile), "--"]
    wall0, cpu0 = time.perf_counter(), _cpu()
    subprocess.run([*command, "process", "--quiet", "--out", str(out), str(inputs)], check=True, env=env)
    if warm:
        measured = json.loads(timing.read_text(encoding="utf-8"))
        return measured["wall"], measured["cpu"]
    return time.perf_counter() - wall0, _cpu() - cpu0


def _warm_child(timing: str, records: str, argv: list[str]) -> None:
    """`guichet process` timed inside a process warmed as a worker is (see `guichet`)."""
    import guichet_cli
    from worker.entry import jobs

    jobs.preload()  # what `guichet worker` loads (and freezes) before its first job
    empty = tempfile.mkdtemp(prefix="empty-")
    guichet_cli.main(["process", "--quiet", "--out", os.path.join(empty, "out"), empty], standalone_mode=False)
    if records:
        _install_hooks(records)
    wall0, cpu0 = time.perf_counter(), _cpu()
    guichet_cli.main(argv, standalone_mode=False)
    Path(timing).write_text(json.dumps({"wall": time.perf_counter() - wall0, "cpu": _cpu() - cpu0}))


# The profile: stages timed in every process of one run ----------------------------------

def _install_hooks(records: str) -> None:
    import contextlib
    import functools
    import subprocess as sp
    import threading

    state = threading.local()
    # Opened once here: the sandboxed children inherit it, their file system being read-only.
    sink = os.open(records, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def stack() -> list:
        if not hasattr(state, "stack"):
            state.stack = []
        return state.stack

    def write(path: str, wall: float, cpu: float, start: float, end: float) -> None:
        os.write(sink, (json.dumps({"stage": path, "wall": wall, "cpu": cpu, "start": start, "end": end,
                                    "pid": os.getpid()}) + "\n").encode())

    @contextlib.contextmanager
    def stage(name: str):
        frames = stack()
        if frames and frames[-1]["name"] == name:  # a stage calling itself: one stage
            yield
            return
        now_wall, now_cpu = time.perf_counter(), time.thread_time()
        if frames:  # the enclosing stage's own time stops while this one runs
            parent = frames[-1]
            parent["wall"] += now_wall - parent["since_wall"]
            parent["cpu"] += now_cpu - parent["since_cpu"]
        frames.append({"name": name, "wall": 0.0, "cpu": 0.0, "tool_cpu": 0.0, "start": now_wall,
                       "since_wall": now_wall, "since_cpu": now_cpu})
        try:
            yield
        finally:
            end_wall, end_cpu = time.perf_counter(), time.thread_time()
            mine = frames.pop()
            path = "/".join(f["name"] for f in frames + [mine])
            write(path, mine["wall"] + end_wall - mine["since_wall"],
                  mine["cpu"] + end_cpu - mine["since_cpu"] + mine["tool_cpu"], mine["start"], end_wall)
            if frames:
                frames[-1]["since_wall"], frames[-1]["since_cpu"] = end_wall, end_cpu

    def timed(name, function):
        if getattr(function, "_bench_timed", False):
            return function

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with stage(name if isinstance(name, str) else name()):
                return function(*args, **kwargs)

        wrapper._bench_timed = True
        return wrapper

    def timed_iterator(name, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            iterator = iter(function(*args, **kwargs))
            while True:
                with stage(name):
                    try:
                        item = next(iterator)
                    except StopIteration:
                        return
                yield item
        return wrapper

    class ToolPopen(sp.Popen):
        """Popen that adds its child's CPU to the current stage (os.wait4 instead of waitpid)."""

        def _try_wait(self, wait_flags):
            try:
                pid, status, usage = os.wait4(self.pid, wait_flags)
            except ChildProcessError:
                return self.pid, 0
            if pid and stack():
                stack()[-1]["tool_cpu"] += usage.ru_utime + usage.ru_stime
            return pid, status

    def patch(owner, attribute: str, name, iterator: bool = False) -> None:
        original = getattr(owner, attribute)
        setattr(owner, attribute, (timed_iterator if iterator else timed)(name, original))

    from extractors import classify, images, office, pages as pages_module, pdf_text
    from extractors.fields import nlp
    from extractors.ocr import engine as engine_module, page as page_module
    from schemas import cog as cog_module
    from worker.core import assembly, pipeline as pipeline_module, signatures as signatures_module
    from worker.entry import batch
    from worker.persistence import store as store_module

    sp.Popen = ToolPopen  # every tool (tesseract, soffice, qpdf) counted in its stage
    patch(pdf_text, "render_page", "render")
    patch(images, "image_pages", "decode image", iterator=True)
    patch(office, "convert_to_pdf", "office to pdf")
    patch(pdf_text, "text_layer_page", "text layer")
    patch(pages_module, "read_file", "read file")
    for attribute, name in (("paper_straightened", "sheet"), ("uncurled_sheet", "dewarp"),
                            ("evenly_lit", "dewarp"),
                            ("reversed_bands_inverted", "inverted bands"), ("estimate_skew", "skew"),
                            ("page_thumbnail", "thumbnail"),  # a scan's, shared by skew, sheet and bands
                            ("rotated_free", "rotation"),  # a skew removed: not every page's
                            ("without_rules", "rules removal"),
                            ("with_missed_text", "second reading"), ("missed_sheet", "second reading"),
                            ("with_sheet_words", "second reading"), ("with_checkboxes", "check boxes"),
                            ("has_ink", "orientation signal"), ("upright_by_letters", "orientation signal")):
        if hasattr(page_module, attribute):
            patch(page_module, attribute, name)
    # A page's preparation and first reading (alone, or in a batch of pages read by one
    # Tesseract process) are "page/reading"; a turned page read again is the orientation check's.
    patch(pages_module, "_first_batch", "page")
    patch(pages_module, "first_reading", "page")
    patch(page_module, "prepared_page", "reading")
    patch(page_module, "_read_level", "orientation")
    patch(page_module, "read_prepared", "reading")
    patch(pages_module, "finished", "page")  # a page finished once its missed lines are read
    patch(pages_module, "_missed_words", "second reading")
    if hasattr(pages_module, "_boxes_of"):  # a page's check boxes looked for during the second reading
        patch(pages_module, "_boxes_of", "page")
        patch(pages_module, "page_boxes", "check boxes")
    patch(engine_module.TesseractEngine, "words_each", "tesseract")
    patch(engine_module.TesseractEngine, "words", "tesseract")
    patch(engine_module.TesseractEngine, "sparse_words", "tesseract")
    patch(engine_module.TesseractEngine, "block_words", "tesseract")
    if hasattr(engine_module.TesseractEngine, "blocks_words"):
        patch(engine_module.TesseractEngine, "blocks_words", "tesseract")
    if hasattr(engine_module.TesseractEngine, "blocks_words_streamed"):
        patch(engine_module.TesseractEngine, "blocks_words_streamed", "tesseract")
    if hasattr(engine_module.TesseractEngine, "sparse_words_each"):
        patch(engine_module.TesseractEngine, "sparse_words_each", "tesseract")
    patch(engine_module.TesseractEngine, "orientation", "tesseract osd")
    patch(classify, "split_documents", "classify")
    patch(pipeline_module, "check_signatures", "signatures")
    for attribute in ("signatures_of", "signature_of", "ink_check"):
        if hasattr(signatures_module, attribute):
            patch(signatures_module, attribute, "signatures")
    patch(signatures_module, "check_signature", "ink check")
    for attribute in ("block_text", "block_lines", "block_lines_streamed"):
        if hasattr(signatures_module, attribute):
            patch(signatures_module, attribute, "signatory block")
    patch(signatures_module, "outside_paper_whitened", "sheet")
    patch(nlp, "_model", "spacy load")
    patch(pipeline_module, "extract_fields", "fields")
    patch(pipeline_module, "letter_zones", "fields")
    patch(pipeline_module, "normalise_fields", "normalise")
    patch(pipeline_module, "assess_completeness", "assessment")
    patch(assembly, "assemble", "assessment")
    from worker.core import sandbox as sandbox_module

    if hasattr(pipeline_module, "run_limited"):
        patch(pipeline_module, "run_limited", "sandbox")
    if hasattr(sandbox_module, "Limited"):  # a child started, then awaited: the wait is the sandbox's
        patch(sandbox_module.Limited, "result", "sandbox")
    patch(signatures_module, "run_limited", "sandbox")
    patch(cog_module.Cog, "load", "geography load")
    patch(batch.Batch, "intake", "intake")
    patch(batch.Batch, "write", "export")
    for attribute, value in list(vars(store_module.Store).items()):
        if callable(value) and not attribute.startswith("_") and attribute != "session":
            patch(store_module.Store, attribute, "database")


# Reporting ------------------------------------------------------------------------------

GROUPS = (  # the profile summed by kind of work, in this order: the first that matches
    ("Tesseract (every call)", lambda s: s.endswith("tesseract") or s.endswith("tesseract osd")),
    ("loads once per process (geography, spaCy)", lambda s: s.endswith("geography load") or s.endswith("spacy load")),
    # a batch's pages are finished on threads of their own: their stages start at "reading"
    ("page image work around Tesseract", lambda s: s.startswith("page") or s.startswith("reading")),
    ("rendering and decoding", lambda s: s.endswith("render") or s.endswith("decode image")
     or s.endswith("office to pdf") or s.endswith("text layer")),
    ("signatures (rest)", lambda s: s.startswith("signatures")),
    ("database", lambda s: s.endswith("database")),
    ("fields, classify, assessment, export, other", lambda s: True),
)


def profile_groups(records: Path, limit_cpu: float) -> list[str]:
    """CPU by kind of work, and as a share of the limit's CPU."""
    sums = dict.fromkeys((name for name, _ in GROUPS), 0.0)
    for line in records.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        name = next(name for name, test in GROUPS if test(record["stage"]))
        sums[name] += record["cpu"]
    return [f"    {name:<58} cpu {cpu:6.2f} s = {cpu / limit_cpu:4.2f}x the limit" for name, cpu in sums.items()]


def profile_table(records: Path) -> list[str]:
    totals: dict[str, list[float]] = {}
    for line in records.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        row = totals.setdefault(record["stage"], [0, 0.0, 0.0])
        row[0] += 1
        row[1] += record["wall"]
        row[2] += record["cpu"]
    # A parent waiting on its sandboxed child is no work: its wall is the child's, shown there.
    lines = [f"    {'stage (own time; a/b: b inside a)':<58} {'calls':>5} {'busy s':>7} {'cpu s':>7}"]
    for stage, (calls, wall, cpu) in sorted(totals.items(), key=lambda item: -item[1][2]):
        note = "  (waiting for the sandbox)" if stage.endswith("sandbox") else ""
        lines.append(f"    {stage:<58} {calls:>5} {wall:7.2f} {cpu:7.2f}{note}")
    work = sum(c for s, (_, _, c) in totals.items())
    lines.append(f"    {'total CPU in stages':<58} {'':>5} {'':>7} {work:7.2f}")
    return lines


def timeline(records: Path, least: float = 0.03) -> list[str]:
    """Every stage that took `least` seconds or more, by start (offset from the first stage),
    with its process: where a dossier's wall time goes, and what runs at once."""
    rows = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    first = min((r["start"] for r in rows if "start" in r), default=0.0)
    pids: dict[int, int] = {}
    lines = [f"    {'start':>6} {'end':>6} {'proc':>4} {'stage':<58} {'cpu s':>6}"]
    for r in sorted((r for r in rows if "start" in r), key=lambda r: r["start"]):
        if r["end"] - r["start"] >= least:
            proc = pids.setdefault(r["pid"], len(pids))
            lines.append(f"    {r['start'] - first:6.2f} {r['end'] - first:6.2f} {proc:>4} "
                         f"{r['stage']:<58} {r['cpu']:6.2f}")
    return lines


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--warm-child":
        _warm_child(sys.argv[2], sys.argv[3], sys.argv[5:])
        return
    if len(sys.argv) > 2 and sys.argv[1] == "--profiled-child":
        records, argv = sys.argv[2], sys.argv[4:]
        _install_hooks(records)
        import guichet_cli

        sys.argv = ["guichet", *argv]
        guichet_cli.main()
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", metavar="NAME=PATH",
                        help="a case folder (its input/); repeatable; default: " + ", ".join(DEFAULT_CASES))
    parser.add_argument("--repeat", type=int, default=1, help="paired runs of each dossier (default 1)")
    parser.add_argument("--no-profile", action="store_true", help="no profiled run")
    parser.add_argument("--cold-profile", action="store_true",
                        help="profile a cold `guichet process` (the loads included), not a warm worker")
    parser.add_argument("--timeline", action="store_true",
                        help="with the profile: every stage of 0.03 s or more by start time, nested ones whole")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="tesseract processes at once for the limit (default: every core)")
    args = parser.parse_args()
    cases = dict(DEFAULT_CASES)
    if args.case:
        cases = {}
        for spec in args.case:
            name, _, path = spec.partition("=")
            cases[name] = Path(path).resolve()
    if "frozen" in str(cases):
        parser.error("samples/unseen/frozen is for totals only, never for tuning")
    dpi = int(os.environ.get("GUICHET_OCR_DPI", "300"))
    with tempfile.TemporaryDirectory(prefix="bench-dossier-") as tmp:
        work = Path(tmp)
        empty = work / "empty"
        empty.mkdir()
        for name, case in cases.items():
            limit_cpu = 1.0
            files = input_files(case / "input")
            prep = work / f"limit-{name}"
            prep.mkdir()
            prepared = prepared_limit(files, prep, dpi)
            print(f"{name}: {case.relative_to(ROOT) if case.is_relative_to(ROOT) else case} — "
                  f"{len(files)} file(s), {len(prepared['images'])} page image(s), "
                  f"{sum(len(p) for _, p in prepared['text_pdfs'])} text page(s), {len(prepared['office'])} office")
            for attempt in range(args.repeat):
                start_wall, start_cpu = guichet(empty, work)
                limit_wall, limit_cpu = run_limit(prepared, prep, args.workers)
                wall, cpu = guichet(case / "input", work)
                warm_wall, warm_cpu = guichet(case / "input", work, warm=True)
                net_wall, net_cpu = wall - start_wall, cpu - start_cpu
                print(f"  run {attempt + 1}: limit {limit_wall:6.2f} s wall {limit_cpu:6.2f} s cpu\n"
                      f"    warm worker (spaCy, geography loaded): guichet {warm_wall:6.2f} / {warm_cpu:6.2f} | "
                      f"ratio wall {warm_wall / limit_wall:4.2f}x cpu {warm_cpu / limit_cpu:4.2f}x\n"
                      f"    cold `guichet process`: {wall:6.2f} / {cpu:6.2f} (start-up {start_wall:4.2f} / "
                      f"{start_cpu:4.2f}) | less start-up: ratio wall {net_wall / limit_wall:4.2f}x "
                      f"cpu {net_cpu / limit_cpu:4.2f}x")
                shutil.rmtree(prep / "out", ignore_errors=True)
            if not args.no_profile:
                records = work / f"profile-{name}.jsonl"
                wall, cpu = guichet(case / "input", work, profile=records, warm=not args.cold_profile)
                print(f"  profiled run ({'cold, start-up included' if args.cold_profile else 'warm worker'}): "
                      f"{wall:.2f} s wall, {cpu:.2f} s cpu (timers add a little)")
                print("\n".join(profile_table(records)))
                print("\n".join(profile_groups(records, limit_cpu)))
                if args.timeline:
                    print("\n".join(timeline(records)))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
