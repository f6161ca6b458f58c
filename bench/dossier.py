"""Whole dossiers through Guichet against the limit measured in the same run, as ratios.

    .venv/bin/python bench/dossier.py [--case scanned=PATH ...] [--repeat 5] [--no-cold] [--no-profile]
        [--against main=OTHER_TREE]

For each dossier (a case folder of samples/ or samples/unseen/tune: its input/; by default a
merged 300 dpi scan, phone photos, digital PDFs and a .docx fiche):
- the limit: its page images (PDF pages without a text layer rendered at the OCR resolution,
  image frames as they are, rendered beforehand) through plain `tesseract IMAGE - -l fra`,
  one process per page, OMP_THREAD_LIMIT=1, on every core; its text pages through plain
  pdfplumber extract_text; a .docx or .odt converted by LibreOffice then read by pdfplumber;
- warm worker: `guichet process` on the case's input into a fresh data directory, timed
  inside a process that first loaded what `guichet worker` preloads (spaCy's model, the
  geography) and ran once on an empty folder: what one more dossier costs an RQ worker or a
  `guichet process` batch, which load them once per process;
- cold (unless --no-cold): the command itself, less its start-up (`guichet process` on an
  empty folder, timed right after it), which leaves in the loads a dossier needs (spaCy, the
  geography, Tesseract's model): a worker pays them once, not per dossier;
- --against NAME=TREE: a warm worker of another checkout (its bench/dossier.py warms it) in
  the same rounds, and its cold command too (unless --no-cold): before and after a change,
  under the same load.
The machine's load moves the limit itself by a third between runs a minute apart, so they are
timed in rounds (--repeat, default 3): the limit and Guichet back to back, the limit first in
odd rounds and last in even ones. Prints each round's wall and CPU (the process tree's
user+system) and ratios, then the median and spread (lowest–highest) of the per-round
ratios (and of this tree's to the other's); then, unless --no-profile, where a warm worker's
time goes (--cold-profile: a cold command's): one more run with every stage timed
(bench/dossier_profile.py: wall and CPU, Tesseract's own CPU included, nested stages shown
as a/b with their own time only); --runnable: one more, its threads wanting a core counted
every few ms, whatever the load (bench/dossier_runnable.py): the stretches where a core idles.
Target (issue 16): a scanned dossier's median paired ratio <= 1.3x in wall and in CPU (warm,
or cold less its start-up).
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
from functools import partial

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import dossier_profile, dossier_runnable  # noqa: E402

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

def guichet(inputs: Path, workdir: Path, profile: Path | None = None, warm: bool = False,
            root: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of `guichet process` on `inputs`, fresh data directory.

    Cold: the whole command, start-up and the loads included. Warm: measured inside a process
    that loaded first what a worker preloads (spaCy's model, the geography, the pipeline) and
    ran `guichet process` once on an empty folder: the cost of one more dossier to a worker,
    or in a batch. `root`: the source tree run (another checkout: its own bench/dossier.py
    warms it)."""
    data = Path(tempfile.mkdtemp(prefix="data-", dir=workdir))
    out = Path(tempfile.mkdtemp(prefix="out-", dir=workdir))
    env = {**os.environ, "GUICHET_DATA_DIR": str(data), "PYTHONPATH": str(root)}
    env.pop("REDIS_URL", None)
    env.pop("GUICHET_REDIS_URL", None)
    me = [sys.executable, str(root / "bench" / "dossier.py")]
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
        dossier_profile.install_hooks(records)
    wall0, cpu0 = time.perf_counter(), _cpu()
    guichet_cli.main(argv, standalone_mode=False)
    wall = time.perf_counter() - wall0
    _children_reaped()
    Path(timing).write_text(json.dumps({"wall": wall, "cpu": _cpu() - cpu0}))


