"""The queue on a real Redis: jobs through real RQ workers, a worker killed mid-job, Redis away."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from extractors.model import READER_VERSION, Part
from tests.conftest import ROOT, run_guichet
from worker.core import pipeline
from worker.core.context import make_context
from worker.core.intake import intake_files
from worker.core.queue import STAGES, enqueue_processing, make_queue
from worker.entry import jobs
from worker.instruction import review
from worker.persistence.store import Store

DIGITAL = ROOT / "samples" / "01_pdf_numeriques" / "input"
SCANS = ROOT / "samples" / "04_scans" / "input"


def _intake(folder: Path, store: Store, settings) -> str:
    parts = [Part(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    return intake_files(parts, str(folder), store=store, settings=settings).dossier_id


def _status(settings, dossier_id: str) -> str:
    with _reader(settings).connect() as connection:
        return connection.execute(text("select status from dossier where id = :id"), {"id": dossier_id}).scalar()


def _documents(settings, dossier_id: str) -> int:
    with _reader(settings).connect() as connection:
        return connection.execute(text("select count(*) from document where dossier_id = :id"),
                                  {"id": dossier_id}).scalar()


def _assessments(settings, dossier_id: str) -> int:
    """How many times the dossier was assessed: processing it twice would show here."""
    with _reader(settings).connect() as connection:
        return connection.execute(text("select count(*) from event where dossier_id = :id and kind = 'assessed'"),
                                  {"id": dossier_id}).scalar()


_READERS: dict = {}


def _reader(settings):
    """A plain engine on the test's database (SQLite file or PostgreSQL schema), kept per URL."""
    if settings.database_url not in _READERS:
        _READERS[settings.database_url] = create_engine(settings.database_url, poolclass=NullPool)
    return _READERS[settings.database_url]


def test_a_job_is_processed_by_a_real_worker_and_twice_is_once(queued):
    settings, env = queued
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    assert enqueue_processing(settings, dossier_id) == enqueue_processing(settings, dossier_id)
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert _status(settings, dossier_id) == "processed"
    assert _documents(settings, dossier_id) == 3


def _events(settings, dossier_id: str, kind: str) -> int:
    with _reader(settings).connect() as connection:
        return connection.execute(text("select count(*) from event where dossier_id = :id and kind = :kind"),
                                  {"id": dossier_id, "kind": kind}).scalar()


def _counts(settings) -> tuple[int, ...]:
    """Jobs ready to run on the read, understand and assess queues."""
    return tuple(make_queue(settings, stage).count for stage in STAGES[1:])


