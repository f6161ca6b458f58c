"""The loop closed, end to end, with real parts: a candidature received by `guichet smtp`'s
receiver and read by the pipeline; "à compléter" -> the demande de compléments through a real
SMTP relay (aiosmtpd); the candidate's reply to it, over SMTP, joins the dossier, which is read
again and becomes "compléments reçus", complete."""

from __future__ import annotations

import email
import email.policy
import smtplib
from dataclasses import replace

from tests.conftest import ROOT
from tests.worker.test_outbox import free_port, sink, wait_for  # noqa: F401  (fixture)
from worker.core.context import make_context
from worker.core.dispatch import processor
from worker.entry.smtp import Receiver, SmtpConfig
from worker.instruction import review
from worker.mail import outbox
from worker.mail.thread import dossier_thread
from worker.settings import MailSettings

THREAD = ROOT / "samples" / "09_fil_emails" / "input"
SHARED_BOX = "atelier-des-territoires.ad1.dhup.dgaln@developpement-durable.gouv.fr"
OWN = "atelier@developpement-durable.gouv.fr"


def deliver(receiver: Receiver, raw: bytes, sender: str) -> None:
    raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # on the wire, as any MTA sends it
    with smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=60) as smtp:
        smtp.sendmail(sender, [SHARED_BOX], raw)
    receiver.wait_idle()


def reply_to(sent: email.message.EmailMessage, attachments_of: bytes) -> bytes:
    """The DDT's answer to the mail Guichet sent, carrying the préfet's letter of the sample."""
    given = email.message_from_bytes(attachments_of, policy=email.policy.SMTP)
    for name in ("Message-ID", "In-Reply-To", "References", "Subject", "Date"):
        del given[name]
    given["Subject"] = "RE: " + sent["Subject"]
    given["Date"] = "Tue, 24 Nov 2026 16:42:00 +0100"
    given["Message-ID"] = "<reponse-1@ille-et-vilaine.gouv.fr>"
    given["In-Reply-To"] = sent["Message-ID"]
    given["References"] = f"{sent['References']} {sent['Message-ID']}"
    return given.as_bytes()


def test_a_demande_de_complements_is_answered_over_smtp_and_the_dossier_is_complete(store, settings, sink, engine, cog):
    controller, handler = sink
    settings = replace(settings, mail=MailSettings(relay_host="127.0.0.1", relay_port=controller.port,
                                                   from_address=OWN, bureau_name="Bureau AD1",
                                                   retry_intervals=(0.2,)))
    receiver = Receiver(SmtpConfig(port=free_port(), recipients={SHARED_BOX}), store=store, settings=settings,
                        process=processor(make_context(settings, store)))
    receiver.start()
    try:
        deliver(receiver, (THREAD / "message1.eml").read_bytes(), "k.jouan@redon.fr")
        [dossier_id] = {m.dossier_id for m in _all_messages(store)}
        assert store.dossier(dossier_id).status == "processed"
        verdict = store.dossier(dossier_id).completeness
        assert not verdict["complete"] and "COURRIER_PREFET_ABSENT" in {r["code"] for r in verdict["reasons"]}
        [(_, to, accuse)] = wait_for(lambda: handler.received)  # the accusé de réception, at once
        assert to == ["k.jouan@redon.fr"] and accuse["In-Reply-To"] == "<06B82EC8.411EAB6F.1@mail.redon.fr>"

        review.decide(store, dossier_id, "a_completer", "", "instructeur@example.gouv.fr")
        row = outbox.draft_for_decision(store, settings, dossier_id, "a_completer", "", "instructeur@example.gouv.fr")
        outbox.send(store, settings, row.id, actor="instructeur@example.gouv.fr")
        _, to, sent = wait_for(lambda: len(handler.received) == 2 and handler.received[1])
        assert to == ["k.jouan@redon.fr", "julien.hamon@ille-et-vilaine.gouv.fr"]  # sender, then the fiche's État
        assert sent["In-Reply-To"] == "<06B82EC8.411EAB6F.1@mail.redon.fr>"
        assert sent["References"] == "<06B82EC8.411EAB6F.1@mail.redon.fr>"
        body = sent.get_content().replace("\r\n", "\n")
        assert "la candidature de la ville de Redon" in body
        assert "– le courrier de soutien du préfet ou du sous-préfet" in body
        assert "COURRIER_PREFET" not in body
        assert review.queue_entry(store, dossier_id).state == "en_attente"

        answer = reply_to(sent, (THREAD / "message2.eml").read_bytes())
        deliver(receiver, answer, "julien.hamon@ille-et-vilaine.gouv.fr")
        messages = [m for m in _all_messages(store) if m.message_id == "<reponse-1@ille-et-vilaine.gouv.fr>"]
        assert [m.dossier_id for m in messages] == [dossier_id]  # joined the same dossier
        dossier = store.dossier(dossier_id)
        assert dossier.status == "processed" and dossier.completeness["complete"], dossier.completeness
        assert review.queue_entry(store, dossier_id).state == "reponse_recue"
        assert len(handler.received) == 2  # no second accusé for a reply

        thread = dossier_thread(store, dossier_id, OWN)  # as the dossier page shows it
        assert [(t.direction, t.subject[:20]) for t in thread] == [
            ("in", "Candidature Atelier "), ("out", "RE: Candidature Atel"), ("out", "RE: Candidature Atel"),
            ("in", "RE: RE: Candidature ")]
        assert thread[0].recipients == (SHARED_BOX, "julien.hamon@ille-et-vilaine.gouv.fr")  # To, Cc
        assert thread[2].recipients == ("k.jouan@redon.fr", "julien.hamon@ille-et-vilaine.gouv.fr")
        kinds = [d.kind for d in store.documents(dossier_id)]
        linked = {a.name: [kinds[o] for o in a.pieces] for t in thread for a in t.attachments}
        assert linked["Fiche_candidature_Redon.pdf"] == ["fiche"]
        assert linked["Courrier de soutien – Ville de Redon.pdf"] == ["courrier_collectivite"]
        assert linked["Lettre du Préfet – soutien Atelier Flash.pdf"] == ["courrier_prefet"]
    finally:
        receiver.stop()


def _all_messages(store):
    from sqlalchemy import select

    from worker.persistence.db import MessageRow

    with store.session() as s:
        return list(s.scalars(select(MessageRow)))
