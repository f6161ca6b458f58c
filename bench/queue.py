"""Dossiers per minute through real RQ workers (1 and 2 processes) against in-process, as ratios.

    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/queue.py [--cases 01_...,04_...]

A fixed set of sample dossiers (digital PDFs, office files, scans, photos, mails) is read:
  1. in-process (`guichet process`'s loop), from an empty data directory, then again
     (reprocessing: pages and signature checks cached by content hash);
  2. through 1, then 2 `guichet worker` processes, each from an empty data directory: the
     workers are started and ready before the dossiers are queued, and the time runs from
     the first job queued to the last dossier processed. Jobs are queued longest first (by
     the in-process times of this run), so that two workers can balance.
Pages are OCR'd one at a time in a dossier (GUICHET_OCR_WORKERS=1): the workers' own
parallelism is what is measured. Worker start-up (imports, the COG, the OCR engine, spaCy,
the first sweep) is measured apart, on an empty queue; the queue's own cost per job
(enqueue, Redis round trips, JSON (de)serialisation, RQ's fork per job) on no-op jobs.
Targets: 2 workers >= 1.8x one; queue overhead < 5 % of a dossier's time; reprocessing >= 10x.
The machine's load average is printed by each figure: other processes share its cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/queue.py`, this folder comes first on sys.path and this file would
# shadow the standard library's `queue` (imported by multiprocessing, concurrent.futures,
# redis...): take the folder off before importing anything that pulls `queue`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from extractors.ocr.engine import TesseractEngine  # noqa: E402
from schemas.cog import Cog  # noqa: E402
from worker.core import pipeline  # noqa: E402
from worker.core.context import make_context  # noqa: E402
from worker.core.intake import intake_files, intake_message  # noqa: E402
from worker.core.queue import JOBS_PER_DOSSIER, STAGES, enqueue_processing, make_queue  # noqa: E402
from worker.entry.inputs import plan_input  # noqa: E402
from worker.persistence.store import Store  # noqa: E402
from worker.settings import Settings  # noqa: E402

CASES = ("01_pdf_numeriques,02_fiche_docx,03_fiche_odt,04_scans,05_scan_unique_pivote,06_photos_telephone,"
         "07_pdf_fusionne_desordre,08_archive_zip,09_fil_emails,10_email_transfere,11_sans_courrier_prefet,"
         "12_non_signe_section_vide,13_signataire_non_habilite,14_mauvais_destinataire")
GUICHET = str(Path(sys.executable).with_name("guichet"))


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def cpu_seconds() -> float:
    """CPU time of this process and of its children reaped so far (workers, parsers, Tesseract)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def fresh(workdir: Path, redis_url: str) -> tuple[Settings, dict]:
    env = {"GUICHET_DATA_DIR": str(workdir), "REDIS_URL": redis_url, "GUICHET_OCR_WORKERS": "1",
           "GUICHET_QUEUE": f"bench-{uuid.uuid4().hex[:8]}"}
    env.pop("DATABASE_URL", None)
    return Settings.from_env(env), env


def intake(cases: list[str], store: Store, settings: Settings) -> dict[str, str]:
    """Each case's input folder as one dossier (its mails as a thread), by case name."""
    ids = {}
    for case in cases:
        plan = plan_input(ROOT / "samples" / case / "input", case)
        for name, raw in plan.messages:
            ids[case] = intake_message(raw, name, store=store, settings=settings).dossier_id
        if plan.loose:
            ids[case] = intake_files(plan.loose, case, store=store, settings=settings).dossier_id
    return ids


def in_process(cases: list[str], workdir: Path, redis_url: str) -> tuple[dict[str, float], float, str, float]:
    """Seconds per case, first processing; seconds for all again (reprocessing); load; CPU seconds."""
    settings, _ = fresh(workdir, redis_url)
    store, engine, cog = Store(settings), TesseractEngine("fra"), Cog.load()
    ids = intake(cases, store, settings)
    seconds = {}
    cpu = cpu_seconds()
    for case in cases:
        started = time.perf_counter()
        pipeline.run(ids[case], make_context(settings, store, engine=engine, cog=cog))
        seconds[case] = time.perf_counter() - started
    at, cpu = load(), cpu_seconds() - cpu
    started = time.perf_counter()
    for case in cases:
        pipeline.run(ids[case], make_context(settings, store, engine=engine, cog=cog))
    return seconds, time.perf_counter() - started, at, cpu


