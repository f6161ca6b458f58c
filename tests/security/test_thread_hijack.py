"""Issue 12, medium 9: anyone could join another candidate's dossier by writing "RE: " + its
subject without References. A bare-subject join now needs the sender's domain to match a message
already in the dossier; In-Reply-To/References still join. Both databases."""

from __future__ import annotations

from email.message import EmailMessage

from sqlalchemy import select

from worker.core.intake import intake_message
from worker.persistence.db import MessageRow
from worker.persistence.store import Store, sender_domain

SUBJECT = "Candidature Atelier Flash – Commune de Vitré"


def mail(message_id: str, sender: str, subject: str, *, reply_to: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Expéditeur <{sender}>"
    msg["To"] = "atelier@developpement-durable.gouv.fr"
    msg["Subject"] = subject
    msg["Date"] = "Thu, 5 Mar 2026 10:00:00 +0100"
    msg["Message-ID"] = message_id
    if reply_to:
        msg["In-Reply-To"] = reply_to
        msg["References"] = reply_to
    msg.set_content("Veuillez trouver ci-joint une pièce.")
    return msg.as_bytes()


def take(store, settings, raw: bytes, name: str) -> str:
    return intake_message(raw, name, store=store, settings=settings).dossier_id


def test_an_outsider_reusing_the_subject_gets_its_own_dossier(any_settings):
    store = Store(any_settings)
    first = take(store, any_settings, mail("<a@ddt35.fr>", "ddt@ille-et-vilaine.gouv.fr", SUBJECT), "a.eml")

    outsider = take(store, any_settings,
                    mail("<x@evil.example>", "candidat@evil.example", f"RE: {SUBJECT}"), "x.eml")
    lookalike = take(store, any_settings,  # a domain that merely ends like the candidate's
                     mail("<y@evil.example>", "a@evil-ille-et-vilaine.gouv.fr", f"TR: {SUBJECT}"), "y.eml")

    assert outsider != first and lookalike != first
    with store.session() as s:
        senders = s.scalars(select(MessageRow.sender).where(MessageRow.dossier_id == first)).all()
    assert senders == ["ddt@ille-et-vilaine.gouv.fr"]


def test_the_same_domain_still_joins_by_subject(any_settings):
    store = Store(any_settings)
    first = take(store, any_settings, mail("<a@ddt35.fr>", "ddt@ille-et-vilaine.gouv.fr", SUBJECT), "a.eml")

    colleague = take(store, any_settings,
                     mail("<b@ddt35.fr>", "Instructeur@Ille-et-Vilaine.gouv.fr", f"RE: {SUBJECT}"), "b.eml")

    assert colleague == first


def test_references_still_join_whatever_the_sender(any_settings):
    store = Store(any_settings)
    first = take(store, any_settings, mail("<a@ddt35.fr>", "ddt@ille-et-vilaine.gouv.fr", SUBJECT), "a.eml")

    answer = take(store, any_settings, mail("<c@mairie-vitre.fr>", "maire@mairie-vitre.fr",
                                            f"RE: {SUBJECT}", reply_to="<a@ddt35.fr>"), "c.eml")

    assert answer == first


def test_an_outsider_does_not_make_later_mail_join_the_wrong_dossier(any_settings):
    """The outsider's own dossier does not capture the candidate's next mail either."""
    store = Store(any_settings)
    first = take(store, any_settings, mail("<a@ddt35.fr>", "ddt@ille-et-vilaine.gouv.fr", SUBJECT), "a.eml")
    take(store, any_settings, mail("<x@evil.example>", "candidat@evil.example", f"RE: {SUBJECT}"), "x.eml")

    later = take(store, any_settings, mail("<d@ddt35.fr>", "ddt@ille-et-vilaine.gouv.fr", f"RE: {SUBJECT}"), "d.eml")

    assert later == first


def test_sender_domain():
    assert sender_domain("Ddt@Ille-et-Vilaine.GOUV.fr") == "ille-et-vilaine.gouv.fr"
    assert [sender_domain(a) for a in ("", None, "nobody", "@x.fr", "a@")] == ["", "", "", "", ""]
