"""The outbox: every mail Guichet sends, recorded before it goes, sent once through the relay.

States of a row: draft (an instructeur may still edit it) -> queued (to send) -> connecting (a
sender holds it, the relay has not seen the message yet) -> sending (the message is being
handed to the relay) -> sent. Besides: failed (refused for good, or out of retries; an operator
retries it), cancelled (a draft replaced by a later decision) and uncertain.

The guarantee is *at most once*, with the smallest window of doubt SMTP allows:

- The Message-ID is fixed in the row when the row is made.
- A sender first claims the row (queued -> connecting, a compare-and-set: two workers never
  both hold it), then opens the relay session up to RCPT TO. Killed there, the relay has
  nothing; the row, still "connecting" past its lease, is taken again and sent.
- Only then is the row marked "sending" (committed) and the message given with DATA; its
  acceptance (250) is committed as "sent".
- Killed, or cut off, between the "sending" commit and the "sent" commit, nobody knows whether
  the relay took the message: the row becomes "uncertain" and is never sent again by itself.
  It is shown on the dossier and in `guichet failed` / `guichet outbox`; an operator who finds
  its Message-ID in the relay's log marks it sent, otherwise retries it with --force (the same
  Message-ID: most mail systems fold a duplicate they may then receive).
- A refusal of the relay (4xx: retried with backoff; 5xx: failed) leaves the row unsent.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from schemas.api import EMAIL
from worker.events import EventKind
from worker.persistence.db import OutboxRow, utcnow
from worker.persistence.store import Store, naive_utc, note
from worker.settings import Settings

log = logging.getLogger(__name__)

KINDS = ("accuse", "complements", "decision", "digest")  # digest: to an agent, of no dossier
EDITABLE = ("draft", "queued", "failed")
UNSENT = ("draft", "queued", "connecting", "failed")
PROBLEMS = ("failed", "uncertain")
CONTACT_FIELDS = ("s1.collectivite.contact_email", "s1.etat.referent_email")
CLAIM_LEASE = timedelta(minutes=10)  # a "connecting" row older than this lost its sender before DATA
MAX_REFERENCES = 20


class NotEditable(ValueError):
    """The mail has left (or may have): it can no longer be changed or sent again."""


class TemporaryFailure(RuntimeError):
    """The relay could not take the mail now: the job is retried."""


# Making mails -----------------------------------------------------------------

def recipients_for(store: Store, settings: Settings, dossier_id: str) -> list[str]:
    """The senders of the dossier's messages, then the fiche's contacts (collectivité, État),
    once each, never Guichet's own address."""
    found = [parseaddr(m.sender or "")[1] for m in store.messages(dossier_id)]
    fields = store.fields(dossier_id)
    found += [fields[f].value for f in CONTACT_FIELDS if f in fields and isinstance(fields[f].value, str)]
    own = parseaddr(settings.mail.from_address)[1].lower()
    out: list[str] = []
    for address in found:
        address = (address or "").strip().lower()
        if address and EMAIL.match(address) and address != own and address not in out:
            out.append(address)
    return out


def _thread_headers(store: Store, dossier_id: str) -> tuple[str | None, list[str]]:
    """In-Reply-To (the latest message received) and References (the thread, oldest first)."""
    ids = [m.message_id for m in store.messages(dossier_id) if m.message_id]
    return (ids[-1] if ids else None), ids[-MAX_REFERENCES:]


def new_message_id(settings: Settings, dossier_id: str) -> str:
    """A Message-ID of Guichet's domain, unique, fixed before the mail is sent."""
    domain = parseaddr(settings.mail.from_address)[1].rpartition("@")[2] or "guichet.invalid"
    return f"<guichet.{dossier_id}.{uuid.uuid4().hex}@{domain}>"


