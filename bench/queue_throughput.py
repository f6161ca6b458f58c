"""Dossiers per minute through real RQ workers (1 and 2 processes) against in-process, as ratios.

    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/queue_throughput.py [--cases 01,04,07,11,12,13]

Each mode starts from an empty data directory (nothing cached). Pages are OCR'd one at a
time inside a dossier (GUICHET_OCR_WORKERS=1) so that the workers' own parallelism is what
is measured. Also prints reprocessing (pages cached by content hash) against first processing.
Targets: 2 workers >= 1.8x one worker; queue overhead < 5 % of a dossier's time; reprocessing >= 10x faster.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.model import Part  # noqa: E402
from extractors.ocr import TesseractEngine  # noqa: E402
from schemas.cog import Cog  # noqa: E402
from worker import pipeline  # noqa: E402
from worker.queue import enqueue_processing, make_queue  # noqa: E402
from worker.settings import Settings  # noqa: E402
from worker.store import Store  # noqa: E402


def fresh(workdir: Path, redis_url: str) -> tuple[Settings, dict]:
    env = {"GUICHET_DATA_DIR": str(workdir), "REDIS_URL": redis_url, "GUICHET_OCR_WORKERS": "1",
           "GUICHET_QUEUE": f"bench-{uuid.uuid4().hex[:8]}"}
    return Settings.from_env(env), env


def intake(cases: list[str], store: Store, settings: Settings) -> list[str]:
    ids = []
    for case in cases:
        folder = ROOT / "samples" / case / "input"
        parts = [Part(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]
        ids.append(pipeline.intake_files(parts, case, store=store, settings=settings).dossier_id)
    return ids


def in_process(cases: list[str], workdir: Path, redis_url: str) -> tuple[float, float]:
    settings, _ = fresh(workdir, redis_url)
    store, engine, cog = Store(settings), TesseractEngine("fra"), Cog.load()
    ids = intake(cases, store, settings)
    started = time.perf_counter()
    for dossier_id in ids:
        pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for dossier_id in ids:
        pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    return first, time.perf_counter() - started


def through_workers(cases: list[str], workdir: Path, redis_url: str, workers: int) -> float:
    settings, env = fresh(workdir, redis_url)
    store = Store(settings)
    ids = intake(cases, store, settings)
    for dossier_id in ids:
        enqueue_processing(settings, dossier_id)
    command = [str(Path(sys.executable).with_name("guichet")), "worker", "--burst", "--sweep-every", "0"]
    started = time.perf_counter()
    procs = [subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(workers)]
    for proc in procs:
        proc.wait()
    elapsed = time.perf_counter() - started
    statuses = [store.dossier(d).status for d in ids]
    assert statuses == ["processed"] * len(ids), statuses
    make_queue(settings).delete(delete_jobs=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="01_pdf_numeriques,04_scans,07_pdf_fusionne_desordre,"
                        "11_sans_courrier_prefet,12_non_signe_section_vide,13_signataire_non_habilite")
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["GUICHET_OCR_WORKERS"] = "1"
    cases = args.cases.split(",")
    with tempfile.TemporaryDirectory(prefix="guichet-queue-bench-") as tmp:
        tmp = Path(tmp)
        local, again = in_process(cases, tmp / "local", redis_url)
        one = through_workers(cases, tmp / "one", redis_url, 1)
        two = through_workers(cases, tmp / "two", redis_url, 2)
    n = len(cases)
    print(f"in-process   {n} dossiers {local:6.1f} s   {60 * n / local:5.1f} dossiers/min")
    print(f"1 worker     {n} dossiers {one:6.1f} s   {60 * n / one:5.1f} dossiers/min   "
          f"queue overhead {(one - local) / local:+.1%} of processing time  (target < 5 %)")
    print(f"2 workers    {n} dossiers {two:6.1f} s   {60 * n / two:5.1f} dossiers/min   "
          f"speed-up {one / two:4.2f}x  (target >= 1.8x)")
    print(f"reprocess    {n} dossiers {again:6.1f} s   {local / again:5.1f}x faster than first processing "
          f"(target >= 10x)")


if __name__ == "__main__":
    main()
