"""An administrateur's "read again" while Redis is away: recorded, and queued once Redis is back."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import select

from tests.service.conftest import PASSWORD, login
from tests.worker.test_queue import PrivateRedis
from worker.core.queue import make_queue
from worker.entry import jobs
from worker.persistence.db import Event


def test_read_again_with_redis_away_is_deferred_then_swept(data, tmp_path):
    from service import create_app
    from service.config import WebSettings
    from worker.persistence import accounts

    settings, ids = data
    redis = PrivateRedis(tmp_path / "redis")
    redis.start()
    redis.stop()  # away: nothing listens on its port
    settings = replace(settings, redis_url=redis.url, queue_name=f"test-{uuid.uuid4().hex[:8]}")
    web = WebSettings(secret_key="cle-de-test-" + "x" * 40, login_limit="1000 per minute",
                      page_cache_dir=settings.data_dir / "cache")
    app = create_app(settings, web)
    app.config["TESTING"] = True
    store = app.extensions["guichet"].store
    accounts.create_user(store, "administrateur@example.gouv.fr", PASSWORD, "administrateur", "Admin")
    dossier_id = ids["01_pdf_numeriques"]
    try:
        client = app.test_client()
        token = login(client, "administrateur")
        response = client.post(f"/dossiers/{dossier_id}/relire", data={"csrf_token": token})
        assert response.status_code == 302
        with store.session() as s:
            kinds = s.scalars(select(Event.kind).where(Event.dossier_id == dossier_id)).all()
        assert "queue_deferred" in kinds
        assert jobs.stale_dossiers(store, settings, grace=0) == [(dossier_id, "read")]

        redis.start()
        assert jobs.sweep(store, settings, grace=0).dossiers == [dossier_id]
        read = make_queue(settings, "read")
        assert [job_id.startswith(f"{read.name}-{dossier_id}") for job_id in read.get_job_ids()] == [True]
    finally:
        if redis.process.poll() is None:
            redis.stop()
        store.engine.dispose()
