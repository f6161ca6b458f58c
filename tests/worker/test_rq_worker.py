"""A stop asked for always ends: a worker whose housekeeping hangs after its last job still exits,
its threads' stacks in its log. Real RQ worker processes on the test Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from redis import Redis

from tests.conftest import ROOT
from tests.worker.conftest import REDIS

# Housekeeping that never returns, as RQ's unbounded join of its scheduler can (rq/rq#2201).
STUCK_WORKER = """
import sys, time
from redis import Redis
from worker.entry.rq_worker import GuichetWorker

class Stuck(GuichetWorker):
    STOP_SECONDS = 2.0

    def register_death(self):
        time.sleep(3600)

Stuck([sys.argv[2]], connection=Redis.from_url(sys.argv[1])).work()
"""


@pytest.fixture
def queue_name():
    from rq import Queue

    name = f"test-stop-{uuid.uuid4().hex[:8]}"
    yield name
    Queue(name, connection=Redis.from_url(REDIS)).delete(delete_jobs=True)


def _start(queue_name: str, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen([sys.executable, "-c", STUCK_WORKER, REDIS, queue_name], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT)


def _until(condition, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert condition(), log.read_text()[-3000:]


def _stopped_within(worker: subprocess.Popen, seconds: float, log: Path) -> int:
    try:
        return worker.wait(seconds)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        pytest.fail(f"still running {seconds:.0f} s after SIGTERM:\n{log.read_text()[-3000:]}")


def _state(queue_name: str) -> list[str]:
    from rq import Queue, Worker

    return [w.get_state() for w in Worker.all(queue=Queue(queue_name, connection=Redis.from_url(REDIS)))]


def test_an_idle_worker_stuck_in_its_housekeeping_exits_with_its_stacks_logged(queue_name, tmp_path):
    log = tmp_path / "worker.log"
    worker = _start(queue_name, log)
    _until(lambda: _state(queue_name) == ["idle"], 60, log)
    worker.send_signal(signal.SIGTERM)
    assert _stopped_within(worker, 20, log) == 0
    text = log.read_text()
    assert "Arrêt du worker bloqué" in text
    assert "in register_death" in text  # the stack says where it hung


def test_a_busy_worker_finishes_its_job_before_the_bounded_stop(queue_name, tmp_path):
    from rq import Queue

    log = tmp_path / "worker.log"
    job = Queue(queue_name, connection=Redis.from_url(REDIS)).enqueue(time.sleep, 4)
    worker = _start(queue_name, log)
    _until(lambda: _state(queue_name) == ["busy"], 60, log)
    worker.send_signal(signal.SIGTERM)  # warm: the job is let finish, then the stop is bounded
    assert _stopped_within(worker, 30, log) == 0
    assert job.get_status(refresh=True) == "finished", log.read_text()[-3000:]
    assert "Arrêt du worker bloqué" in log.read_text()
