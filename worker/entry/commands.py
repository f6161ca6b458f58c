"""Commands of the queue: `guichet worker`, `guichet sweep`, `guichet failed`, `guichet reprocess`,
`guichet outbox`, `guichet digest`. Only click and the settings at import: each command loads the rest when it runs."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import click

from worker.settings import Settings

if TYPE_CHECKING:
    from worker.persistence.store import Store

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
    Redis aurait perdu. Inactif, il attend simplement que Redis revienne. SIGTERM : il finit
    son travail en cours puis s'arrête. SIGUSR1 : il écrit dans son journal la pile de chacun
    de ses fils (où est-il bloqué ?).
    """
    import faulthandler
    import signal

    from redis.exceptions import RedisError

    from worker.entry import jobs
    from worker.entry.rq_worker import GuichetWorker
    from worker.persistence.store import Store

    settings = _redis_settings()
    from worker.core.queue import make_queue, queue_names

    queue = make_queue(settings)
    # Every stage by default, the last ones first (a dossier begun is finished before another
    # is begun); `--queues guichet-read` makes an OCR machine.
    default = [f"{settings.queue_name}-mail", *reversed(queue_names(settings).values())]  # mails first: they are quick
    names = [q.strip() for q in (queues or ",".join(default)).split(",") if q.strip()]
    jobs.preload()
    store = Store(settings)
    try:
        jobs.sweep(store, settings, grace=grace)  # what an earlier crash, or a lost Redis, left behind
    except RedisError as exc:
        _redis_lost(exc)
    store.engine.dispose()  # the job processes open their own connections
    rq_worker = GuichetWorker(names, connection=queue.connection, serializer=queue.serializer)
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # `kill -USR1`: where is it stuck?
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
    from worker.entry import jobs
    from worker.persistence.store import Store

    settings = _redis_settings()
    swept = jobs.sweep(Store(settings), settings, grace=grace)
    click.echo(f"{len(swept.dossiers)} dossier(s) remis en file." + "".join(f"\n  {d}" for d in swept.dossiers))
    if swept.messages:
        click.echo(f"{len(swept.messages)} message(s) reçu(s) remis en prise en charge."
                   + "".join(f"\n  {m}" for m in swept.messages))


@click.command()
def failed() -> None:
    """Liste les courriels non partis (en échec, envoi incertain) puis les travaux en échec de
    chaque file (FailedJobRegistry) avec leur erreur."""
    from rq.job import Job
    from rq.registry import FailedJobRegistry

    from worker.core.queue import STAGES, make_mail_queue, make_queue
    from worker.mail import outbox
    from worker.persistence.store import Store

    settings = Settings.from_env(os.environ)
    problems = outbox.rows(Store(settings), statuses=outbox.PROBLEMS)
    click.echo(f"{len(problems)} courriel(s) en échec ou d'envoi incertain (guichet outbox).")
    for row in problems:
        click.echo("  " + outbox_line(row))
    settings = _redis_settings()
    for queue in [*(make_queue(settings, stage) for stage in STAGES), make_mail_queue(settings)]:
        ids = FailedJobRegistry(queue=queue).get_job_ids()
        click.echo(f"{len(ids)} travail(aux) en échec dans la file « {queue.name} ».")
        for job in Job.fetch_many(ids, connection=queue.connection, serializer=queue.serializer):
            if job is not None:
                click.echo(f"  {job.id}  {job.args}  {_error_line(job.exc_info)[:150]}")


OUTBOX_STATUS = {"draft": "brouillon", "queued": "à envoyer", "connecting": "envoi en cours",
                 "sending": "envoi en cours", "sent": "envoyé", "failed": "en échec",
                 "uncertain": "envoi incertain", "cancelled": "annulé"}


def outbox_line(row) -> str:
    """One mail of the outbox on one line."""
    error = f"  ({row.last_error[:120]})" if row.last_error and row.status != "sent" else ""
    return (f"#{row.id}  {row.dossier_id or '(résumé)'}  {row.kind:11}  {OUTBOX_STATUS.get(row.status, row.status):15}"
            f"  {row.attempts} essai(s)  {row.message_id}  → {', '.join(row.recipients)}{error}")


@click.group("outbox")
def outbox_command() -> None:
    """Courriels envoyés par Guichet : liste, nouvel essai."""


@outbox_command.command("list")
@click.option("--dossier", default=None, help="Les courriels d'un dossier.")
@click.option("--all", "every", is_flag=True, help="Aussi les courriels envoyés et annulés.")
def outbox_list(dossier: str | None, every: bool) -> None:
    """Liste les courriels non envoyés (brouillons, à envoyer, en échec, incertains)."""
    from worker.mail import outbox
    from worker.persistence.store import Store

    store = Store(Settings.from_env(os.environ))
    statuses = None if every else ("draft", "queued", "connecting", "sending", "failed", "uncertain")
    found = outbox.rows(store, dossier, statuses)
    click.echo(f"{len(found)} courriel(s).")
    for row in found:
        click.echo("  " + outbox_line(row))