def _children_reaped() -> None:
    """The sandboxed children killed after their result and not yet reaped (a worker reaps them
    at its next child), reaped now, after the wall time: their CPU counts (RUSAGE_CHILDREN
    holds only the children waited for)."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.join(10)


# Pairs: the limit and Guichet timed in turn ---------------------------------------------

WARM = "warm worker"
COLD = "cold, less start-up"


def paired_rounds(limit, runs: dict, rounds: int, shown=None) -> list[dict]:
    """`rounds` rounds, each the limit and every one of `runs` (name: a call giving (wall, cpu))
    timed back to back, the order reversed every other round (limit first, then last): a load
    that rises or falls over a round weighs on both sides alike. Several runs take turns in
    each place every two rounds (L A B, B A L, L B A, A B L): none always runs in the middle.
    Each round: {"limit": (wall, cpu), name: (wall, cpu), ...}; `shown(index, round)` called
    as each ends."""
    out, others = [], list(runs.items())
    for index in range(rounds):
        turn = index // 2 % max(1, len(others))
        order = [("limit", limit), *others[turn:], *others[:turn]]
        if index % 2:
            order.reverse()
        out.append({name: call() for name, call in order})
        if shown is not None:
            shown(index, out[-1])
    return out


def ratio_summary(rounds: list[dict], name: str, axis: int,
                  base: str = "limit") -> tuple[list[float], float, float, float]:
    """`name`'s ratio to `base` (the limit) of the same round, per round (wall: axis 0, CPU: 1),
    and their median, lowest and highest."""
    ratios = [r[name][axis] / r[base][axis] for r in rounds]
    ordered = sorted(ratios)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return ratios, median, ordered[0], ordered[-1]


def round_line(index: int, r: dict) -> str:
    """One round's times (wall / cpu) and ratios."""
    parts = [f"limit {r['limit'][0]:5.2f} / {r['limit'][1]:5.2f}"]
    parts += [f"{n} {w:5.2f} / {c:5.2f} = {w / r['limit'][0]:4.2f}x / {c / r['limit'][1]:4.2f}x"
              for n, (w, c) in r.items() if n != "limit"]
    return f"  round {index + 1} ({'limit first' if index % 2 == 0 else 'limit last'}; wall / cpu s): " + \
        " | ".join(parts)


def report(rounds: list[dict], target: float = 1.3) -> list[str]:
    """The median and spread of the paired ratios, and the limit's own spread."""
    names = [n for n in rounds[0] if n != "limit"]
    lines = []
    lines.append(f"  paired ratios over {len(rounds)} round(s): median (lowest–highest)")
    for n in names:
        cells = []
        for axis, label in ((0, "wall"), (1, "cpu")):
            _, median, low, high = ratio_summary(rounds, n, axis)
            cells.append(f"{label} {median:4.2f}x ({low:4.2f}–{high:4.2f})"
                         f"{'' if median <= target else ' > ' + format(target)}")
        lines.append(f"    {n:<28} " + "   ".join(cells))
    walls = sorted(r["limit"][0] for r in rounds)
    cpus = sorted(r["limit"][1] for r in rounds)
    lines.append(f"    {'the limit itself':<28} wall {walls[0]:.2f}–{walls[-1]:.2f} s   "
                 f"cpu {cpus[0]:.2f}–{cpus[-1]:.2f} s")
    for kind in (WARM, COLD):
        for other in (n for n in names if n.startswith(kind + " (")):  # another tree's, in the same rounds
            cells = [f"{label} {median:4.2f}x ({low:4.2f}–{high:4.2f})" for axis, label in ((0, "wall"), (1, "cpu"))
                     for _, median, low, high in [ratio_summary(rounds, kind, axis, base=other)]]
            lines.append(f"    {'this tree / ' + other[len(kind) + 2:-1] + (', cold' if kind == COLD else ''):<28} "
                         + "   ".join(cells))
    return lines


