"""The web service's own settings, read once from the environment and passed to create_app."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from worker.settings import Settings

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DSFR = ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"


@dataclass(frozen=True)
class WebSettings:
    """Secret key, cookie policy, login rate limit, where the DSFR assets are."""

    secret_key: str
    dsfr_dir: Path = DEFAULT_DSFR
    secure_cookies: bool = True
    login_limit: str = "10 per minute;50 per hour"
    ratelimit_storage: str = "memory://"
    session_hours: int = 8
    page_cache_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str], settings: Settings) -> WebSettings:
        """GUICHET_SECRET_KEY (else a key kept in the data directory), GUICHET_DSFR_DIR,
        GUICHET_INSECURE_COOKIES=1 (plain HTTP beyond localhost), GUICHET_LOGIN_LIMIT."""
        storage = settings.redis_url or "memory://"
        return cls(
            secret_key=environ.get("GUICHET_SECRET_KEY") or stored_secret(settings.data_dir),
            dsfr_dir=Path(environ.get("GUICHET_DSFR_DIR") or DEFAULT_DSFR),
            secure_cookies=environ.get("GUICHET_INSECURE_COOKIES", "") not in ("1", "true", "yes"),
            login_limit=environ.get("GUICHET_LOGIN_LIMIT", cls.login_limit),
            ratelimit_storage=storage,
            page_cache_dir=settings.data_dir / "cache" / "pages",
        )


def stored_secret(data_dir: Path) -> str:
    """A random key created once in the data directory (mode 600), so sessions survive restarts."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
