"""The web service's own settings, read once from the environment and passed to create_app."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

from worker.settings import Settings

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DSFR = ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"


@dataclass(frozen=True)
class WebSettings:
    """Secret key, cookie policy, session lifetimes, login rate limits, trusted proxies, DSFR assets."""

    secret_key: str
    dsfr_dir: Path = DEFAULT_DSFR
    secure_cookies: bool = True
    login_limit: str = "10 per minute;50 per hour"  # per client address
    login_account_limit: str = "5 per minute;20 per hour"  # failed attempts per account
    ratelimit_storage: str = "memory://"
    session_hours: float = 8  # idle lifetime: each request renews the cookie for this long
    session_max_hours: float = 12  # absolute lifetime: from the login, whatever the activity
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()
    page_cache_dir: Path | None = None
    slow_ms: float = 250  # requests slower than this are logged with their database share
    server_timing: bool = False  # a Server-Timing header on every response (benchmarks)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], settings: Settings) -> WebSettings:
        """GUICHET_SECRET_KEY (else a key kept in the data directory), GUICHET_DSFR_DIR,
        GUICHET_INSECURE_COOKIES=1 (plain HTTP beyond localhost), GUICHET_LOGIN_LIMIT,
        GUICHET_LOGIN_ACCOUNT_LIMIT, GUICHET_SESSION_IDLE_HOURS, GUICHET_SESSION_MAX_HOURS,
        GUICHET_TRUSTED_PROXIES (addresses or networks, comma-separated), GUICHET_SLOW_MS,
        GUICHET_SERVER_TIMING=1."""
        storage = settings.redis_url or "memory://"
        return cls(
            secret_key=environ.get("GUICHET_SECRET_KEY") or stored_secret(settings.data_dir),
            dsfr_dir=Path(environ.get("GUICHET_DSFR_DIR") or DEFAULT_DSFR),
            secure_cookies=environ.get("GUICHET_INSECURE_COOKIES", "") not in ("1", "true", "yes"),
            login_limit=environ.get("GUICHET_LOGIN_LIMIT", cls.login_limit),
            login_account_limit=environ.get("GUICHET_LOGIN_ACCOUNT_LIMIT", cls.login_account_limit),
            ratelimit_storage=storage,
            session_hours=float(environ.get("GUICHET_SESSION_IDLE_HOURS", cls.session_hours)),
            session_max_hours=float(environ.get("GUICHET_SESSION_MAX_HOURS", cls.session_max_hours)),
            trusted_proxies=parse_networks(environ.get("GUICHET_TRUSTED_PROXIES", "")),
            page_cache_dir=settings.data_dir / "cache" / "pages",
            slow_ms=float(environ.get("GUICHET_SLOW_MS", cls.slow_ms)),
            server_timing=environ.get("GUICHET_SERVER_TIMING", "") in ("1", "true", "yes"),
        )


def parse_networks(text: str) -> tuple[IPv4Network | IPv6Network, ...]:
    """"10.0.0.5, 192.168.0.0/24" -> networks; a bad entry stops the start (a silent typo would
    trust nobody, or worse)."""
    try:
        return tuple(ip_network(item.strip(), strict=False) for item in text.split(",") if item.strip())
    except ValueError as exc:
        raise ValueError(f"GUICHET_TRUSTED_PROXIES : adresse ou réseau invalide ({exc})") from exc


def stored_secret(data_dir: Path) -> str:
    """A random key created once in the data directory (mode 600), so sessions survive restarts."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