def draft(store: Store, settings: Settings, dossier_id: str, kind: str, *, actor: str = "guichet",
          decision: str | None = None, comment: str = "", status: str = "draft",
          dedupe_key: str | None = None) -> OutboxRow | None:
    """Make a mail for the dossier from its template; earlier unsent drafts of decisions are
    cancelled (the latest decision is the one to announce). None when `dedupe_key` exists."""
    from worker.core.export import export_dossier
    from worker.mail import texts

    export = export_dossier(store, dossier_id)
    subject, body = texts.render(settings, texts.template_name(kind, decision), export,
                                comment=comment, original_subject=_first_subject(store, dossier_id))
    in_reply_to, references = _thread_headers(store, dossier_id)
    row = OutboxRow(dossier_id=dossier_id, kind=kind, status=status, dedupe_key=dedupe_key,
                    message_id=new_message_id(settings, dossier_id), in_reply_to=in_reply_to,
                    reference_ids=references, recipients=recipients_for(store, settings, dossier_id),
                    subject=subject, body_text=body, attempts=0, created_by=actor)
    try:
        with store.session() as s:
            if kind != "accuse":
                for old in s.scalars(select(OutboxRow).where(OutboxRow.dossier_id == dossier_id,
                                                             OutboxRow.kind != "accuse",
                                                             OutboxRow.status == "draft")):
                    old.status = "cancelled"
            s.add(row)
            s.flush()
            note(s, dossier_id, EventKind.MAIL_DRAFTED, {"outbox": row.id, "kind": kind, "status": status}, actor=actor)
    except IntegrityError:  # this dedupe key exists: made already (by another worker, maybe)
        return None
    return row


def _first_subject(store: Store, dossier_id: str) -> str:
    return next((m.subject for m in store.messages(dossier_id) if m.subject), "")


def draft_for_decision(store: Store, settings: Settings, dossier_id: str, decision: str, comment: str,
                       actor: str) -> OutboxRow:
    """The mail announcing a triage decision, as a draft the instructeur checks and sends."""
    kind = "complements" if decision == "a_completer" else "decision"
    return draft(store, settings, dossier_id, kind, actor=actor, decision=decision, comment=comment)


def acknowledge(store: Store, settings: Settings, dossier_id: str, message_row_id: int) -> OutboxRow | None:
    """The accusé de réception of a dossier whose first message just came in by mail: made and
    queued once per dossier (its dedupe key), unless the setting is off. Returns the new row."""
    if not settings.mail.acknowledge:
        return None
    messages = store.messages(dossier_id)
    if not messages or min(m.id for m in messages) != message_row_id:
        return None  # a later message of a dossier already known: no second accusé
    row = draft(store, settings, dossier_id, "accuse", status="queued", dedupe_key=f"accuse:{dossier_id}")
    if row is not None:
        dispatch(store, settings, row.id)
    return row


# Reviewers' actions -------------------------------------------------------------

def get(store: Store, outbox_id: int) -> OutboxRow | None:
    """One mail."""
    with store.session() as s:
        return s.get(OutboxRow, outbox_id)


def edit(store: Store, outbox_id: int, *, actor: str, recipients: list[str] | None = None,
         subject: str | None = None, body: str | None = None) -> OutboxRow:
    """Change what an unsent mail says or whom it goes to."""
    with store.session() as s:
        row = s.get(OutboxRow, outbox_id, with_for_update=True)
        if row is None:
            raise LookupError(outbox_id)
        if row.status not in EDITABLE:
            raise NotEditable(row.status)
        if recipients is not None:
            row.recipients = list(dict.fromkeys(a.strip().lower() for a in recipients if a.strip()))
        if subject is not None:
            row.subject = " ".join(subject.split())
        if body is not None:
            row.body_text = body.replace("\r\n", "\n")
        note(s, row.dossier_id, EventKind.MAIL_EDITED, {"outbox": row.id}, actor=actor)
    return row


def send(store: Store, settings: Settings, outbox_id: int, *, actor: str) -> OutboxRow:
    """Release a draft (or retry a failed mail): queued, then sent by a worker or this process."""
    return _requeue(store, settings, outbox_id, actor, ("draft", "failed"), EventKind.MAIL_RELEASED)


def retry(store: Store, settings: Settings, outbox_id: int, *, actor: str, force: bool = False,
          dispatching: bool = True) -> OutboxRow:
    """Send again a failed mail; an uncertain one only with `force` (it may have reached them).
    `dispatching=False` only queues it (the caller sends it itself)."""
    allowed = ("failed", "queued", "uncertain") if force else ("failed", "queued")
    return _requeue(store, settings, outbox_id, actor, allowed, EventKind.MAIL_RETRIED, dispatching)


