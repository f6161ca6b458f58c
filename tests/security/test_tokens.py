"""Medium 6: API tokens expire, record their last use, can be revoked (admin page and CLI), can be
read-only, and a reactivated account's old tokens stay dead."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.conftest import run_guichet
from tests.service.conftest import csrf_of, login


def api(app, token: str, method: str = "GET", path: str = "/api/dossiers", **kwargs):
    return app.test_client().open(path, method=method, headers={"Authorization": f"Bearer {token}"}, **kwargs)


def test_an_expired_token_is_refused(app, tokens):
    from worker.persistence.accounts import ApiToken, utcnow

    assert api(app, tokens["lecteur"]).status_code == 200
    with app.extensions["guichet"].store.session() as s:
        s.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    refused = api(app, tokens["lecteur"])
    assert refused.status_code == 401 and "expiré" in refused.json["message"]


def test_a_new_token_expires_after_its_days_and_records_its_last_use(app):
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    user = accounts.find_user(store, "lecteur@example.gouv.fr")
    token = accounts.create_token(store, user.id, "robot", days=30)
    [row] = accounts.list_tokens(store, user.id)
    assert row.last_used_at is None
    assert timedelta(days=29, hours=23) < accounts.aware(row.expires_at) - accounts.utcnow() <= timedelta(days=30)
    assert api(app, token).status_code == 200
    [row] = accounts.list_tokens(store, user.id)
    assert row.last_used_at is not None and accounts.utcnow() - accounts.aware(row.last_used_at) < timedelta(minutes=1)
    with pytest.raises(accounts.AccountError):
        accounts.create_token(store, user.id, "à vie", days=100_000)


def test_an_administrator_revokes_a_token_from_the_accounts_page(app, tokens):
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    user = accounts.find_user(store, "instructeur@example.gouv.fr")
    [row] = accounts.list_tokens(store, user.id)
    admin = app.test_client()
    login(admin, "administrateur")
    page = admin.get("/admin/utilisateurs").text
    assert f"/admin/jetons/{row.id}/revoquer" in page and "Dernier usage" in page
    response = admin.post(f"/admin/jetons/{row.id}/revoquer", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 302
    assert api(app, tokens["instructeur"]).status_code == 401
    assert api(app, tokens["lecteur"]).status_code == 200  # only that one
    assert f"/admin/jetons/{row.id}/revoquer" not in admin.get("/admin/utilisateurs").text


def test_an_instructeur_cannot_revoke_tokens(app, tokens):
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    [row] = accounts.list_tokens(store, accounts.find_user(store, "administrateur@example.gouv.fr").id)
    client = app.test_client()
    token = login(client, "instructeur")
    assert client.post(f"/admin/jetons/{row.id}/revoquer", data={"csrf_token": token}).status_code == 403
    assert api(app, tokens["administrateur"]).status_code == 200


def test_a_read_only_token_reads_but_never_writes(app, ids):
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    user = accounts.find_user(store, "administrateur@example.gouv.fr")
    token = accounts.create_token(store, user.id, "tableau de bord", read_only=True)
    dossier = ids["01_pdf_numeriques"]
    assert api(app, token).status_code == 200
    assert api(app, token, path=f"/api/dossiers/{dossier}").status_code == 200
    patch = api(app, token, "PATCH", f"/api/dossiers/{dossier}/fields/fiche.lieu", json={"value": "Ailleurs"})
    decide = api(app, token, "POST", f"/api/dossiers/{dossier}/decision", json={"decision": "eligible"})
    upload = api(app, token, "POST", "/api/files", data={})
    assert patch.status_code == decide.status_code == upload.status_code == 403
    assert "lecture seule" in patch.json["message"]
    assert "Ailleurs" not in api(app, token, path=f"/api/dossiers/{dossier}").text


def test_a_reactivated_account_s_old_token_stays_dead(app, tokens):
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    user = accounts.find_user(store, "instructeur@example.gouv.fr")
    admin = app.test_client()
    token = login(admin, "administrateur")
    for active in ("0", "1"):  # deactivate, then reactivate from the accounts page
        assert admin.post(f"/admin/utilisateurs/{user.id}", data={"csrf_token": token, "active": active}).status_code == 302
    assert accounts.find_user(store, "instructeur@example.gouv.fr").active
    assert api(app, tokens["instructeur"]).status_code == 401
    fresh = accounts.create_token(store, user.id, "nouveau")
    assert api(app, fresh).status_code == 200


def test_tokens_are_listed_and_revoked_from_the_command_line(settings, tmp_path):
    from worker.persistence import accounts
    from worker.persistence.store import Store

    env = {"DATABASE_URL": settings.database_url}
    done = run_guichet("user", "add", "robot@example.gouv.fr", "--role", "instructeur", "--password",
                       "un-mot-de-passe-long", data_dir=settings.data_dir, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    made = run_guichet("user", "token", "robot@example.gouv.fr", "--label", "export", "--days", "7", "--read-only",
                       data_dir=settings.data_dir, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    store = Store(settings)
    try:
        access = accounts.token_access(store, token)
        assert access is not None and access.read_only
        listed = run_guichet("user", "tokens", "robot@example.gouv.fr", data_dir=settings.data_dir, env=env, timeout=120)
        [line] = listed.stdout.splitlines()
        token_id, login, state, scope = line.split("\t")[:4]
        assert (login, state, scope) == ("robot@example.gouv.fr", "actif", "lecture seule")
        revoked = run_guichet("user", "revoke-token", token_id, data_dir=settings.data_dir, env=env, timeout=120)
        assert revoked.returncode == 0 and f"Jeton {token_id} révoqué." in revoked.stdout
        assert accounts.token_access(store, token) is None
        listed = run_guichet("user", "tokens", data_dir=settings.data_dir, env=env, timeout=120)
        assert "\trévoqué\t" in listed.stdout
        unknown = run_guichet("user", "revoke-token", "99999", data_dir=settings.data_dir, env=env, timeout=120)
        assert unknown.returncode == 2 and "Jeton introuvable" in unknown.stderr
    finally:
        store.engine.dispose()


def test_the_migration_revokes_the_tokens_of_accounts_already_deactivated(settings):
    """Databases from before 0005: an inactive account's token would have come back with it."""
    import sqlalchemy as sa
    from alembic import command

    from worker.persistence import accounts
    from worker.persistence.engine import make_engine
    from worker.persistence.migrate import alembic_config, upgrade
    from worker.persistence.store import Store

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    try:
        config = alembic_config(str(engine.url))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0004")
        with engine.begin() as connection:
            for user_id, active in ((1, True), (2, False)):
                connection.execute(sa.text(
                    "INSERT INTO app_user (id, login, name, role, password_hash, active, created_at) "
                    "VALUES (:id, :login, '', 'lecteur', 'x', :active, CURRENT_TIMESTAMP)"),
                    {"id": user_id, "login": f"u{user_id}@example.gouv.fr", "active": active})
                connection.execute(sa.text(
                    "INSERT INTO api_token (user_id, label, token_sha256, created_at, revoked) "
                    "VALUES (:id, '', :sha, CURRENT_TIMESTAMP, :no)"), {"id": user_id, "sha": f"{user_id:064d}", "no": False})
        upgrade(engine)
        with engine.connect() as connection:
            rows = dict(connection.execute(sa.text("SELECT user_id, revoked FROM api_token")).all())
            versions = connection.execute(sa.text("SELECT session_version FROM app_user")).scalars().all()
        assert {k: bool(v) for k, v in rows.items()} == {1: False, 2: True}
        assert versions == [0, 0]
        store = Store(settings)  # the tokens made before now end, 90 days from the upgrade
        [kept] = [t for t in accounts.list_tokens(store) if not t.revoked]
        assert timedelta(days=89) < accounts.aware(kept.expires_at) - accounts.utcnow() <= timedelta(days=90)
        store.engine.dispose()
    finally:
        engine.dispose()