def _serve(settings, env, stage: str):
    """A worker of one queue, whose start-up sweep takes no dossier of the test for abandoned."""
    done = run_guichet("worker", "--burst", "--queues", f"{settings.queue_name}-{stage}",
                       data_dir=settings.data_dir, env={**env, "GUICHET_LEASE_SECONDS": "3600"}, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def test_reading_understanding_and_assessing_are_stages_on_queues_of_their_own(queued):
    """Workers serving one queue each: the dossier is read on one (an OCR machine), understood
    on another, assessed on a third; each stage releases the next."""
    settings, env = queued
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    enqueue_processing(settings, dossier_id)
    assert _counts(settings) == (1, 0, 0)  # the later stages wait for the reading
    _serve(settings, env, "read")
    assert _status(settings, dossier_id) == "processing" and _events(settings, dossier_id, "understood") == 0
    assert all(store.reading(f.sha256, READER_VERSION) for f in store.files(dossier_id) if f.role == "piece")
    assert _counts(settings) == (0, 1, 0)
    _serve(settings, env, "understand")
    assert _events(settings, dossier_id, "understood") == 1 and _assessments(settings, dossier_id) == 0
    assert _documents(settings, dossier_id) == 3 and _status(settings, dossier_id) == "processing"
    assert _counts(settings) == (0, 0, 1)
    _serve(settings, env, "assess")
    assert _status(settings, dossier_id) == "processed" and _assessments(settings, dossier_id) == 1
    assert store.dossier(dossier_id).completeness["complete"] is True


@pytest.mark.parametrize("lost", ["understand", "assess"])
def test_the_sweeper_queues_the_stage_whose_job_redis_lost(queued, lost):
    """The stage before finished, the next job vanished with Redis: the database says where to
    take it up again, and only that stage and the ones after it run."""
    settings, env = queued
    settings = replace(settings, lease_seconds=3600.0)  # no worker died: the lease holds
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    enqueue_processing(settings, dossier_id)
    _serve(settings, env, "read")
    if lost == "assess":
        _serve(settings, env, "understand")
    redis = make_queue(settings).connection  # Redis restarted with its data lost: every key of this queue
    redis.delete(*redis.keys(f"*{settings.queue_name}*"))
    assert jobs.sweep(store, settings, grace=0).dossiers == [dossier_id]
    assert _counts(settings) == ((0, 1, 0) if lost == "understand" else (0, 0, 1))
    assert jobs.sweep(store, settings, grace=0).dossiers == []  # queued already: left alone
    for stage in STAGES[1:]:
        _serve(settings, env, stage)
    assert _status(settings, dossier_id) == "processed" and _assessments(settings, dossier_id) == 1
    assert _events(settings, dossier_id, "understood") == 1


def test_a_dossier_queued_twice_is_understood_and_assessed_once(queued):
    """Two chains for one dossier (the sweeper queued it again while Redis still held the first,
    as after a restart from the append-only file): the second finds the work done."""
    settings, env = queued
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    enqueue_processing(settings, dossier_id)
    enqueue_processing(settings, dossier_id, force=True)
    assert _counts(settings) == (2, 0, 0)
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (_events(settings, dossier_id, "understood"), _assessments(settings, dossier_id)) == (1, 1)
    assert _status(settings, dossier_id) == "processed" and _documents(settings, dossier_id) == 3


def test_a_worker_killed_mid_job_loses_nothing_and_doubles_nothing(queued):
    settings, env = queued
    store = Store(settings)
    dossier_id = _intake(SCANS, store, settings)
    enqueue_processing(settings, dossier_id)
    command = [str(Path(sys.executable).with_name("guichet")), "worker", "--sweep-every", "0"]
    worker = subprocess.Popen(command, env={**os.environ, **env}, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _status(settings, dossier_id) != "processing" and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # in the middle of the OCR
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    assert _status(settings, dossier_id) == "processing"
    assert jobs.sweep(store, settings, grace=0).dossiers == [dossier_id]  # the database knows what is left
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert _status(settings, dossier_id) == "processed"
    assert _documents(settings, dossier_id) == 3


def test_with_redis_away_intake_keeps_the_dossier_and_the_sweeper_queues_it(queued):
    settings, _ = queued
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    with pytest.raises(RedisConnectionError):
        enqueue_processing(replace(settings, redis_url="redis://127.0.0.1:1/0"), dossier_id)
    assert _status(settings, dossier_id) == "received"
    assert jobs.sweep(store, settings, grace=0).dossiers == [dossier_id]
    assert _counts(settings) == (1, 0, 0)  # the later stages wait for the reading


def test_reprocessing_keeps_a_reviewers_correction(settings, engine, cog):
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    pipeline.run(dossier_id, make_context(settings, store, engine=engine, cog=cog))
    review.correct_field(store, dossier_id, "s3.intitule", "Combourg 2036", "coquille", actor="agent@dgaln")
    env = {"DATABASE_URL": settings.database_url}
    done = run_guichet("reprocess", "--all", data_dir=settings.data_dir, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{dossier_id} : inchangé" in done.stdout
    assert store.fields(dossier_id)["s3.intitule"].value == "Combourg 2036"
    assert store.fields(dossier_id)["s3.intitule"].status == "corrected"


def test_reprocessing_keeps_a_reviewers_piece_kind_and_the_verdict_follows(settings, engine, cog):
    store = Store(settings)
    dossier_id = _intake(ROOT / "samples" / "11_sans_courrier_prefet" / "input", store, settings)
    pipeline.run(dossier_id, make_context(settings, store, engine=engine, cog=cog))
    letter = next(d for d in store.documents(dossier_id) if d.kind == "courrier_collectivite")
    review.override_document(store, dossier_id, letter.ordinal, "autre", "pièce mal classée", actor="agent@dgaln")
    pipeline.run(dossier_id, make_context(settings, store, engine=engine, cog=cog))
    after = {d.ordinal: d for d in store.documents(dossier_id)}
    assert after[letter.ordinal].kind == "autre" and after[letter.ordinal].kind_overridden
    codes = [r["code"] for r in store.dossier(dossier_id).completeness["reasons"]]
    assert "COURRIER_COLLECTIVITE_ABSENT" in codes


class PrivateRedis:
    """A redis-server of this test only, on a free loopback port, append-only as in production."""

    def __init__(self, root: Path):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.root = root
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import socket

        self.root.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.root),
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
             "--logfile", str(self.root / "redis.log")], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(100).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"redis-server did not start: {(self.root / 'redis.log').read_text()[-2000:]}")

    def stop(self, signum: int = signal.SIGTERM) -> None:
        self.process.send_signal(signum)
        self.process.wait(30)


