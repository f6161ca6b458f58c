"""The RQ queue, kept light: enqueue by function path with JSON arguments (no heavy imports).

Redis carries the work; the database is the record of what remains to do, so a job lost
with a killed worker or a restarted Redis is found again by the sweeper.
"""

from __future__ import annotations

import logging
import time

from worker.settings import Settings

log = logging.getLogger(__name__)

PROCESS_JOB = "worker.jobs.process_dossier_job"
# A job not yet started will see everything received so far; a started one may not have.
WAITING = ("queued", "scheduled", "deferred")


def make_queue(settings: Settings):
    """The RQ queue of the settings' Redis, JSON-serialised."""
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(settings.redis_url, socket_connect_timeout=5, socket_timeout=30)
    return Queue(settings.queue_name, connection=connection, serializer=JSONSerializer)


def enqueue_processing(settings: Settings, dossier_id: str, *, force: bool = False) -> str:
    """Queue the reading of a dossier once; `force` adds a new job even if one looks alive.

    Raises redis' ConnectionError when Redis is down: the caller keeps the dossier as
    received, and the sweeper queues it once Redis is back.
    """
    from rq import Retry
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    queue = make_queue(settings)
    job_id = f"{settings.queue_name}-process-{dossier_id}"  # ids are global to a Redis
    if force:
        job_id += f"-{int(time.time() * 1000)}"
    else:
        try:
            job = Job.fetch(job_id, connection=queue.connection, serializer=queue.serializer)
            status = job.get_status(refresh=True)
            if status in WAITING:
                return job_id
            if status == "started":  # reading already: files received since need a job of their own
                job_id += f"-{int(time.time() * 1000)}"
        except NoSuchJobError:
            pass
    queue.enqueue(PROCESS_JOB, dossier_id, job_id=job_id, job_timeout=3600, result_ttl=86400,
                  failure_ttl=30 * 86400, retry=Retry(max=3, interval=[10, 60, 300]))
    return job_id
