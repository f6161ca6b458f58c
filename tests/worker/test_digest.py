"""The instructeurs' daily digest: what it holds, who gets it, once a day, through the real relay."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from tests.worker.test_outbox import OWN, incomplete_dossier, mailing, sink  # noqa: F401 (fixtures)
from worker.instruction import review
from worker.mail import digest
from worker.persistence import accounts
from worker.persistence.accounts import QueueEntry
from worker.persistence.db import Event, OutboxRow, utcnow


def agents(store) -> None:
    for login, role in (("alice@example.gouv.fr", "instructeur"), ("bruno@example.gouv.fr", "instructeur"),
                        ("lea@example.gouv.fr", "lecteur"), ("ancien@example.gouv.fr", "instructeur")):
        accounts.create_user(store, login, "un-mot-de-passe-long", role)
    accounts.set_user(store, accounts.find_user(store, "ancien@example.gouv.fr").id, active=False)


def test_the_digest_says_what_is_new_for_each_agent(store, mailing):  # noqa: F811
    agents(store)
    dossier = incomplete_dossier(store, mailing)
    review.assign(store, dossier, "alice@example.gouv.fr", "bruno@example.gouv.fr")
    review.decide(store, dossier, "a_completer", "", "alice@example.gouv.fr", "Merci d'envoyer le courrier.")
    with store.session() as s:  # the request went out an hour before the candidate's message came
        s.execute(update(QueueEntry).where(QueueEntry.dossier_id == dossier)
                  .values(requested_at=utcnow() - timedelta(hours=1)))
    since = utcnow() - timedelta(hours=24)
    alice = digest.compose(store, "alice@example.gouv.fr", since)
    assert [len(alice.new), len(alice.replies), len(alice.assigned)] == [1, 1, 1]
    assert alice.new[0].startswith(dossier) and "Digne-les-Bains" in alice.new[0]
    bruno = digest.compose(store, "bruno@example.gouv.fr", since)
    assert [len(bruno.new), len(bruno.replies), len(bruno.assigned)] == [1, 0, 0]
    later = digest.compose(store, "alice@example.gouv.fr", utcnow() + timedelta(minutes=1))
    assert later.empty()
    subject, body = digest.render(alice)
    assert subject == "Guichet – votre résumé du jour (3 éléments)"
    assert "Réponses reçues sur les dossiers que vous suivez (1) :\n- " + dossier in body


def run_digest(data_dir, env: dict):
    """`guichet digest` in this process (main's console script lists its commands in guichet_cli:
    the command is registered there at merge time)."""
    from click.testing import CliRunner

    from worker.entry.commands import digest as command

    return CliRunner().invoke(command, [], env={"GUICHET_DATA_DIR": str(data_dir), **env})


def test_guichet_digest_sends_one_mail_per_agent_and_day(store, mailing, sink):  # noqa: F811
    controller, handler = sink
    agents(store)
    dossier = incomplete_dossier(store, mailing)
    review.assign(store, dossier, "alice@example.gouv.fr", "bruno@example.gouv.fr")
    events_before = len(review.history(store, dossier, ("mail_sent",)))
    env = {"DATABASE_URL": mailing.database_url, "GUICHET_RELAY_HOST": "127.0.0.1",
           "GUICHET_RELAY_PORT": str(controller.port), "GUICHET_MAIL_FROM": OWN}
    sent = run_digest(mailing.data_dir, env)
    assert sent.exit_code == 0, sent.output
    assert "2 résumé(s)" in sent.output
    mails = {tuple(rcpts): message for _, rcpts, message in handler.received
             if message["Subject"].startswith("Guichet – votre résumé")}
    assert set(mails) == {("alice@example.gouv.fr",), ("bruno@example.gouv.fr",)}  # no lecteur, no inactive
    alice = mails[("alice@example.gouv.fr",)]
    assert alice["Auto-Submitted"] == "auto-generated"
    assert "Dossiers qui vous ont été attribués (1) :\n- " + dossier in alice.get_content().replace("\r\n", "\n")
    again = run_digest(mailing.data_dir, env)
    assert again.exit_code == 0 and "0 résumé(s)" in again.output
    with store.session() as s:
        rows = list(s.scalars(select(OutboxRow).where(OutboxRow.kind == "digest")))
        assert len(rows) == 2 and {r.status for r in rows} == {"sent"} and {r.dossier_id for r in rows} == {None}
        assert s.scalar(select(Event).where(Event.kind == "mail_sent", Event.dossier_id.is_(None))) is None
    assert len(review.history(store, dossier, ("mail_sent",))) == events_before  # not in a dossier's history


def test_migration_0008_goes_down_and_up_again(store, settings):
    """Down to 0007: the team tables leave, digests (no dossier) are dropped, the outbox needs a dossier again."""
    import sqlalchemy as sa
    from alembic import command

    from worker.instruction import team
    from worker.persistence.migrate import alembic_config

    dossier = "D-migration"
    with store.session() as s:
        s.execute(sa.text("INSERT INTO dossier (id, status, created_at, updated_at) "
                          "VALUES (:id, 'received', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"id": dossier})
        s.add(OutboxRow(dossier_id=None, kind="digest", status="queued", message_id="<m@x>", reference_ids=[],
                        recipients=["a@example.gouv.fr"], subject="s", body_text="b", attempts=0))
    team.add_label(store, dossier, "test", "a@example.gouv.fr")
    engine = store.engine
    config = alembic_config(str(engine.url))
    for target in ("0007", "head"):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if target == "0007" else command.upgrade)(config, target)
        tables = set(sa.inspect(engine).get_table_names())
        assert ("dossier_label" in tables) == (target == "head")
        outbox_columns = {c["name"]: c for c in sa.inspect(engine).get_columns("outbox")}
        assert outbox_columns["dossier_id"]["nullable"] == (target == "head")
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM outbox")).scalar() == 0