@pytest.fixture
def private_redis(tmp_path):
    redis = PrivateRedis(tmp_path / "redis")
    redis.start()
    yield redis
    if redis.process.poll() is None:
        redis.stop()


def _wait(worker: subprocess.Popen, log: Path, seconds: float) -> int:
    """The worker's exit code; a worker still there after `seconds` fails with where it is stuck."""
    try:
        return worker.wait(seconds)
    except subprocess.TimeoutExpired:
        worker.send_signal(signal.SIGUSR1)  # every thread's stack to its log
        time.sleep(2)
        pytest.fail(f"worker still running {seconds:.0f} s after SIGTERM:\n{log.read_text()[-6000:]}")


def _worker(env: dict, log: Path, *args: str) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("guichet")), "-v", "worker", *args]
    with log.open("a") as out:
        return subprocess.Popen(command, env={**os.environ, **env}, start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT)


@pytest.mark.parametrize("how", ["sigterm", "sigkill_and_data_lost"])
def test_redis_restarted_mid_run_loses_nothing_and_doubles_nothing(queued, private_redis, tmp_path, how):
    """Redis goes away while a worker reads a scan, with two more dossiers queued.

    SIGTERM: Redis writes its append-only file and comes back with the queue as it was.
    SIGKILL with its files gone: the queue is lost whole; the database says what is left,
    and the sweeper of the restarted worker queues it again.
    """
    settings, env = queued
    settings = replace(settings, redis_url=private_redis.url, lease_seconds=600.0)
    env = {**env, "REDIS_URL": private_redis.url, "GUICHET_LEASE_SECONDS": "600"}
    store = Store(settings)
    ids = [_intake(folder, store, settings) for folder in
           (SCANS, DIGITAL, ROOT / "samples" / "11_sans_courrier_prefet" / "input")]
    for dossier_id in ids:
        enqueue_processing(settings, dossier_id)
    log = tmp_path / "worker.log"
    worker = _worker(env, log, "--sweep-every", "0")
    try:
        deadline = time.monotonic() + 120
        while _status(settings, ids[0]) != "processing" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _status(settings, ids[0]) == "processing", log.read_text()[-3000:]
        time.sleep(1)  # in the middle of the OCR
        if how == "sigterm":
            private_redis.stop(signal.SIGTERM)
        else:
            private_redis.stop(signal.SIGKILL)
            shutil.rmtree(private_redis.root)
        # The reading in hand is finished (the database needs no Redis), then the worker exits
        # for its supervisor: 75, not a silent 0. Its assessment waits in Redis, unreleased.
        assert worker.wait(300) == 75, log.read_text()[-3000:]
        assert _status(settings, ids[0]) == "processing"
        assert store.reading(store.files(ids[0])[0].sha256, READER_VERSION) is not None
        assert [_status(settings, d) for d in ids[1:]] == ["received", "received"]
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    assert "Redis injoignable" in log.read_text()
    private_redis.start()
    # Append-only, the two queued readings came back; with the files gone, nothing did.
    assert make_queue(settings, "read").count == (2 if how == "sigterm" else 0)
    # The supervisor starts the worker again; its start-up sweep covers whatever Redis lost or
    # could not release (the read dossier's assessment).
    again = _worker(env, log, "--burst", "--grace", "0")
    assert again.wait(900) == 0, log.read_text()[-3000:]
    assert [_status(settings, d) for d in ids] == ["processed"] * 3
    assert [_documents(settings, d) for d in ids] == [3, 3, 2]
    assert [_assessments(settings, d) for d in ids] == [1, 1, 1]
    for stage in STAGES:
        make_queue(settings, stage).delete(delete_jobs=True)


