"""Fixtures of the worker tests."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace

import pytest

from worker.core.queue import make_queue
from worker.entry import jobs

REDIS = os.environ.get("GUICHET_TEST_REDIS", "redis://127.0.0.1:6379/0")


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
    redis = make_queue(settings).connection  # every job, queue and registry of the test's queues
    keys = redis.keys(f"*{settings.queue_name}*")
    if keys:
        redis.delete(*keys)
