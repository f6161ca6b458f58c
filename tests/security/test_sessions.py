"""Medium 5: a session cookie dies at logout, at a password change, after the absolute lifetime,
and when idle; Medium 4: the login never redirects off the site and never fails on `next`."""

from __future__ import annotations

import time
import types

import pytest

from tests.security.conftest import steal_cookie
from tests.service.conftest import PASSWORD, csrf_of, login


def signed_in(client) -> bool:
    response = client.get("/")
    return response.status_code == 200


def test_a_cookie_captured_before_logout_is_refused_after_it(app):
    victim = app.test_client()
    token = login(victim, "instructeur")
    thief = steal_cookie(victim, app)
    assert signed_in(thief)  # the replay works while the victim is signed in
    assert victim.post("/deconnexion", data={"csrf_token": token}).status_code == 302
    refused = thief.get("/")
    assert refused.status_code == 302 and "/connexion" in refused.location
    assert not signed_in(victim)


def test_a_password_change_ends_the_other_sessions_but_not_this_one(app):
    from worker.persistence import accounts

    mine, other = app.test_client(), app.test_client()
    token = login(mine, "lecteur")
    login(other, "lecteur")
    thief = steal_cookie(mine, app)
    response = mine.post("/compte/mot-de-passe", data={"csrf_token": token, "current": PASSWORD,
                                                       "new": "un-tout-nouveau-secret", "confirm": "un-tout-nouveau-secret"})
    assert response.status_code == 302
    assert signed_in(mine)
    assert not signed_in(other) and not signed_in(thief)
    store = app.extensions["guichet"].store
    assert accounts.authenticate(store, "lecteur@example.gouv.fr", PASSWORD) is None
    assert accounts.authenticate(store, "lecteur@example.gouv.fr", "un-tout-nouveau-secret") is not None


def test_an_active_session_ends_at_the_absolute_lifetime(app, monkeypatch):
    import service.security

    client = app.test_client()
    login(client, "lecteur")
    ahead = {"hours": 0.0}  # the clock of the session checks (the cookie's own signature is not aged)
    clock = types.SimpleNamespace(time=lambda: time.time() + ahead["hours"] * 3600, monotonic=time.monotonic)
    monkeypatch.setattr(service.security, "time", clock)
    for hours in (2, 5, 8, 11.9):  # activity all day long keeps renewing the idle lifetime
        ahead["hours"] = hours
        assert signed_in(client), hours
    ahead["hours"] = 12.01  # GUICHET_SESSION_MAX_HOURS, 12 by default
    refused = client.get("/")
    assert refused.status_code == 302 and "/connexion" in refused.location


def test_an_idle_cookie_is_refused(apps):
    app = apps(session_hours=1 / 3600)  # one second of idle lifetime
    client = app.test_client()
    login(client, "lecteur")
    time.sleep(2.2)
    assert not signed_in(client)


def test_a_deactivated_then_reactivated_account_does_not_revive_old_cookies(app):
    from service.security import USERS
    from worker.persistence import accounts

    victim = app.test_client()
    login(victim, "lecteur")
    thief = steal_cookie(victim, app)
    store = app.extensions["guichet"].store
    user = accounts.find_user(store, "lecteur@example.gouv.fr")
    accounts.set_user(store, user.id, active=False)
    accounts.set_user(store, user.id, active=True)
    USERS.forget()
    assert not signed_in(thief) and not signed_in(victim)


HOSTILE_NEXT = (
    "/\t/evil.example/",  # the reported one: browsers drop the tab, "//evil.example/" is another host
    "/\n/evil.example/", "/\r/evil.example/", "/\r\nSet-Cookie: x=1", "/\x00/evil.example/",
    "//evil.example/", "/\\evil.example", "/\\/evil.example", "https://evil.example/", "http:/evil.example",
    " //evil.example/", "\t//evil.example/", "javascript:alert(1)", "/ /evil.example", "/é/evil",
)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_redirects_only_to_a_path_of_this_site(app, target):
    client = app.test_client()
    page = client.get("/connexion", query_string={"next": target})
    assert page.status_code == 200  # CR/LF in next used to be a 500
    assert 'name="next" value="/"' in page.text
    token = csrf_of(page.text)
    response = client.post("/connexion", data={"login": "lecteur@example.gouv.fr", "password": PASSWORD,
                                               "csrf_token": token, "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_still_returns_to_the_page_asked(app, ids):
    client = app.test_client()
    wanted = f"/dossiers/{ids['01_pdf_numeriques']}?etat=nouveau&q=a%20b"
    first = client.get(wanted)
    assert first.status_code == 302 and "next=" in first.location
    page = client.get(first.location)
    response = client.post("/connexion", data={"login": "lecteur@example.gouv.fr", "password": PASSWORD,
                                               "csrf_token": csrf_of(page.text), "next": wanted})
    assert response.headers["Location"] == wanted