@outbox_command.command("retry")
@click.option("--force", is_flag=True,
              help="Renvoie aussi un courriel d'envoi incertain (le relais l'a peut-être déjà reçu : "
                   "cherchez d'abord son Message-ID dans le journal du relais).")
@click.option("--sent", "confirm", is_flag=True,
              help="Marque comme envoyé un courriel incertain trouvé dans le journal du relais.")
@click.argument("ids", nargs=-1, type=int)
def outbox_retry(force: bool, confirm: bool, ids: tuple[int, ...]) -> None:
    """Remet à l'envoi les courriels IDS (par défaut : tous ceux en échec)."""
    from worker.mail import outbox
    from worker.persistence.store import Store

    settings = Settings.from_env(os.environ)
    store = Store(settings)
    ids = ids or tuple(r.id for r in outbox.rows(store, statuses=("failed",)))
    errors = 0
    for outbox_id in ids:
        try:
            if confirm:
                outbox.mark_sent(store, outbox_id, actor="guichet outbox")
                click.echo(f"#{outbox_id} marqué envoyé.")
                continue
            outbox.retry(store, settings, outbox_id, actor="guichet outbox", force=force,
                         dispatching=bool(settings.redis_url))
            if not settings.redis_url:  # no worker to send it: one try here, now
                status = _deliver_once(store, settings, outbox_id)
                click.echo(f"#{outbox_id} : {OUTBOX_STATUS.get(status, status)}.")
                errors += status != "sent"
                continue
        except LookupError:
            errors += 1
            click.echo(f"#{outbox_id} : courriel inconnu.", err=True)
        except outbox.NotEditable as exc:
            errors += 1
            hint = " (--force pour le renvoyer, --sent s'il est parti)" if str(exc) == "uncertain" else ""
            click.echo(f"#{outbox_id} : impossible dans l'état « {OUTBOX_STATUS.get(str(exc), exc)} »{hint}.",
                       err=True)
        except ValueError as exc:
            errors += 1
            click.echo(f"#{outbox_id} : {exc}", err=True)
        else:
            click.echo(f"#{outbox_id} remis à l'envoi.")
    sys.exit(1 if errors else 0)


def _deliver_once(store: Store, settings: Settings, outbox_id: int) -> str:
    from worker.mail import outbox

    try:
        return outbox.deliver(store, settings, outbox_id, final=False)
    except outbox.TemporaryFailure:
        return outbox.get(store, outbox_id).status


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
    from worker.core import dispatch
    from worker.core.context import make_context
    from worker.core.export import export_dossier
    from worker.entry.batch import progress

    ctx = make_context()
    store = ctx.store
    selected = _select(store, every, since, ids)
    checkpoint = Checkpoint(ctx.settings.data_dir, selected)
    for dossier_id in progress(checkpoint.remaining(), desc="Dossiers", unit="dossier"):
        if store.merged_into(dossier_id) != dossier_id:  # joined into another since it was selected
            checkpoint.done(dossier_id)
            continue
        before = export_dossier(store, dossier_id)
        kept = dispatch.run_here(ctx, dossier_id)
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
    from sqlalchemy import select

    from worker.persistence.db import Dossier

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

    from worker.entry import jobs
    from worker.persistence.store import Store

    def loop() -> None:
        store = Store(settings)
        while True:
            time.sleep(every)
            try:
                jobs.sweep(store, settings, grace=grace)
            except Exception:  # Redis or the database away for a moment: try again later
                log.warning("balayage impossible", exc_info=True)

    threading.Thread(target=loop, name="sweeper", daemon=True).start()


@click.command()
@click.option("--heures", "hours", type=float, default=24.0, show_default=True,
              help="Ce qui est arrivé depuis combien d'heures.")
def digest(hours: float) -> None:
    """Envoie à chaque instructeur son résumé du jour (nouveaux dossiers, réponses, attributions)."""
    from worker.mail import outbox
    from worker.mail.digest import queue_digests
    from worker.persistence.store import Store

    settings = Settings.from_env(os.environ)
    store = Store(settings)
    rows = queue_digests(store, settings, hours=hours)
    for row in rows if settings.mail.relay_host else []:  # sent here: the command ends when they have left
        _deliver_once(store, settings, row.id)
    click.echo(f"{len(rows)} résumé(s) mis dans la boîte d'envoi.")
    for row in rows:
        click.echo(outbox_line(outbox.get(store, row.id)))


if __name__ == "__main__":
    sys.exit(worker())
