"""Configuration, read once from the environment into a frozen object passed down."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """Guards against hostile or oversized input; each breach has its own error code."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 100
    max_image_pixels: int = 120_000_000
    max_unpacked_bytes: int = 512 * 1024 * 1024
    max_zip_members: int = 500
    max_zip_ratio: int = 200
    max_depth: int = 4  # zips in zips, messages in messages
    parse_timeout: float = 900.0  # seconds for one file, all its pages included
    parse_memory_mb: int = 3072  # address space of the process reading one file
    ocr_page_timeout: float = 120.0
    office_timeout: float = 180.0
    min_free_mb: int = 512  # unpacking stops (DISK_FULL) rather than fill the disk of the blobs; as SMTP


@dataclass(frozen=True)
class MailSettings:
    """The mail Guichet sends: the SMTP relay, the sender, the signature, the texts' folder."""

    relay_host: str = ""  # empty: nothing is sent, mails wait in the outbox
    relay_port: int = 25
    relay_starttls: bool = False
    relay_login: str = ""
    relay_password: str = field(default="", repr=False)
    relay_timeout: float = 30.0
    from_address: str = "guichet@localhost"
    bureau_name: str = "Bureau AD1 – DGALN/DHUP"
    bureau_address: str = ""  # postal address, lines separated by "\n" (or "|" in the variable)
    acknowledge: bool = True  # accusé de réception of a dossier's first message received by mail
    templates_dir: Path | None = None  # an administrator's texts, before the embedded ones
    retry_intervals: tuple[float, ...] = (30.0, 120.0, 600.0, 1800.0, 3600.0)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> MailSettings:
        """GUICHET_RELAY_* for the relay, GUICHET_MAIL_* for the sender and the texts."""
        yes = lambda name, default: environ.get(name, default).strip().lower() in ("1", "true", "oui", "yes")  # noqa: E731
        intervals = environ.get("GUICHET_MAIL_RETRY_INTERVALS")
        return cls(
            relay_host=environ.get("GUICHET_RELAY_HOST", ""),
            relay_port=int(environ.get("GUICHET_RELAY_PORT", "25")),
            relay_starttls=yes("GUICHET_RELAY_STARTTLS", "0"),
            relay_login=environ.get("GUICHET_RELAY_LOGIN", ""),
            relay_password=environ.get("GUICHET_RELAY_PASSWORD", ""),
            relay_timeout=float(environ.get("GUICHET_RELAY_TIMEOUT", "30")),
            from_address=environ.get("GUICHET_MAIL_FROM", cls.from_address),
            bureau_name=environ.get("GUICHET_MAIL_BUREAU", cls.bureau_name),
            bureau_address=environ.get("GUICHET_MAIL_BUREAU_ADDRESS", "").replace("|", "\n"),
            acknowledge=yes("GUICHET_MAIL_ACCUSE", "1"),
            templates_dir=Path(environ["GUICHET_MAIL_TEMPLATES"]) if environ.get("GUICHET_MAIL_TEMPLATES") else None,
            retry_intervals=tuple(float(v) for v in intervals.split(",")) if intervals else cls.retry_intervals,
        )


@dataclass(frozen=True)
class Settings:
    """Everything configurable; build with `Settings.from_env(os.environ)`."""

    data_dir: Path = Path("var")
    database_url: str = ""
    storage_dir: Path = Path("var/blobs")
    redis_url: str | None = None
    queue_name: str = "guichet"
    lease_seconds: float = 1800.0  # a dossier "processing" longer than this was abandoned by its worker
    ocr_lang: str = "fra"
    ocr_dpi: int = 300
    ocr_workers: int = max(1, os.cpu_count() or 1)
    limits: Limits = field(default_factory=Limits)
    mail: MailSettings = field(default_factory=MailSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read GUICHET_* variables, DATABASE_URL and REDIS_URL; defaults are embedded."""
        data_dir = Path(environ.get("GUICHET_DATA_DIR", "var"))
        database_url = environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'guichet.sqlite3'}"
        storage_dir = Path(environ.get("GUICHET_STORAGE_DIR", data_dir / "blobs"))
        limits = Limits()
        overrides = {
            name: type(getattr(limits, name))(environ[f"GUICHET_{name.upper()}"])
            for name in Limits.__dataclass_fields__
            if f"GUICHET_{name.upper()}" in environ
        }
        return cls(
            data_dir=data_dir,
            database_url=database_url,
            storage_dir=storage_dir,
            redis_url=environ.get("REDIS_URL") or None,
            queue_name=environ.get("GUICHET_QUEUE", "guichet"),
            lease_seconds=float(environ.get("GUICHET_LEASE_SECONDS", "1800")),
            ocr_lang=environ.get("GUICHET_OCR_LANG", "fra"),
            ocr_dpi=int(environ.get("GUICHET_OCR_DPI", "300")),
            ocr_workers=int(environ.get("GUICHET_OCR_WORKERS", str(cls.ocr_workers))),
            limits=replace(limits, **overrides),
            mail=MailSettings.from_env(environ),
        )
