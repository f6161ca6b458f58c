"""Low findings of the web side: login limits per account and per client behind a trusted proxy,
HSTS through a TLS proxy, no-store on authenticated responses, the password policy and change."""

from __future__ import annotations

import pytest

from tests.service.conftest import PASSWORD, csrf_of, login

PROXY = "127.0.0.1"  # the test client's peer address


def client_from(app, address: str):
    """A browser connecting from `address`."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def attempt(client, login_name: str, password: str = "mauvais", **headers) -> int:
    token = csrf_of(client.get("/connexion").text)
    return client.post("/connexion", data={"login": login_name, "password": password, "csrf_token": token},
                       headers=headers).status_code


def test_failed_logins_on_one_account_are_limited_whatever_the_address(apps):
    app = apps(login_account_limit="3 per minute")
    codes = [attempt(client_from(app, f"198.51.100.{i}"), "lecteur@example.gouv.fr")
             for i in range(1, 5)]
    assert codes == [401, 401, 401, 429]
    right = client_from(app, "198.51.100.9")
    assert attempt(right, "lecteur@example.gouv.fr", PASSWORD) == 429  # locked for the minute, even the owner
    assert attempt(right, "instructeur@example.gouv.fr") == 401  # another account is not
    assert attempt(right, "Lecteur@Example.gouv.fr ") == 429  # nor is it a new account when spelt otherwise


def test_successful_logins_do_not_use_up_the_account_limit(apps):
    app = apps(login_account_limit="2 per minute")
    assert [attempt(app.test_client(), "lecteur@example.gouv.fr", PASSWORD) for _ in range(4)] == [302] * 4


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(apps):
    from service.config import parse_networks

    app = apps(login_limit="2 per minute", trusted_proxies=parse_networks(f"{PROXY}, 10.0.0.0/8"))
    client = app.test_client()
    first = [attempt(client, "x@y.fr", **{"X-Forwarded-For": "203.0.113.1"}) for _ in range(3)]
    assert first == [401, 401, 429]
    # Another client through the same proxy (and a second proxy hop of ours) is not locked out.
    assert attempt(client, "x@y.fr", **{"X-Forwarded-For": "203.0.113.2, 10.1.2.3"}) == 401
    # The client's own X-Forwarded-For entries, left of the real one, are not believed.
    assert attempt(client, "x@y.fr", **{"X-Forwarded-For": "192.0.2.77, 203.0.113.1"}) == 429


def test_from_an_untrusted_peer_x_forwarded_for_changes_nothing(apps):
    from service.config import parse_networks

    app = apps(login_limit="2 per minute", trusted_proxies=parse_networks("10.0.0.1"))
    client = client_from(app, "198.51.100.7")
    codes = [attempt(client, "x@y.fr", **{"X-Forwarded-For": f"203.0.113.{i}"}) for i in range(3)]
    assert codes == [401, 401, 429]


def test_a_bad_trusted_proxy_setting_stops_the_start():
    from service.config import parse_networks

    with pytest.raises(ValueError, match="GUICHET_TRUSTED_PROXIES"):
        parse_networks("10.0.0.1, proxy.interne")


def test_hsts_only_when_a_trusted_proxy_says_the_request_came_over_tls(apps):
    from service.config import parse_networks

    app = apps(trusted_proxies=parse_networks(PROXY))
    tls = app.test_client().get("/connexion", headers={"X-Forwarded-Proto": "https"})
    assert tls.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in app.test_client().get("/connexion").headers
    outsider = client_from(app, "198.51.100.7")
    assert "Strict-Transport-Security" not in outsider.get("/connexion", headers={"X-Forwarded-Proto": "https"}).headers


def test_every_authenticated_response_is_no_store(app, ids, tokens):
    from worker.core.export import export_dossier

    client = app.test_client()
    login(client, "lecteur")
    dossier = ids["01_pdf_numeriques"]
    sha = export_dossier(app.extensions["guichet"].store, dossier)["documents"][0]["sha256"]
    paths = ["/", f"/dossiers/{dossier}", f"/dossiers/{dossier}/fichiers/{sha}/pages/1.png?l=160",
             f"/dossiers/{dossier}.json", f"/dossiers/{dossier}/originaux.zip", "/export.csv", "/export.xlsx",
             "/compte/mot-de-passe"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
        assert "Expires" not in response.headers, path
    api = app.test_client().get("/api/dossiers", headers={"Authorization": f"Bearer {tokens['lecteur']}"})
    assert api.status_code == 200 and api.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("password, message", [
    ("court", "12 caractères"),
    ("azertyuiop123", "trop courant"),
    ("MotDePasse2026", "trop courant"),
    ("aaaaaaaaaaaaaaaa", "trop courant"),
    ("nouveau.agent@example.gouv.fr", "identifiant"),
    ("nouveau.agent", "identifiant"),
])
def test_weak_passwords_are_refused(app, password, message):
    from worker.persistence import accounts

    with pytest.raises(accounts.AccountError, match=message):
        accounts.create_user(app.extensions["guichet"].store, "nouveau.agent@example.gouv.fr", password, "lecteur")


def test_the_password_change_page_checks_the_current_password_and_the_policy(app):
    from worker.persistence import accounts

    client = app.test_client()
    token = login(client, "lecteur")
    page = client.get("/compte/mot-de-passe")
    assert page.status_code == 200 and "Changer de mot de passe" in page.text

    def change(current, new, confirm=None):
        return client.post("/compte/mot-de-passe", data={"csrf_token": token, "current": current, "new": new,
                                                         "confirm": new if confirm is None else confirm})

    wrong = change("pas-le-bon-mot-de-passe", "un-tout-nouveau-secret")
    assert wrong.status_code == 401 and "Mot de passe actuel incorrect." in wrong.text
    assert change(PASSWORD, "un-tout-nouveau-secret", "autre-chose-encore").status_code == 422
    common = change(PASSWORD, "motdepasse123")
    assert common.status_code == 422 and "trop courant" in common.text
    store = app.extensions["guichet"].store
    assert accounts.authenticate(store, "lecteur@example.gouv.fr", PASSWORD) is not None
    assert change(PASSWORD, "un-tout-nouveau-secret").status_code == 302
    assert accounts.authenticate(store, "lecteur@example.gouv.fr", "un-tout-nouveau-secret") is not None
    anonymous = app.test_client().get("/compte/mot-de-passe")
    assert anonymous.status_code == 302 and "/connexion" in anonymous.location


def test_guessing_the_current_password_on_the_change_page_is_limited(apps):
    app = apps(login_account_limit="2 per minute")
    client = app.test_client()
    token = login(client, "lecteur")
    codes = [client.post("/compte/mot-de-passe", data={"csrf_token": token, "current": f"essai-{i}",
                                                       "new": "un-tout-nouveau-secret",
                                                       "confirm": "un-tout-nouveau-secret"}).status_code
             for i in range(3)]
    assert codes == [401, 401, 429]
    other = app.test_client()  # the bucket is the account's, not everyone's
    token = login(other, "instructeur")
    assert other.post("/compte/mot-de-passe", data={"csrf_token": token, "current": "essai",
                                                    "new": "un-tout-nouveau-secret",
                                                    "confirm": "un-tout-nouveau-secret"}).status_code == 401
