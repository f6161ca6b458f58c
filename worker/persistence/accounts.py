"""Review-side tables: user accounts, API tokens, and each dossier's line in the triage queue."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, false, select, update
from sqlalchemy.orm import Mapped, mapped_column

from worker.persistence.db import Base, utcnow

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
    # Every session cookie carries the version it was opened under; bumping it (logout, password
    # change, deactivation) ends every session of the account at once.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


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
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    read_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


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
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # Derived from the dossier (see worker.instruction.review_queue.refresh_queue).
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


MIN_PASSWORD = 12
# Long passwords that still come first in leaked lists (and French habits): refused outright.
COMMON_PASSWORDS = frozenset("""
123456789012 1234567890123 12345678901234 123456789123 111111111111 000000000000 qwertyuiopas
azertyuiopqs azertyuiop123 azertyuiop1234 azerty123456 azertyazerty qwerty123456 qwertyqwerty
password1234 password123! passwordpassword motdepasse12 motdepasse123 motdepasse1234 motdepasse!!
motdepasse2024 motdepasse2025 motdepasse2026 bonjour12345 bonjour123456 soleil123456 marseille123
iloveyou1234 administrateur admin1234567 administrator changeme1234 welcome12345 letmein12345
abcdefghijkl abc123456789 aaaaaaaaaaaa guichet12345 guichet123456 jetaime12345 doudou123456
""".split())


def check_password(password: str, login: str) -> None:
    """The password policy: long enough, not a well-known password, not the login itself."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Le mot de passe doit compter au moins {MIN_PASSWORD} caractères.")
    folded = password.strip().lower()
    if folded in COMMON_PASSWORDS or len(set(folded)) <= 2:
        raise AccountError("Ce mot de passe est trop courant : choisissez-en un autre.")
    login = login.strip().lower()
    if login and folded in (login, login.split("@")[0]):
        raise AccountError("Le mot de passe ne doit pas reprendre l'identifiant.")


def create_user(store, login: str, password: str, role: str, name: str = "") -> User:
    """A new account; the password is hashed with argon2id."""
    login = login.strip().lower()
    if role not in ROLES:
        raise AccountError(f"Rôle inconnu : {role} (lecteur, instructeur ou administrateur).")
    check_password(password, login)
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
        return users_in(s)


def users_in(s) -> list[User]:
    """list_users, in the caller's transaction."""
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


def verify_password(user: User, password: str) -> bool:
    """Whether `password` is this account's (for a change of password: no login recorded)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return password_hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[str, str] = {}


def _dummy_hash(hasher) -> str:
    if "hash" not in _DUMMY:
        _DUMMY["hash"] = hasher.hash(secrets.token_urlsafe(16))
    return _DUMMY["hash"]


def set_user(store, user_id: int, *, role: str | None = None, active: bool | None = None) -> None:
    """Change a user's role or deactivate it; deactivation ends its sessions and revokes its
    tokens for good, so that reactivating the account does not bring them back."""
    if role is not None and role not in ROLES:
        raise AccountError(f"Rôle inconnu : {role}.")
    with store.session() as s:
        user = s.get(User, user_id)
        if user is None:
            raise AccountError("Compte introuvable.")
        if role is not None:
            user.role = role
        if active is not None:
            if user.active and not active:
                user.session_version += 1
                s.execute(update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked.is_(False))
                          .values(revoked=True))
            user.active = active


def end_sessions(store, user_id: int) -> int:
    """Bump the account's session version: every cookie opened before is refused. Returns the new one."""
    with store.session() as s:
        user = s.get(User, user_id)
        if user is None:
            raise AccountError("Compte introuvable.")
        user.session_version += 1
        return user.session_version


TOKEN_DAYS = 90  # default lifetime of an API token
MAX_TOKEN_DAYS = 366
LAST_USE_STEP = timedelta(minutes=1)  # last use is written at most this often per token


@dataclass(frozen=True)
class TokenAccess:
    """Who a bearer token speaks for, and whether it may only read."""

    user: User
    token_id: int
    read_only: bool


def create_token(store, user_id: int, label: str = "", *, days: int = TOKEN_DAYS,
                 read_only: bool = False) -> str:
    """A new API token for a user, valid `days` days; only its hash is kept, the token is shown once."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise AccountError(f"La durée d'un jeton va de 1 à {MAX_TOKEN_DAYS} jours.")
    token = "gt_" + secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(days=days)
    with store.session() as s:
        if s.get(User, user_id) is None:
            raise AccountError("Compte introuvable.")
        s.add(ApiToken(user_id=user_id, label=label[:200], token_sha256=_sha(token), expires_at=expires,
                       read_only=read_only))
    return token


def token_access(store, token: str) -> TokenAccess | None:
    """The active user of a valid token: known, not revoked, not expired; its use is recorded."""
    now = utcnow()
    with store.session() as s:
        row = s.scalar(select(ApiToken).where(ApiToken.token_sha256 == _sha(token),
                                              ApiToken.revoked.is_(False)))
        if row is None or row.expires_at is None or aware(row.expires_at) <= now:
            return None
        user = s.get(User, row.user_id)
        if user is None or not user.active:
            return None
        if row.last_used_at is None or now - aware(row.last_used_at) >= LAST_USE_STEP:
            row.last_used_at = now
        return TokenAccess(user, row.id, row.read_only)


def list_tokens(store, user_id: int | None = None) -> list[ApiToken]:
    """Tokens (of one account, or all), newest first."""
    with store.session() as s:
        query = select(ApiToken).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        if user_id is not None:
            query = query.where(ApiToken.user_id == user_id)
        return list(s.scalars(query).all())


def revoke_token(store, token_id: int) -> ApiToken:
    """Revoke a token for good."""
    with store.session() as s:
        row = s.get(ApiToken, token_id)
        if row is None:
            raise AccountError("Jeton introuvable.")
        row.revoked = True
        return row


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def set_password(store, user_id: int, password: str) -> int:
    """Replace a user's password (argon2id) and end its sessions; returns the new session version."""
    with store.session() as s:
        user = s.get(User, user_id)
        if user is None:
            raise AccountError("Compte introuvable.")
        check_password(password, user.login)
        user.password_hash = password_hasher().hash(password)
        user.session_version += 1
        return user.session_version