def worker_startup(workdir: Path, redis_url: str, runs: int = 3) -> tuple[float, float]:
    """Seconds (median) and CPU seconds (mean) of `guichet worker --burst` on an empty queue:
    start, load, sweep, stop."""
    settings, env = fresh(workdir, redis_url)
    Store(settings)  # the schema, as a worker finds it in production
    times = []
    cpu = cpu_seconds()
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([GUICHET, "worker", "--burst", "--sweep-every", "0"], env={**os.environ, **env},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    make_queue(settings).delete(delete_jobs=True)
    return statistics.median(times), (cpu_seconds() - cpu) / runs


def queue_cost(workdir: Path, redis_url: str, startup: float, jobs: int = 100) -> tuple[float, float]:
    """Seconds per job to enqueue, and per job through a worker (no work), start-up taken off."""
    settings, env = fresh(workdir, redis_url)
    Store(settings)
    queue = make_queue(settings)
    started = time.perf_counter()
    for n in range(jobs):
        queue.enqueue("worker.entry.jobs.noop_job", job_id=f"{settings.queue_name}-noop-{n}", result_ttl=600)
    enqueue = (time.perf_counter() - started) / jobs
    started = time.perf_counter()
    subprocess.run([GUICHET, "worker", "--burst", "--sweep-every", "0"], env={**os.environ, **env},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    through = (time.perf_counter() - started - startup) / jobs
    assert queue.count == 0
    queue.delete(delete_jobs=True)
    return enqueue, through


def through_workers(cases: list[str], workdir: Path, redis_url: str, workers: int) -> tuple[float, str, float]:
    """Seconds from queuing the dossiers to the last one processed, workers already started
    (their start-up is measured apart); the load then; CPU seconds of the workers, start-up included."""
    from rq import Worker
    from rq.job import Job

    settings, env = fresh(workdir, redis_url)
    store = Store(settings)
    ids = intake(cases, store, settings)
    queue = make_queue(settings)
    cpu = cpu_seconds()
    procs = [subprocess.Popen([GUICHET, "worker", "--sweep-every", "0", "--grace", "3600"],
                              env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(workers)]
    deadline = time.monotonic() + 300
    while Worker.count(queue=queue) < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Worker.count(queue=queue) == workers, "workers did not start"
    started = time.perf_counter()
    job_ids = [enqueue_processing(settings, ids[case]) for case in cases]
    # The earlier stages' jobs, by their queues' names
    job_ids += [job_id.replace("-assess-", f"-{stage}-", 1) for job_id in job_ids for stage in ("read", "understand")]
    pending = set(ids[c] for c in cases)
    while pending:
        time.sleep(0.1)
        pending = {d for d in pending if store.dossier(d).status != "processed"}
    elapsed = time.perf_counter() - started
    at = load()
    time.sleep(1)  # the last job's end written to Redis
    busy = sum((job.ended_at - job.started_at).total_seconds()
               for job in Job.fetch_many(job_ids, connection=queue.connection, serializer=queue.serializer)
               if job is not None and job.started_at and job.ended_at)
    at += f", jobs running at once {busy / elapsed:.2f} on average"
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(120)
    cpu = cpu_seconds() - cpu
    for stage in STAGES:
        make_queue(settings, stage).delete(delete_jobs=True)
    return elapsed, at, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=CASES)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each worker count, alternated")
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["GUICHET_OCR_WORKERS"] = "1"
    cases = args.cases.split(",")
    n = len(cases)
    print(f"{n} dossiers, {load()} at start", flush=True)
    with tempfile.TemporaryDirectory(prefix="guichet-queue-bench-") as tmp:
        tmp = Path(tmp)
        seconds, again, load_local, cpu_local = in_process(cases, tmp / "local", redis_url)
        local = sum(seconds.values())
        cases.sort(key=lambda c: -seconds[c])  # longest first: two workers can balance
        print("in-process seconds per dossier: " + ", ".join(f"{c[:2]} {seconds[c]:.1f}" for c in cases),
              flush=True)
        startup, startup_cpu = worker_startup(tmp / "startup", redis_url)
        enqueue, per_job = queue_cost(tmp / "noop", redis_url, startup)
        runs: dict[int, list] = {1: [], 2: []}
        for round_ in range(args.rounds):  # 1, 2, 2, 1, ...: a load that drifts weighs on both alike
            for workers in ((1, 2) if round_ % 2 == 0 else (2, 1)):
                runs[workers].append(through_workers(cases, tmp / f"w{workers}-{round_}", redis_url, workers))
                elapsed, at, _ = runs[workers][-1]
                print(f"  {workers} worker(s): {elapsed:.1f} s ({at})", flush=True)
    one, two = (statistics.mean(r[0] for r in runs[w]) for w in (1, 2))
    load_one, load_two = ("; ".join(r[1] for r in runs[w]) for w in (1, 2))
    cpu_one, cpu_two = (statistics.mean(r[2] for r in runs[w]) for w in (1, 2))
    mean = local / n
    print(f"in-process   {local:6.1f} s   {60 * n / local:5.1f} dossiers/min   ({load_local})")
    print(f"1 worker     {one:6.1f} s   {60 * n / one:5.1f} dossiers/min   {local / one:4.2f}x in-process   "
          f"({load_one})")
    print(f"2 workers    {two:6.1f} s   {60 * n / two:5.1f} dossiers/min   speed-up {one / two:4.2f}x over one "
          f"(target >= 1.8x)   ({load_two})")
    print(f"start-up     {startup:6.1f} s, {startup_cpu:.1f} CPU s per worker (imports, COG, OCR engine, "
          f"spaCy, first sweep), once per worker, outside the times above")
    print(f"queue cost   enqueue {1000 * enqueue:.1f} ms + through a worker {1000 * per_job:.1f} ms per job, "
          f"x {len(STAGES)} jobs per dossier (an intake job per mail received by SMTP, then "
          f"{JOBS_PER_DOSSIER} stages) = {len(STAGES) * (enqueue + per_job) / mean:.2%} of a "
          f"dossier's {mean:.1f} s (target < 5 %)")
    print(f"1 worker vs in-process: {(one - local) / local:+.1%} of processing time "
          f"(the per-job fork and Redis, and whatever else runs on the machine)")
    print(f"CPU seconds  in-process {cpu_local:.1f}, 1 worker {cpu_one - startup_cpu:.1f}, 2 workers "
          f"{cpu_two - 2 * startup_cpu:.1f} (start-up taken off): the queue costs "
          f"{(cpu_one - startup_cpu - cpu_local) / cpu_local:+.1%} CPU over in-process, whatever the load")
    print(f"cores used   in-process {cpu_local / local:.2f}, 1 worker {(cpu_one - startup_cpu) / one:.2f}, "
          f"2 workers {(cpu_two - 2 * startup_cpu) / two:.2f} (of the machine's {os.cpu_count()}, "
          f"shared with whatever else runs)")
    print(f"reprocess    {again:6.1f} s   {local / again:5.1f}x faster than first processing (target >= 10x)")
    print(f"{load()} at end")


if __name__ == "__main__":
    main()