def mark_sent(store: Store, outbox_id: int, *, actor: str) -> OutboxRow:
    """An operator found an uncertain mail in the relay's log: it did leave."""
    with store.session() as s:
        row = s.get(OutboxRow, outbox_id, with_for_update=True)
        if row is None:
            raise LookupError(outbox_id)
        if row.status != "uncertain":
            raise NotEditable(row.status)
        row.status, row.sent_at = "sent", utcnow()
        note(s, row.dossier_id, EventKind.MAIL_SENT,
             {"outbox": row.id, "message_id": row.message_id, "confirmed": True}, actor=actor)
    return row


def _requeue(store: Store, settings: Settings, outbox_id: int, actor: str, allowed: tuple[str, ...],
             kind: EventKind, dispatching: bool = True) -> OutboxRow:
    with store.session() as s:
        row = s.get(OutboxRow, outbox_id, with_for_update=True)
        if row is None:
            raise LookupError(outbox_id)
        if row.status not in allowed:
            raise NotEditable(row.status)
        if not row.recipients:
            raise ValueError("Aucun destinataire : ajoutez au moins une adresse.")
        row.status, row.claimed_at = "queued", None
        note(s, row.dossier_id, kind, {"outbox": row.id}, actor=actor)
    if dispatching:
        dispatch(store, settings, outbox_id)
    return row


def rows(store: Store, dossier_id: str | None = None, statuses: tuple[str, ...] | None = None) -> list[OutboxRow]:
    """The mails of a dossier (or all), oldest first, narrowed to some statuses."""
    stmt = select(OutboxRow).order_by(OutboxRow.created_at, OutboxRow.id)
    if dossier_id is not None:
        stmt = stmt.where(OutboxRow.dossier_id == dossier_id)
    if statuses:
        stmt = stmt.where(OutboxRow.status.in_(statuses))
    with store.session() as s:
        return list(s.scalars(stmt).all())


# Sending --------------------------------------------------------------------------

def dispatch(store: Store, settings: Settings, outbox_id: int) -> None:
    """Have the mail sent: as an RQ job when Redis is configured (retried with backoff), else in
    a thread of this process (retried likewise). Redis away: the sweeper queues it later.
    Without a relay configured, the mail waits in the outbox (`guichet outbox retry` sends it)."""
    if not settings.mail.relay_host:
        log.info("courriel %s en attente : pas de relais SMTP (GUICHET_RELAY_HOST)", outbox_id)
        return
    if settings.redis_url:
        from worker.core.queue import enqueue_mail

        try:
            enqueue_mail(settings, outbox_id)
        except Exception:
            log.warning("mise en file du courriel %s impossible", outbox_id, exc_info=True)
        return
    threading.Thread(target=_send_here, args=(store, settings, outbox_id), daemon=True,
                     name=f"mail-{outbox_id}").start()


def _send_here(store: Store, settings: Settings, outbox_id: int) -> None:
    intervals = settings.mail.retry_intervals
    for attempt in range(len(intervals) + 1):
        try:
            deliver(store, settings, outbox_id, final=attempt == len(intervals))
            return
        except TemporaryFailure:
            if attempt < len(intervals):
                time.sleep(intervals[attempt])
        except Exception:  # a background thread has nobody to report to but the log
            log.exception("envoi du courriel %s", outbox_id)
            return


def build_message(row: OutboxRow, settings: Settings) -> EmailMessage:
    """The mail as it goes on the wire: the row's Message-ID and threading headers."""
    message = EmailMessage(policy=SMTP)
    message["From"] = settings.mail.from_address
    message["To"] = ", ".join(row.recipients)
    message["Subject"] = row.subject
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message["Message-ID"] = row.message_id
    if row.in_reply_to:
        message["In-Reply-To"] = row.in_reply_to
    if row.reference_ids:
        message["References"] = " ".join(row.reference_ids)
    message["Auto-Submitted"] = "auto-generated" if row.kind in ("accuse", "digest") else "no"
    message.set_content(row.body_text)
    return message


