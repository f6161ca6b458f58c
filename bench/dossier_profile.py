"""The profile of `bench/dossier.py`: every stage of one Guichet run timed (wall, CPU, Tesseract's
own CPU included) in every process, written as JSON lines, then summed by stage, by kind of
work, or laid out by start time. Split from bench/dossier.py (which runs it) for its size."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

# The profile: stages timed in every process of one run ----------------------------------

def install_hooks(records: str) -> None:
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
        patch(page_module, "page_boxes", "check boxes")  # looked for on a thread of their own (speed31)
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
    ("page image work around Tesseract", lambda s: s.startswith("page") or s.startswith("reading")
     or s.startswith("check boxes")),  # a page's, looked for on a thread of their own
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
