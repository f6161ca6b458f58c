"""The queue on a real Redis: jobs through real RQ workers, a worker killed mid-job, Redis away."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from extractors.model import Part
from tests.conftest import ROOT, run_guichet
from worker import jobs, pipeline, review
from worker.queue import enqueue_processing, make_queue
from worker.store import Store

REDIS = os.environ.get("GUICHET_TEST_REDIS", "redis://127.0.0.1:6379/0")
DIGITAL = ROOT / "samples" / "01_pdf_numeriques" / "input"
SCANS = ROOT / "samples" / "04_scans" / "input"


@pytest.fixture
def queued(settings, monkeypatch):
    """Settings with Redis and a queue of this test's own; jobs read the same from the environment."""
    settings = replace(settings, redis_url=REDIS, queue_name=f"test-{uuid.uuid4().hex[:8]}", lease_seconds=0.0)
    env = {"GUICHET_DATA_DIR": str(settings.data_dir), "DATABASE_URL": settings.database_url,
           "REDIS_URL": REDIS, "GUICHET_QUEUE": settings.queue_name, "GUICHET_LEASE_SECONDS": "0"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    jobs._LOADED.clear()
    yield settings, env
    queue = make_queue(settings)
    queue.delete(delete_jobs=True)


def _intake(folder: Path, store: Store, settings) -> str:
    parts = [Part(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    return pipeline.intake_files(parts, str(folder), store=store, settings=settings).dossier_id


def _status(settings, dossier_id: str) -> str:
    database = settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        return connection.execute("select status from dossier where id = ?", (dossier_id,)).fetchone()[0]


def _documents(settings, dossier_id: str) -> int:
    database = settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        return connection.execute("select count(*) from document where dossier_id = ?", (dossier_id,)).fetchone()[0]


def test_a_job_is_processed_by_a_real_worker_and_twice_is_once(queued):
    settings, env = queued
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    assert enqueue_processing(settings, dossier_id) == enqueue_processing(settings, dossier_id)
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert _status(settings, dossier_id) == "processed"
    assert _documents(settings, dossier_id) == 3


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
    assert jobs.sweep(store, settings, grace=0) == [dossier_id]  # the database knows what is left
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
    assert jobs.sweep(store, settings, grace=0) == [dossier_id]
    assert make_queue(settings).count == 1


def test_reprocessing_keeps_a_reviewers_correction(settings, engine, cog):
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
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
    pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    letter = next(d for d in store.documents(dossier_id) if d.kind == "courrier_collectivite")
    review.override_document(store, dossier_id, letter.ordinal, "autre", "pièce mal classée", actor="agent@dgaln")
    pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    after = {d.ordinal: d for d in store.documents(dossier_id)}
    assert after[letter.ordinal].kind == "autre" and after[letter.ordinal].kind_overridden
    codes = [r["code"] for r in store.dossier(dossier_id).completeness["reasons"]]
    assert "COURRIER_COLLECTIVITE_ABSENT" in codes
