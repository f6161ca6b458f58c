"""Fixtures, layered: settings -> store -> engine; helpers to build hostile inputs and run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from worker.settings import Limits, Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POSTGRES_URL = os.environ.get("GUICHET_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded defaults (SQLite, local blobs) in a fresh folder."""
    return Settings(data_dir=tmp_path / "var", database_url=f"sqlite:///{tmp_path / 'var' / 'g.sqlite3'}",
                    storage_dir=tmp_path / "var" / "blobs", ocr_workers=2,
                    limits=Limits(parse_timeout=120.0))


@pytest.fixture(params=["sqlite", "postgresql"])
def any_settings(request, tmp_path: Path, settings: Settings) -> Settings:
    """The same test on SQLite and on the machine's PostgreSQL (a schema of its own)."""
    if request.param == "sqlite":
        yield settings
        return
    import sqlalchemy

    schema = f"t_{uuid.uuid4().hex[:10]}"
    engine = sqlalchemy.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    yield Settings(data_dir=settings.data_dir, database_url=url, storage_dir=settings.storage_dir,
                   ocr_workers=2, limits=settings.limits)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def store(settings: Settings):
    from worker.store import Store

    return Store(settings)


@pytest.fixture(scope="session")
def cog():
    from schemas.cog import Cog

    return Cog.load()


@pytest.fixture(scope="session")
def engine():
    from extractors.ocr import TesseractEngine

    return TesseractEngine("fra", timeout=120)


def run_guichet(*args: str, data_dir: Path, env: dict | None = None, timeout: float = 1800) -> subprocess.CompletedProcess:
    """Run the installed console script as a user would."""
    environment = {**os.environ, "GUICHET_DATA_DIR": str(data_dir)}
    environment.pop("DATABASE_URL", None)  # the embedded default, unless the test says otherwise
    environment.update(env or {})
    command = [str(Path(sys.executable).with_name("guichet")), *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=timeout)


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
