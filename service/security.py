"""Who is asking and may they: sessions, roles, CSRF tokens, API tokens, security headers."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable

from flask import Flask, abort, current_app, g, redirect, request, session, url_for

from worker.persistence import accounts
from worker.persistence.accounts import ROLES

log = logging.getLogger(__name__)

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
USER_TTL = 5.0  # seconds an account is trusted without re-reading it (a deactivation takes effect within)


class UserCache:
    """Accounts by id, re-read from the database after USER_TTL seconds (or at once after a change here)."""

    def __init__(self) -> None:
        self._users: dict[tuple[int, int], tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, store, user_id: int):
        """The account, at most USER_TTL seconds old."""
        key, now = (id(store), user_id), time.monotonic()
        with self._lock:
            found = self._users.get(key)
        if found and now - found[0] < USER_TTL:
            return found[1]
        user = accounts.get_user(store, user_id)
        with self._lock:
            self._users[key] = (now, user)
        return user

    def forget(self) -> None:
        """Drop everything (after an account changed)."""
        with self._lock:
            self._users.clear()


USERS = UserCache()


def script_hash(text: str) -> str:
    """The CSP source allowing one inline script by its SHA-256."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(inline_script: str) -> str:
    """Strict CSP: our own origin only; DSFR's colour-scheme script allowed by its hash."""
    return "; ".join([
        "default-src 'self'", f"script-src 'self' {script_hash(inline_script)}", "style-src 'self'",
        "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "manifest-src 'self'",
    ])


def install(app: Flask, inline_script: str) -> None:
    """Security headers on every response, CSRF on every unsafe form request, the user in `g`."""
    policy = content_security_policy(inline_script)

    @app.before_request
    def _load_user() -> None:
        g.user = None
        user_id = session.get("user_id")
        if user_id is not None:
            user = USERS.get(current_app.extensions["guichet"].store, user_id)
            if user is not None and session_valid(user):
                g.user = user
            else:
                session.clear()

    @app.before_request
    def _check_csrf() -> None:
        if request.method in UNSAFE and not request.path.startswith("/api/"):
            sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
            expected = session.get("csrf", "")
            if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
                abort(400, description="Jeton de sécurité (CSRF) absent ou invalide : rechargez la page.")

    @app.after_request
    def _headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if request.is_secure:  # TLS ends at a trusted proxy (service.proxy) that said so
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if not request.path.startswith("/static/"):
            # Dossiers, page images, exports, API answers: nothing a shared or later user of the
            # browser could read back from a cache after logout.
            headers["Cache-Control"] = "no-store"
            headers.pop("Expires", None)
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["can"] = can


def csrf_token() -> str:
    """The session's CSRF token, created on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def can(role: str, user=None) -> bool:
    """Whether the user (default: the current one) has at least this role."""
    user = user if user is not None else g.get("user")
    return user is not None and ROLES.index(user.role) >= ROLES.index(role)


def login_user(user, version: int | None = None) -> None:
    """Start a fresh session for this user (no fixation: everything before is dropped), under the
    account's current session version and with the time of login for the absolute lifetime."""
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["role"] = user.role
    session["version"] = user.session_version if version is None else version
    session["auth_at"] = int(time.time())
    session["csrf"] = secrets.token_urlsafe(32)


def session_valid(user) -> bool:
    """Whether the session cookie still speaks for this account: active, same role, opened under
    the current session version (logout and password change bump it), younger than the
    absolute lifetime. The idle lifetime is the cookie signature's own age (Flask)."""
    web = current_app.extensions["guichet"].web
    auth_at = session.get("auth_at")
    return (user.active and session.get("role") == user.role
            and session.get("version") == user.session_version
            and isinstance(auth_at, int) and 0 <= time.time() - auth_at < web.session_max_hours * 3600)


def requires(role: str) -> Callable:
    """A page for users with at least `role`; anonymous visitors go to the login page."""
    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if g.get("user") is None:
                return redirect(url_for("auth.login", next=_next_path()))
            if not can(role):
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def api_requires(role: str) -> Callable:
    """An API endpoint for bearer tokens of users with at least `role`; a read-only token reads."""
    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            access = _bearer_access()
            if access is None:
                abort(401, description="Jeton d'API absent, expiré, révoqué ou invalide "
                                       "(en-tête Authorization: Bearer …).")
            g.user = access.user
            if not can(role, access.user):
                abort(403)
            if access.read_only and request.method not in SAFE_METHODS:
                abort(403, description="Ce jeton d'API est en lecture seule.")
            return view(*args, **kwargs)
        return wrapper
    return decorator


def _bearer_access():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return accounts.token_access(current_app.extensions["guichet"].store, token.strip())


def _next_path() -> str:
    path = request.full_path if request.query_string else request.path
    return path if safe_next(path) else "/"


# A path of this site: printable ASCII without backslash, space or controls. Browsers drop tabs and
# line breaks from URLs ("/\t/evil" becomes "//evil", another host) and a CR/LF cannot go in a header.
LOCAL_PATH = re.compile(r"/(?![/\\])[!-\[\]-~]*")


def safe_next(path: str | None) -> bool:
    """Only same-site relative paths: no scheme, no host, no protocol-relative URL."""
    return bool(path) and LOCAL_PATH.fullmatch(path) is not None
