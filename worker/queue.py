"""The RQ queues, kept light: enqueue by function path with JSON arguments (no heavy imports).

A dossier goes through two stages, each a job on its own queue: reading (every page, OCR
included) on `<GUICHET_QUEUE>-read`, then understanding and assessing on `<GUICHET_QUEUE>`,
which waits for the reading. Intake is done on receipt, before anything is queued. Workers
can serve both queues or one (OCR machines on the read queue only).

Redis carries the work; the database is the record of what remains to do, so a job lost
with a killed worker or a restarted Redis is found again by the sweeper.
"""

from __future__ import annotations

import logging
import time

from worker.settings import Settings

log = logging.getLogger(__name__)

READ_JOB = "worker.jobs.read_dossier_job"
PROCESS_JOB = "worker.jobs.process_dossier_job"
JOBS_PER_DOSSIER = 2  # read, then understand and assess
# A job not yet started will see everything received so far; a started one may not have.
WAITING = ("queued", "scheduled", "deferred")


def make_queue(settings: Settings, stage: str = "process"):
    """The RQ queue of a stage ("read" or "process") on the settings' Redis, JSON-serialised."""
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(settings.redis_url, socket_connect_timeout=5, socket_timeout=30)
    return Queue(queue_names(settings)[stage], connection=connection, serializer=JSONSerializer)


def queue_names(settings: Settings) -> dict[str, str]:
    """The queue of each stage, by stage."""
    return {"read": f"{settings.queue_name}-read", "process": settings.queue_name}


def enqueue_processing(settings: Settings, dossier_id: str, *, force: bool = False) -> str:
    """Queue the reading, then the assessment, of a dossier once; `force` adds new jobs even if
    some look alive. Returns the id of the assessment job.

    Raises redis' ConnectionError when Redis is down: the caller keeps the dossier as
    received, and the sweeper queues it once Redis is back.
    """
    from rq.exceptions import NoSuchJobError
    from rq.job import Dependency, Job

    queue = make_queue(settings)
    suffix = dossier_id  # job ids are global to a Redis: the queue's name comes first
    if force:
        suffix += f"-{int(time.time() * 1000)}"
    else:
        try:
            job = Job.fetch(f"{settings.queue_name}-process-{suffix}", connection=queue.connection,
                            serializer=queue.serializer)
            status = job.get_status(refresh=True)
            if status in WAITING:  # reading or about to: whatever is unread then, it reads too
                return job.id
            if status == "started":  # assessing already: files received since need jobs of their own
                suffix += f"-{int(time.time() * 1000)}"
        except NoSuchJobError:
            pass
    reading = _enqueue(make_queue(settings, "read"), READ_JOB, dossier_id, f"{settings.queue_name}-read-{suffix}")
    # Assessed even if reading failed for good: the assessment reads what is left and records
    # each file's error on the dossier.
    return _enqueue(queue, PROCESS_JOB, dossier_id, f"{settings.queue_name}-process-{suffix}",
                    depends_on=Dependency(jobs=[reading], allow_failure=True)).id


def enqueue_assessment(settings: Settings, dossier_id: str) -> str:
    """Queue the assessment alone, for a dossier read already whose waiting job Redis lost (or
    could not release, being away when the reading ended)."""
    job_id = f"{settings.queue_name}-process-{dossier_id}-{int(time.time() * 1000)}"
    return _enqueue(make_queue(settings), PROCESS_JOB, dossier_id, job_id).id


def _enqueue(queue, function: str, dossier_id: str, job_id: str, depends_on=None):
    from rq import Retry

    return queue.enqueue(function, dossier_id, job_id=job_id, depends_on=depends_on, job_timeout=3600,
                         result_ttl=86400, failure_ttl=30 * 86400, retry=Retry(max=3, interval=[10, 60, 300]))