def deliver(store: Store, settings: Settings, outbox_id: int, *, final: bool = True) -> str:
    """Send one mail once (see the module's docstring); returns the row's status afterwards.

    Raises TemporaryFailure when the relay should be tried again (the row stays queued; on
    the `final` try it becomes failed)."""
    row = _claim(store, outbox_id)
    if row is None:
        return _status(store, outbox_id)
    mail = settings.mail
    try:
        if not mail.relay_host:
            raise TemporaryFailure("relais SMTP non configuré (GUICHET_RELAY_HOST)")
        message = build_message(row, settings)
        with smtplib.SMTP(mail.relay_host, mail.relay_port, timeout=mail.relay_timeout) as smtp:
            smtp.ehlo()
            if mail.relay_starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if mail.relay_login:
                smtp.login(mail.relay_login, mail.relay_password)
            refused = _envelope(smtp, mail.from_address, row.recipients)
            if not _advance(store, outbox_id, "connecting", "sending"):
                smtp.rset()  # our claim expired and another sender holds the row: leave it to them
                return _status(store, outbox_id)
            _data(store, smtp, row, message, refused)
    except TemporaryFailure as exc:
        _back_to_queue(store, outbox_id, str(exc), final)
        raise
    except smtplib.SMTPResponseException as exc:  # refused before DATA was accepted: not sent
        said = exc.smtp_error
        text = f"{exc.smtp_code} {said.decode('utf-8', 'replace') if isinstance(said, bytes) else said}"
        if exc.smtp_code >= 500:
            _back_to_queue(store, outbox_id, text, final=True)
            return "failed"
        _back_to_queue(store, outbox_id, text, final)
        raise TemporaryFailure(text) from exc
    except (OSError, smtplib.SMTPException) as exc:  # relay down, TLS, login: nothing was sent
        _back_to_queue(store, outbox_id, f"{type(exc).__name__}: {exc}", final)
        raise TemporaryFailure(str(exc)) from exc
    return _status(store, outbox_id)


def _envelope(smtp: smtplib.SMTP, sender: str, recipients: list[str]) -> list[str]:
    """MAIL FROM and RCPT TO; the recipients the relay refused (all refused: an error)."""
    code, reply = smtp.mail(parseaddr(sender)[1])
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    for address in recipients:
        code, reply = smtp.rcpt(address)
        if code not in (250, 251):
            refused[address] = (code, reply)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    return sorted(refused)


def _data(store: Store, smtp: smtplib.SMTP, row: OutboxRow, message: EmailMessage, refused: list[str]) -> None:
    """DATA: a refusal before the content leaves nothing sent; a cut after it is uncertain."""
    try:
        code, reply = smtp.data(message.as_bytes())
    except smtplib.SMTPDataError:  # DATA itself refused (no 354): the content never left
        _advance(store, row.id, "sending", "connecting")
        raise
    except (OSError, smtplib.SMTPException) as exc:
        _mark_uncertain(store, row.id, f"{type(exc).__name__}: {exc}")
        return
    if code != 250:
        _advance(store, row.id, "sending", "connecting")
        raise smtplib.SMTPDataError(code, reply)
    with store.session() as s:
        done = s.get(OutboxRow, row.id)
        done.status, done.sent_at = "sent", utcnow()
        done.last_error = f"Destinataire(s) refusé(s) par le relais : {', '.join(refused)}" if refused else None
        note(s, done.dossier_id, EventKind.MAIL_SENT, {
            "outbox": done.id, "message_id": done.message_id, "to": done.recipients, "refused": refused})


def _claim(store: Store, outbox_id: int) -> OutboxRow | None:
    """Take the row to send it: queued, or left "connecting" by a sender dead before DATA;
    a row "sending" (a sender died while the relay may have had it) becomes uncertain."""
    now = utcnow()
    stale = now - CLAIM_LEASE
    with store.session() as s:
        taken = s.execute(update(OutboxRow).where(
            OutboxRow.id == outbox_id,
            (OutboxRow.status == "queued") | ((OutboxRow.status == "connecting") & (OutboxRow.claimed_at < stale)))
            .values(status="connecting", claimed_at=now, attempts=OutboxRow.attempts + 1)
            .execution_options(synchronize_session=False)).rowcount
        row = s.get(OutboxRow, outbox_id)
    if taken == 1:
        return row
    if row is not None and row.status == "sending" and naive_utc(row.claimed_at) < naive_utc(stale):
        _mark_uncertain(store, outbox_id, "envoi interrompu : le relais a peut-être reçu le message")
    return None


