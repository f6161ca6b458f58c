"""Commands of the queue: `guichet worker`, `guichet sweep`, `guichet failed`, `guichet reprocess`."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import click
from sqlalchemy import select
from tqdm import tqdm

from worker import jobs
from worker.db import Dossier
from worker.export import export_dossier
from worker.settings import Settings
from worker.store import Store

log = logging.getLogger(__name__)


EXIT_REDIS_LOST = 75  # EX_TEMPFAIL: the supervisor (compose, systemd) starts the worker again


@click.command()
@click.option("--queues", default=None,
              help="Files RQ à écouter, séparées par des virgules ; par défaut les quatre étapes, "
                   "les plus avancées d'abord : GUICHET_QUEUE-assess (complétude), -understand "
                   "(analyse), -read (lecture, OCR), -intake (prise en charge des messages SMTP).")
@click.option("--burst", is_flag=True, help="S'arrête quand la file est vide.")
@click.option("--sweep-every", type=float, default=60.0, show_default=True,
              help="Secondes entre deux balayages des dossiers en souffrance (0 : jamais).")
@click.option("--grace", type=float, default=60.0, show_default=True,
              help="Âge minimal (s) d'un dossier reçu mais jamais mis en file pour que le balayage le reprenne.")
def worker(queues: str | None, burst: bool, sweep_every: float, grace: float) -> None:
    """Traite les dossiers de la file Redis (REDIS_URL) ; plusieurs workers peuvent tourner à la fois.

    Si Redis disparaît pendant un travail, le worker termine ce travail puis s'arrête avec le
    code 75 : son superviseur le relance, et le balayage au démarrage remet en file ce que
    Redis aurait perdu. Inactif, il attend simplement que Redis revienne.
    """
    from redis.exceptions import RedisError
    from rq import Worker

    settings = _redis_settings()
    from worker.queue import make_queue, queue_names

    queue = make_queue(settings)
    # Every stage by default, the last ones first (a dossier begun is finished before another
    # is begun); `--queues guichet-read` makes an OCR machine.
    names = [q.strip() for q in (queues or ",".join(reversed(queue_names(settings).values()))).split(",")
             if q.strip()]
    jobs.preload()
    store = Store(settings)
    try:
        jobs.sweep(store, settings, grace=grace)  # what an earlier crash, or a lost Redis, left behind
    except RedisError as exc:
        _redis_lost(exc)
    store.engine.dispose()  # the job processes open their own connections
    rq_worker = Worker(names, connection=queue.connection, serializer=queue.serializer)
    if sweep_every and not burst:
        _sweep_in_background(settings, sweep_every, grace)
    # RQ retries Redis while waiting for a job, but quits its loop when Redis fails around a
    # running job (heartbeats, results): rather than a half-alive worker, exit and be restarted.
    try:
        rq_worker.work(burst=burst, with_scheduler=True)
    except RedisError as exc:
        _redis_lost(exc)
    # Without --burst, RQ only returns on SIGTERM/SIGINT (which sets this date) or after an error.
    if not burst and getattr(rq_worker, "_shutdown_requested_date", None) is None:
        _redis_lost(RuntimeError("boucle RQ interrompue"))


def _redis_lost(exc: BaseException) -> None:
    log.error("Redis injoignable (%s) : le worker s'arrête pour être relancé.", exc)
    click.echo(f"Redis injoignable ({type(exc).__name__}: {exc}) : arrêt du worker, à relancer.", err=True)
    sys.exit(EXIT_REDIS_LOST)


@click.command()
@click.option("--grace", type=float, default=60.0, show_default=True,
              help="Âge minimal (s) d'un dossier reçu mais jamais mis en file.")
def sweep(grace: float) -> None:
    """Remet en file les dossiers jamais traités ou abandonnés par un worker arrêté."""
    settings = _redis_settings()
    swept = jobs.sweep(Store(settings), settings, grace=grace)
    click.echo(f"{len(swept.dossiers)} dossier(s) remis en file." + "".join(f"\n  {d}" for d in swept.dossiers))
    if swept.messages:
        click.echo(f"{len(swept.messages)} message(s) reçu(s) remis en prise en charge."
                   + "".join(f"\n  {m}" for m in swept.messages))


@click.command()
def failed() -> None:
    """Liste les travaux en échec de chaque file (FailedJobRegistry) avec leur erreur."""
    from rq.job import Job
    from rq.registry import FailedJobRegistry

    from worker.queue import STAGES, make_queue

    settings = _redis_settings()
    for stage in STAGES:
        queue = make_queue(settings, stage)
        ids = FailedJobRegistry(queue=queue).get_job_ids()
        click.echo(f"{len(ids)} travail(aux) en échec dans la file « {queue.name} ».")
        for job in Job.fetch_many(ids, connection=queue.connection, serializer=queue.serializer):
            if job is not None:
                click.echo(f"  {job.id}  {job.args}  {_error_line(job.exc_info)[:150]}")


def _error_line(traceback: str | None) -> str:
    """The exception's own line of a traceback ("Type: message"): the first line after the
    last frame, not the notes some libraries print after it (DETAIL, [SQL: ...])."""
    lines = (traceback or "").splitlines()
    frames = [i for i, line in enumerate(lines) if line.startswith("  File ")]
    after = lines[frames[-1] + 1:] if frames else lines
    found = [line for line in after if line.strip() and not line[0].isspace()]
    return found[0] if found else "?"


@click.command()
@click.option("--all", "every", is_flag=True, help="Tous les dossiers.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Dossiers reçus depuis cette date.")
@click.argument("ids", nargs=-1)
def reprocess(every: bool, since: datetime | None, ids: tuple[str, ...]) -> None:
    """Relit, réanalyse et réévalue des dossiers à partir de leurs originaux.

    Les corrections des instructeurs sont conservées. Interrompu, il reprend là où il
    s'était arrêté. Affiche ce qui a changé pour chaque dossier.
    """
    if not (every or since or ids):
        raise click.UsageError("Indiquez --all, --since DATE ou des identifiants de dossier.")
    from extractors.ocr import TesseractEngine
    from schemas.cog import Cog
    from worker import pipeline

    settings = Settings.from_env(os.environ)
    store = Store(settings)
    selected = _select(store, every, since, ids)
    checkpoint = Checkpoint(settings.data_dir, selected)
    engine, cog = TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout), Cog.load()
    for dossier_id in tqdm(checkpoint.remaining(), desc="Dossiers", unit="dossier", disable=None):
        if store.merged_into(dossier_id) != dossier_id:  # joined into another since it was selected
            checkpoint.done(dossier_id)
            continue
        before = export_dossier(store, dossier_id)
        kept = pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
        if kept != dossier_id:
            click.echo(f"{dossier_id} : rattaché au dossier {kept} (même collectivité)")
        else:
            click.echo(describe_changes(dossier_id, before, export_dossier(store, dossier_id)))
        checkpoint.done(dossier_id)
    checkpoint.finish()


def describe_changes(dossier_id: str, before: dict, after: dict) -> str:
    """One line per changed field or verdict, in French."""
    lines = []
    for field_id, new in after["fields"].items():
        old = before["fields"].get(field_id, {})
        if (old.get("value"), old.get("status")) != (new["value"], new["status"]):
            lines.append(f"  {field_id} : {old.get('value')!r} → {new['value']!r} ({new['status']})")
    old_verdict, new_verdict = before["completeness"], after["completeness"]
    if old_verdict != new_verdict:
        codes = lambda v: ", ".join(r["code"] for r in v["reasons"]) or "aucun motif"  # noqa: E731
        lines.append(f"  complétude : {codes(old_verdict)} → {codes(new_verdict)}")
    return f"{dossier_id} : " + ("inchangé" if not lines else f"{len(lines)} changement(s)\n" + "\n".join(lines))


class Checkpoint:
    """The dossiers of one reprocessing run already done, kept on disk to resume after an interruption."""

    def __init__(self, data_dir: Path, selected: list[str]):
        key = str(abs(hash(tuple(selected))) % 10**10) if selected else "empty"
        self.path = Path(data_dir) / f"reprocess-{key}.json"
        self.selected = selected
        self.finished = set(json.loads(self.path.read_text())) if self.path.exists() else set()

    def remaining(self) -> list[str]:
        return [d for d in self.selected if d not in self.finished]

    def done(self, dossier_id: str) -> None:
        self.finished.add(dossier_id)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(sorted(self.finished)))
        os.replace(tmp, self.path)

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)


def _select(store: Store, every: bool, since: datetime | None, ids: tuple[str, ...]) -> list[str]:
    with store.session() as s:
        if ids:
            found = set(s.scalars(select(Dossier.id).where(Dossier.id.in_(ids))))
            unknown = [i for i in ids if i not in found]
            if unknown:
                raise click.UsageError(f"Dossier(s) inconnu(s) : {', '.join(unknown)}")
            return list(ids)
        query = select(Dossier.id).where(Dossier.status != "merged").order_by(Dossier.created_at, Dossier.id)
        if since:
            query = query.where(Dossier.created_at >= since.replace(tzinfo=timezone.utc))
        return list(s.scalars(query))


def _redis_settings() -> Settings:
    settings = Settings.from_env(os.environ)
    if not settings.redis_url:
        raise click.UsageError("REDIS_URL n'est pas défini : sans Redis, les dossiers sont traités sur place.")
    return settings


def _sweep_in_background(settings: Settings, every: float, grace: float) -> None:
    import threading

    def loop() -> None:
        store = Store(settings)
        while True:
            time.sleep(every)
            try:
                jobs.sweep(store, settings, grace=grace)
            except Exception:  # Redis or the database away for a moment: try again later
                log.warning("balayage impossible", exc_info=True)

    threading.Thread(target=loop, name="sweeper", daemon=True).start()


COMMANDS = (worker, sweep, failed, reprocess)

if __name__ == "__main__":
    sys.exit(worker())
