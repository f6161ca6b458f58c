"""The RQ queues, kept light: enqueue by function path with JSON arguments (no heavy imports).

The intake and the pipeline's stages (`worker.core.pipeline.STAGES`, in their order) are jobs on
queues of their own, named after `GUICHET_QUEUE`:

- `-intake`: one received message (an original stored by the SMTP receiver) is parsed,
  attached to its thread's dossier, its attachments and archives stored; then the
  dossier's three other stages are queued;
- `-read`: every page of a dossier read (text layer, OCR), cached by content;
- `-understand`: pages split and classified, fields extracted and resolved;
- `-assess`: completeness, then the join with an open dossier of the same collectivité.

A stage waits for the one before it (RQ dependencies). Workers serve every queue or some
(an OCR machine serves `-read` only).

Redis carries the work; the database is the record of what remains to do, so a job lost
with a killed worker or a restarted Redis is found again by the sweeper.
"""

from __future__ import annotations

import logging
import time

from worker.settings import Settings

log = logging.getLogger(__name__)

INTAKE = "intake"  # works on one message; the pipeline's stages on a dossier
# A job not yet started will see everything received so far; a started one may not have.
WAITING = ("queued", "scheduled", "deferred")


def __getattr__(name: str):
    """The stage lists, read off the pipeline when first asked for (importing it is slow, and
    the SMTP receiver only queues intakes)."""
    if name == "DOSSIER_STAGES":
        from worker.core.pipeline import STAGE_NAMES

        return STAGE_NAMES
    if name == "STAGES":
        return (INTAKE, *__getattr__("DOSSIER_STAGES"))
    if name == "JOBS_PER_DOSSIER":
        return len(__getattr__("DOSSIER_STAGES"))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def job_path(stage: str) -> str:
    """The RQ job function of a stage (or of the intake)."""
    return f"worker.entry.jobs.{stage}_job"


def make_queue(settings: Settings, stage: str = "assess"):
    """The RQ queue of a stage on the settings' Redis, JSON-serialised."""
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(settings.redis_url, socket_connect_timeout=5, socket_timeout=30)
    return Queue(f"{settings.queue_name}-{stage}", connection=connection, serializer=JSONSerializer)


MAIL_JOB = "worker.entry.jobs.mail_job"


def make_mail_queue(settings: Settings):
    """The queue of the outbox's mails (`GUICHET_QUEUE-mail`), apart from the pipeline's stages."""
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(settings.redis_url, socket_connect_timeout=5, socket_timeout=30)
    return Queue(f"{settings.queue_name}-mail", connection=connection, serializer=JSONSerializer)


def enqueue_mail(settings: Settings, outbox_id: int) -> str:
    """Queue the sending of an outbox row, retried with backoff; one waiting job per row (the
    row itself makes a second run harmless: see worker.mail.outbox)."""
    from rq import Retry

    queue = make_mail_queue(settings)
    job_id = f"{queue.name}-{outbox_id}"
    if _waiting(queue, job_id, ("started", *WAITING)):
        return job_id
    if _exists(queue, job_id):
        job_id += f"-{int(time.time() * 1000)}"
    intervals = [int(i) for i in settings.mail.retry_intervals]
    retry = Retry(max=len(intervals), interval=intervals) if intervals else None
    return queue.enqueue(MAIL_JOB, outbox_id, job_id=job_id, job_timeout=600, result_ttl=86400,
                         failure_ttl=30 * 86400, retry=retry).id


def queue_names(settings: Settings) -> dict[str, str]:
    """The queue of each stage, by stage, in the pipeline's order."""
    return {stage: f"{settings.queue_name}-{stage}" for stage in __getattr__("STAGES")}


def enqueue_intake(settings: Settings, sha256: str, name: str, source: str) -> str:
    """Queue the intake of a stored message once (the same original again is the same job)."""
    queue = make_queue(settings, INTAKE)
    job_id = f"{queue.name}-{sha256}"
    waiting = _waiting(queue, job_id, ("started", *WAITING))
    if waiting:
        return waiting
    if _exists(queue, job_id):  # taken in already: taken in again (idempotent) as a job of its own
        job_id += f"-{int(time.time() * 1000)}"
    return _enqueue(queue, INTAKE, [sha256, name, source], job_id).id


def enqueue_processing(settings: Settings, dossier_id: str, *, force: bool = False, start: str = "read") -> str:
    """Queue the stages of a dossier from `start` (read, understand or assess) once; `force`
    adds new jobs even if some look alive. Returns the id of the assessment job.

    Raises redis' ConnectionError when Redis is down: the caller keeps the dossier as
    received, and the sweeper queues it once Redis is back.
    """
    from rq.job import Dependency

    from worker.core.pipeline import STAGE_NAMES

    assess, understand = make_queue(settings, "assess"), make_queue(settings, "understand")
    suffix = dossier_id  # job ids are global to a Redis: the queue's name comes first
    if force:
        suffix += f"-{int(time.time() * 1000)}"
    elif _waiting(understand, f"{understand.name}-{dossier_id}", WAITING):
        # Not understood yet: whatever is received meanwhile, the waiting jobs see it too.
        return f"{assess.name}-{dossier_id}"
    elif any(_exists(q, f"{q.name}-{dossier_id}") for q in (understand, assess)):  # done or under way:
        # new files need new jobs
        suffix += f"-{int(time.time() * 1000)}"
    previous = None
    for stage in STAGE_NAMES[STAGE_NAMES.index(start):]:
        queue = {"assess": assess, "understand": understand}.get(stage) or make_queue(settings, stage)
        # Understood even if reading failed for good (each file's error is recorded then);
        # never assessed on an understanding that failed.
        depends = None if previous is None else Dependency(jobs=[previous], allow_failure=stage == "understand")
        previous = _enqueue(queue, stage, [dossier_id], f"{queue.name}-{suffix}", depends)
    return previous.id


def _waiting(queue, job_id: str, statuses: tuple[str, ...]) -> str | None:
    """The job's id when it exists in one of these statuses."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(job_id, connection=queue.connection, serializer=queue.serializer)
    except NoSuchJobError:
        return None
    return job.id if job.get_status(refresh=True) in statuses else None


def _exists(queue, job_id: str) -> bool:
    return bool(queue.connection.exists(f"rq:job:{job_id}"))


def _enqueue(queue, stage: str, args: list, job_id: str, depends_on=None):
    from rq import Retry

    return queue.enqueue(job_path(stage), *args, job_id=job_id, depends_on=depends_on, job_timeout=3600,
                         result_ttl=86400, failure_ttl=30 * 86400, retry=Retry(max=3, interval=[10, 60, 300]))


def pending_dossiers(settings: Settings) -> set[str]:
    """The dossiers that have a stage job ready to run in Redis, queued or scheduled for a retry
    (read off the job ids, one round trip each): the sweeper leaves them alone.

    Not counted: started jobs (one of a dead worker looks started for an hour; a live one is
    known by the dossier's lease) and deferred ones (waiting for a stage that may be dead; a
    live chain has its first job queued or started).
    """
    import re

    from rq.registry import ScheduledJobRegistry

    from worker.core.pipeline import STAGE_NAMES

    found = set()
    for stage in STAGE_NAMES:
        queue = make_queue(settings, stage)
        ids = list(queue.get_job_ids())
        ids += ScheduledJobRegistry(queue=queue).get_job_ids()
        prefix = re.compile(re.escape(queue.name) + r"-(.+?)(?:-\d{13})?$")
        found.update(m.group(1) for m in map(prefix.match, ids) if m)
    return found
