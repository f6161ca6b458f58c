"""The web service (Flask): the review UI and the JSON API, built by `create_app`."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from flask import Flask, g, request, send_from_directory
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from service.config import WebSettings
from worker.persistence.store import Store
from worker.settings import Settings

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent


@dataclass
class Guichet:
    """What views need, in `app.extensions["guichet"]`."""

    settings: Settings
    web: WebSettings
    store: Store
    limiter: Limiter
    page_sizes: dict = field(default_factory=dict)  # sha256 -> [Page]: a reading never changes

    def file_pages(self, sha256: str) -> list:
        """The pages of a stored file, remembered once read (bounded)."""
        from worker.instruction.review import file_pages

        found = self.page_sizes.get(sha256)
        if found is None:
            found = file_pages(self.store, sha256)
            if found:
                if len(self.page_sizes) > 10_000:
                    self.page_sizes.clear()
                self.page_sizes[sha256] = found
        return found


def create_app(settings: Settings | None = None, web: WebSettings | None = None,
               store: Store | None = None) -> Flask:
    """The application: settings passed down, store opened once, blueprints registered."""
    settings = settings or Settings.from_env(os.environ)
    web = web or WebSettings.from_env(os.environ, settings)
    if not (web.dsfr_dir / "dsfr.min.css").exists():
        log.warning("DSFR assets not found in %s: run `npm ci --ignore-scripts` (scripts/setup.sh)", web.dsfr_dir)
    app = Flask(__name__, static_folder=str(HERE / "static"), static_url_path="/static/app")
    _configure(app, web)
    from service.proxy import TrustedProxies

    app.wsgi_app = TrustedProxies(app.wsgi_app, web.trusted_proxies)
    limiter = Limiter(get_remote_address, app=app, storage_uri=web.ratelimit_storage,
                      default_limits=[], headers_enabled=True)
    app.extensions["guichet"] = Guichet(settings, web, store or Store(settings), limiter)
    _register(app, web, limiter)
    return app


def _configure(app: Flask, web: WebSettings) -> None:
    app.config.update(
        SECRET_KEY=web.secret_key,
        SESSION_COOKIE_NAME="__Host-guichet" if web.secure_cookies else "guichet",
        SESSION_COOKIE_SECURE=web.secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=web.session_hours),
        MAX_CONTENT_LENGTH=200 * 1024 * 1024,
        SEND_FILE_MAX_AGE_DEFAULT=timedelta(days=1),
        API_TITLE="Guichet – API", API_VERSION="1", OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api", OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"security": [{"jeton": []}], "info": {
            "description": "Dossiers de candidature à l'Atelier des territoires Flash (contrat dossier-export v1)."}},
    )


def _register(app: Flask, web: WebSettings, limiter: Limiter) -> None:
    from service import api, auth, digests, errors, exports, filters, mails, queue, review, security, team, upload
    from service.timing import install as time_requests

    scheme_js = (HERE / "templates" / "dsfr" / "scheme.js").read_text(encoding="utf-8")
    app.jinja_env.globals["dsfr_scheme_js"] = scheme_js
    security.install(app, scheme_js)
    time_requests(app, app.extensions["guichet"].store.engine, web.slow_ms, web.server_timing)
    filters.install(app)
    for blueprint in (auth.bp, queue.bp, review.bp, exports.bp, team.bp, upload.bp, digests.bp):
        app.register_blueprint(blueprint)
    mails.install(app)
    api.install(app)
    # Two buckets: per client address (behind a proxy, the address it vouches for) and, for
    # failed attempts only, per account, so that many addresses cannot try one account for long.
    for endpoint in ("auth.login", "auth.change_password"):
        view = limiter.limit(web.login_limit, methods=["POST"])(app.view_functions[endpoint])
        app.view_functions[endpoint] = limiter.limit(
            web.login_account_limit, methods=["POST"], key_func=_account_key,
            deduct_when=lambda response: response.status_code == 401)(view)
    errors.install(app)

    @app.get("/static/dsfr/<path:name>")
    def dsfr_asset(name: str):
        return send_from_directory(web.dsfr_dir, name, max_age=86400)


def _account_key() -> str:
    """The login tried (or, to change a password, the signed-in account's)."""
    user = g.get("user")
    login = user.login if user is not None else request.form.get("login", "")
    return "account:" + login.strip().lower()[:320]