def test_reprocessing_unchanged_pages_reads_and_renders_nothing(settings, engine, cog, monkeypatch):
    from worker.core.export import export_dossier

    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    pipeline.run(dossier_id, make_context(settings, store, engine=engine, cog=cog))
    before = export_dossier(store, dossier_id)
    assert any(d["kind"].startswith("courrier") for d in before["documents"])  # letters to check

    def no_child(*args, **kwargs):
        raise AssertionError(f"reprocessing ran {args[0].__name__} again")

    monkeypatch.setattr(pipeline, "run_limited", no_child)  # reading and signature checks alike
    pipeline.run(dossier_id, make_context(settings, store, engine=engine, cog=cog))
    after = export_dossier(store, dossier_id)
    assert (after["documents"], after["fields"], after["completeness"]) == \
        (before["documents"], before["fields"], before["completeness"])


def test_an_idle_worker_waits_for_redis_then_takes_work_and_stops_cleanly(queued, private_redis, tmp_path):
    from rq import Worker

    settings, env = queued
    settings = replace(settings, redis_url=private_redis.url)
    env = {**env, "REDIS_URL": private_redis.url}
    store = Store(settings)
    log = tmp_path / "worker.log"
    worker = _worker(env, log, "--sweep-every", "0")
    try:
        queue = make_queue(settings)
        deadline = time.monotonic() + 120

        def idle() -> bool:  # waiting for a job, past its start-up's clean-up of the registries
            return [w.get_state() for w in Worker.all(queue=queue)] == ["idle"]

        while not idle() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert idle(), log.read_text()[-3000:]
        private_redis.stop(signal.SIGTERM)
        time.sleep(6)  # RQ retries while waiting for a job: no reason to exit
        assert worker.poll() is None, log.read_text()[-3000:]
        private_redis.start()
        dossier_id = _intake(DIGITAL, store, settings)
        enqueue_processing(settings, dossier_id)
        deadline = time.monotonic() + 300
        while _status(settings, dossier_id) != "processed" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _status(settings, dossier_id) == "processed", log.read_text()[-3000:]
        worker.send_signal(signal.SIGTERM)  # a stop asked for is not a lost Redis: exit 0
        assert _wait(worker, log, 60) == 0, log.read_text()[-3000:]
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    for stage in STAGES:
        make_queue(settings, stage).delete(delete_jobs=True)


def test_failed_lists_the_failed_jobs_of_every_stage_with_their_error(queued):
    settings, env = queued
    job = make_queue(settings, "understand").enqueue("worker.entry.jobs.understand_job", "D-inconnu")  # no retry
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    listed = run_guichet("failed", data_dir=settings.data_dir, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr[-3000:]
    lines = listed.stdout.splitlines()
    assert f"1 travail(aux) en échec dans la file « {settings.queue_name}-understand »." in lines
    assert f"0 travail(aux) en échec dans la file « {settings.queue_name}-read »." in lines
    [entry] = [line for line in lines if job.id in line]
    assert "['D-inconnu']" in entry and re.search(r"\w+Error: \S", entry)  # the exception, not its notes
