"""Review-side tables: user accounts, API tokens, and each dossier's line in the triage queue."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from worker.db import Base, utcnow

log = logging.getLogger(__name__)

ROLES = ("lecteur", "instructeur", "administrateur")  # each role can do what the previous ones can


class User(Base):
    """A DGALN reviewer; `login` is the e-mail address, `password_hash` an argon2id hash."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="lecteur")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class QueueEntry(Base):
    """One dossier as the queue shows it: review state (assignee, request for documents) kept here,
    plus columns derived from the dossier and its fields, refreshed when the dossier changes."""

    __tablename__ = "queue_entry"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), primary_key=True)
    # Owned by the review: never recomputed.
    assignee: Mapped[str | None] = mapped_column(String(320), index=True)
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    request_text: Mapped[str | None] = mapped_column(Text)
    # Derived from the dossier (see worker.review.refresh_queue).
    synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    state: Mapped[str] = mapped_column(String(24), default="nouveau", index=True)
    complete: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    reasons: Mapped[str] = mapped_column(String(400), default=" ")  # " CODE1 CODE2 ", for LIKE filters
    departement: Mapped[str | None] = mapped_column(String(3), index=True)
    collectivite: Mapped[str] = mapped_column(String(300), default="", index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    decision: Mapped[str | None] = mapped_column(String(16), index=True)
    search: Mapped[str] = mapped_column(Text, default="")  # lower-case, accents removed


# Accounts ---------------------------------------------------------------------

class AccountError(ValueError):
    """A user cannot be created or changed as asked (its message is French, for the person)."""


def password_hasher():
    """argon2id with RFC 9106's low-memory profile (64 MiB, t=3, p=4): above OWASP ASVS 5.0's floor."""
    from argon2 import PasswordHasher
    from argon2.profiles import RFC_9106_LOW_MEMORY

    return PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


def create_user(store, login: str, password: str, role: str, name: str = "") -> User:
    """A new account; the password is hashed with argon2id."""
    login = login.strip().lower()
    if role not in ROLES:
        raise AccountError(f"Rôle inconnu : {role} (lecteur, instructeur ou administrateur).")
    if len(password) < 12:
        raise AccountError("Le mot de passe doit compter au moins 12 caractères.")
    if not login or "@" not in login:
        raise AccountError("L'identifiant doit être une adresse électronique.")
    with store.session() as s:
        if s.scalar(select(User).where(User.login == login)):
            raise AccountError(f"Le compte {login} existe déjà.")
        user = User(login=login, name=name or login, role=role, active=True,
                    password_hash=password_hasher().hash(password))
        s.add(user)
    return user


def find_user(store, login: str) -> User | None:
    """The account of this login, if any."""
    with store.session() as s:
        return s.scalar(select(User).where(User.login == login.strip().lower()))


def get_user(store, user_id: int) -> User | None:
    """The account of this id, if any."""
    with store.session() as s:
        return s.get(User, user_id)


def list_users(store) -> list[User]:
    """Every account, by login."""
    with store.session() as s:
        return list(s.scalars(select(User).order_by(User.login)).all())


def authenticate(store, login: str, password: str) -> User | None:
    """The active user whose password matches, else None; time does not tell which part failed."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = password_hasher()
    user = find_user(store, login)
    try:
        hasher.verify(user.password_hash if user else _dummy_hash(hasher), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    with store.session() as s:
        row = s.get(User, user.id)
        row.last_login_at = utcnow()
        if hasher.check_needs_rehash(row.password_hash):
            row.password_hash = hasher.hash(password)
    return user


_DUMMY: dict[str, str] = {}


def _dummy_hash(hasher) -> str:
    if "hash" not in _DUMMY:
        _DUMMY["hash"] = hasher.hash(secrets.token_urlsafe(16))
    return _DUMMY["hash"]


def set_user(store, user_id: int, *, role: str | None = None, active: bool | None = None) -> None:
    """Change a user's role or deactivate it."""
    if role is not None and role not in ROLES:
        raise AccountError(f"Rôle inconnu : {role}.")
    with store.session() as s:
        user = s.get(User, user_id)
        if user is None:
            raise AccountError("Compte introuvable.")
        if role is not None:
            user.role = role
        if active is not None:
            user.active = active


def create_token(store, user_id: int, label: str = "") -> str:
    """A new API token for a user; only its hash is kept, the token is shown once."""
    token = "gt_" + secrets.token_urlsafe(32)
    with store.session() as s:
        s.add(ApiToken(user_id=user_id, label=label, token_sha256=_sha(token)))
    return token


def token_user(store, token: str) -> User | None:
    """The active user of a valid, unrevoked token."""
    with store.session() as s:
        row = s.scalar(select(ApiToken).where(ApiToken.token_sha256 == _sha(token),
                                              ApiToken.revoked.is_(False)))
        if row is None:
            return None
        user = s.get(User, row.user_id)
        return user if user is not None and user.active else None


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def set_password(store, user_id: int, password: str) -> None:
    """Replace a user's password (argon2id)."""
    if len(password) < 12:
        raise AccountError("Le mot de passe doit compter au moins 12 caractères.")
    with store.session() as s:
        s.get(User, user_id).password_hash = password_hasher().hash(password)