def _advance(store: Store, outbox_id: int, old: str, new: str) -> bool:
    with store.session() as s:
        return s.execute(update(OutboxRow).where(OutboxRow.id == outbox_id, OutboxRow.status == old)
                         .values(status=new).execution_options(synchronize_session=False)).rowcount == 1


def _back_to_queue(store: Store, outbox_id: int, error: str, final: bool) -> None:
    """Not sent: queued again (or failed, on the last try), with the error, for whoever looks."""
    with store.session() as s:
        row = s.get(OutboxRow, outbox_id)
        if row is None or row.status not in ("connecting", "queued"):
            return
        row.status, row.last_error, row.claimed_at = ("failed" if final else "queued"), error[:2000], None
        if final:
            note(s, row.dossier_id, EventKind.MAIL_FAILED, {"outbox": row.id, "error": error[:500]})


def _mark_uncertain(store: Store, outbox_id: int, error: str) -> None:
    with store.session() as s:
        row = s.get(OutboxRow, outbox_id)
        if row is not None and row.status == "sending":
            row.status, row.last_error = "uncertain", error[:2000]
            note(s, row.dossier_id, EventKind.MAIL_UNCERTAIN,
                 {"outbox": row.id, "message_id": row.message_id, "error": error[:500]})


def _status(store: Store, outbox_id: int) -> str:
    with store.session() as s:
        row = s.get(OutboxRow, outbox_id)
        return row.status if row is not None else "missing"


# The sweeper ----------------------------------------------------------------------

def stale_ids(store: Store, *, grace: float = 60.0) -> list[int]:
    """Mails to send again by what the database says: queued for longer than `grace` (their
    job lost), "connecting" past the lease (their sender died before DATA), "sending" past it
    (to be marked uncertain by `_claim`)."""
    before = naive_utc(utcnow() - timedelta(seconds=grace))
    lease = naive_utc(utcnow() - CLAIM_LEASE)
    with store.session() as s:
        found = s.execute(select(OutboxRow.id, OutboxRow.status, OutboxRow.created_at, OutboxRow.claimed_at)
                          .where(OutboxRow.status.in_(("queued", "connecting", "sending")))).all()
    return [i for i, status, created, claimed in found
            if (status == "queued" and naive_utc(claimed or created) < before)
            or (status != "queued" and naive_utc(claimed) < lease)]


def sweep(store: Store, settings: Settings, *, grace: float = 60.0) -> list[int]:
    """Dispatch again the mails left behind; returns their ids."""
    ids = stale_ids(store, grace=grace)
    for outbox_id in ids:
        dispatch(store, settings, outbox_id)
    return ids


def resume_here(store: Store, settings: Settings) -> list[int]:
    """At the start of a process that sends mails itself (no Redis): what a previous run left
    queued, or claimed before DATA, is sent now."""
    if settings.redis_url:
        return []
    try:
        return sweep(store, settings, grace=0.0)
    except Exception:  # never a reason not to start
        log.exception("reprise des courriels en attente impossible")
        return []


@dataclass(frozen=True)
class ParsedRecipients:
    """Addresses typed by a reviewer: the valid ones, and those refused."""

    valid: list[str]
    invalid: list[str]


def parse_recipients(text: str) -> ParsedRecipients:
    """"a@x.fr, Nom <b@y.fr>; c@z.fr" -> the addresses, and what is not one."""
    valid, invalid = [], []
    for chunk in re.split(r"[,;\n]", text):
        if not chunk.strip():
            continue
        address = parseaddr(chunk)[1].strip().lower()
        if EMAIL.match(address) and len(address) <= 320:
            valid.append(address)
        else:
            invalid.append(chunk.strip())
    return ParsedRecipients(list(dict.fromkeys(valid)), invalid)
