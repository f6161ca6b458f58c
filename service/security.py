"""Who is asking and may they: sessions, roles, CSRF tokens, API tokens, security headers."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable

from flask import Flask, abort, current_app, g, redirect, request, session, url_for

from worker import accounts
from worker.accounts import ROLES

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
            if user is not None and user.active and session.get("role") == user.role:
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
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if response.mimetype == "text/html":
            headers.setdefault("Cache-Control", "no-store")
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


def login_user(user) -> None:
    """Start a fresh session for this user (no fixation: everything before is dropped)."""
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["role"] = user.role
    session["csrf"] = secrets.token_urlsafe(32)


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


def api_requires(role: str) -> Callable:
    """An API endpoint for bearer tokens of users with at least `role`."""
    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = _bearer_user()
            if user is None:
                abort(401, description="Jeton d'API absent ou invalide (en-tête Authorization: Bearer …).")
            g.user = user
            if not can(role, user):
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator


def _bearer_user():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return accounts.token_user(current_app.extensions["guichet"].store, token.strip())


def _next_path() -> str:
    path = request.full_path if request.query_string else request.path
    return path if safe_next(path) else "/"


def safe_next(path: str | None) -> bool:
    """Only local paths: no scheme, no host, no protocol-relative URL."""
    return bool(path) and path.startswith("/") and not path.startswith("//") and "\\" not in path