def bench_case(name: str, case: Path, work: Path, args: argparse.Namespace) -> None:
    """The paired rounds of one case, then its profile."""
    files = input_files(case / "input")
    prep = work / f"limit-{name}"
    prep.mkdir()
    prepared = prepared_limit(files, prep, int(os.environ.get("GUICHET_OCR_DPI", "300")))
    print(f"{name}: {case.relative_to(ROOT) if case.is_relative_to(ROOT) else case} — "
          f"{len(files)} file(s), {len(prepared['images'])} page image(s), "
          f"{sum(len(p) for _, p in prepared['text_pdfs'])} text page(s), {len(prepared['office'])} office")
    starts: list[tuple[float, float]] = []
    other_starts: dict[str, list[tuple[float, float]]] = {}  # --against trees' start-ups

    def cold(root: Path = ROOT, starts: list = starts) -> tuple[float, float]:
        """A cold command less its start-up, timed right after it."""
        run = guichet(case / "input", work, root=root)
        starts.append(guichet(work / "empty", work, root=root))
        return run[0] - starts[-1][0], run[1] - starts[-1][1]

    runs = {WARM: lambda: guichet(case / "input", work, warm=True)}
    for label, tree in args.against:
        runs[f"{WARM} ({label})"] = partial(guichet, case / "input", work, warm=True, root=tree)
    if not args.no_cold:
        runs[COLD] = cold
        for label, tree in args.against:
            runs[f"{COLD} ({label})"] = partial(cold, tree, other_starts.setdefault(label, []))
    rounds = paired_rounds(lambda: run_limit(prepared, prep, args.workers), runs, args.repeat,
                           shown=lambda index, r: print(round_line(index, r), flush=True))
    print("\n".join(report(rounds)))
    for label, times in (("", starts), *((f" ({k})", v) for k, v in other_starts.items())):
        if times:
            walls, cpus = sorted(w for w, _ in times), sorted(c for _, c in times)
            print(f"    {'start-up (an empty folder)' + label:<28} wall {walls[0]:.2f}–{walls[-1]:.2f} s   "
                  f"cpu {cpus[0]:.2f}–{cpus[-1]:.2f} s")
    shutil.rmtree(prep / "out", ignore_errors=True)
    if not args.no_profile:
        limit_cpu = sorted(r["limit"][1] for r in rounds)[len(rounds) // 2]
        records = work / f"profile-{name}.jsonl"
        wall, cpu = guichet(case / "input", work, profile=records, warm=not args.cold_profile)
        print(f"  profiled run ({'cold, start-up included' if args.cold_profile else 'warm worker'}): "
              f"{wall:.2f} s wall, {cpu:.2f} s cpu (timers add a little)")
        print("\n".join(dossier_profile.profile_table(records)))
        print("\n".join(dossier_profile.profile_groups(records, limit_cpu)))
        if args.timeline:
            print("\n".join(dossier_profile.timeline(records)))
    if args.runnable:  # one more warm run, its threads sampled (bench/dossier_runnable.py)
        records = work / f"runnable-{name}.jsonl"
        with dossier_runnable.Sampler() as sampler:
            guichet(case / "input", work, profile=records, warm=True)
        print("  where fewer threads want a core than there are cores (warm worker, profiled):")
        print("\n".join(dossier_runnable.runnable_report(sampler.samples, dossier_runnable.records_of(records),
                                                        args.workers)))


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--warm-child":
        _warm_child(sys.argv[2], sys.argv[3], sys.argv[5:])
        return
    if len(sys.argv) > 2 and sys.argv[1] == "--profiled-child":
        records, argv = sys.argv[2], sys.argv[4:]
        dossier_profile.install_hooks(records)
        import guichet_cli

        sys.argv = ["guichet", *argv]
        guichet_cli.main()
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", metavar="NAME=PATH",
                        help="a case folder (its input/); repeatable; default: " + ", ".join(DEFAULT_CASES))
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of each dossier, the limit and Guichet in turn (default 3)")
    parser.add_argument("--no-cold", action="store_true",
                        help="time a warm worker only, not also a cold `guichet process` less its start-up")
    parser.add_argument("--against", action="append", default=[], metavar="NAME=TREE",
                        type=lambda spec: (spec.partition("=")[0], Path(spec.partition("=")[2]).resolve()),
                        help="also time a warm worker (and a cold command) of another source tree (e.g. main's) "
                             "in each round")
    parser.add_argument("--no-profile", action="store_true", help="no profiled run")
    parser.add_argument("--cold-profile", action="store_true",
                        help="profile a cold `guichet process` (the loads included), not a warm worker")
    parser.add_argument("--timeline", action="store_true",
                        help="with the profile: every stage of 0.03 s or more by start time, nested ones whole")
    parser.add_argument("--runnable", action="store_true",
                        help="one more warm run, its runnable threads sampled: where a core idles on a quiet machine")
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
    with tempfile.TemporaryDirectory(prefix="bench-dossier-") as tmp:
        work = Path(tmp)
        empty = work / "empty"
        empty.mkdir()
        for name, case in cases.items():
            bench_case(name, case, work, args)
            sys.stdout.flush()

if __name__ == "__main__":
    main()
