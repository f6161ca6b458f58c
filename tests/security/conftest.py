"""Security tests: each replays an attack found in review (issue 12) and checks it now fails.

The service's fixtures (sample dossiers read once, an app per test with one account per role,
API tokens) are shared with tests/service."""

from __future__ import annotations

import pytest

from tests.service.conftest import PASSWORD, ROLES, app, data, ids, postgres_samples, sample_data, tokens  # noqa: F401  (fixtures)

COOKIE = "__Host-guichet"


def make_app(settings, **web):
    """An app over `settings` with its own web settings (rate limits, proxies, lifetimes)."""
    from service import create_app
    from service.config import WebSettings
    from worker.persistence import accounts

    options = dict(secret_key="cle-de-test-" + "x" * 40, login_limit="1000 per minute",
                   login_account_limit="1000 per minute", page_cache_dir=settings.data_dir / "cache")
    application = create_app(settings, WebSettings(**{**options, **web}))
    application.config["TESTING"] = True
    store = application.extensions["guichet"].store
    for role in ROLES:
        if accounts.find_user(store, f"{role}@example.gouv.fr") is None:
            accounts.create_user(store, f"{role}@example.gouv.fr", PASSWORD, role, role.capitalize())
    return application


@pytest.fixture
def apps(data):
    """make_app over the test's sample data; every app made is closed afterwards."""
    made = []

    def build(**web):
        made.append(make_app(data[0], **web))
        return made[-1]

    yield build
    for application in made:
        application.extensions["guichet"].store.engine.dispose()


def steal_cookie(victim, app):
    """A second browser holding a copy of the victim's session cookie."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, victim.get_cookie(COOKIE).value)
    return thief
