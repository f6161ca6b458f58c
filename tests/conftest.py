"""Fixtures, layered: settings -> store -> engine; helpers to build hostile inputs and run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from worker.settings import Limits, Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POSTGRES_URL = os.environ.get("GUICHET_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


BACKENDS = ("sqlite", "postgresql")
# Tests that read pages by OCR run on SQLite only: reading is the same on both databases, and
# doubling minutes of Tesseract would test nothing more. The store, intake, queue, mail and
# review tests (which write and query the database) run on both.
SQLITE_ONLY = ("tests/worker/test_pipeline.py", "tests/worker/test_assembly.py",
               "tests/extractors/", "tests/test_robustness.py", "tests/test_samples.py",
               "tests/test_hostile.py", "tests/service/test_browser.py")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test's database fixtures use SQLite only")


def pytest_generate_tests(metafunc) -> None:
    """Every test using the database (`settings`, `store`, the service's `data`) runs on both backends.

    GUICHET_TEST_BACKENDS=sqlite (or postgresql) narrows the run to one.
    """
    if "backend" not in metafunc.fixturenames:
        return
    path = Path(metafunc.definition.fspath).relative_to(ROOT).as_posix()
    wanted = os.environ.get("GUICHET_TEST_BACKENDS", ",".join(BACKENDS)).split(",")
    if metafunc.definition.get_closest_marker("sqlite_only") or path.startswith(SQLITE_ONLY):
        wanted = ["sqlite"]
    metafunc.parametrize("backend", [b for b in BACKENDS if b in wanted] or ["sqlite"], indirect=True)


@pytest.fixture
def backend(request) -> str:
    """The database of this run of the test: "sqlite" or "postgresql"."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def settings(tmp_path: Path, backend: str) -> Settings:
    """Embedded defaults (SQLite, local blobs) in a fresh folder, or the machine's PostgreSQL
    in a schema of this test's own, dropped afterwards."""
    embedded = Settings(data_dir=tmp_path / "var", database_url=f"sqlite:///{tmp_path / 'var' / 'g.sqlite3'}",
                        storage_dir=tmp_path / "var" / "blobs", ocr_workers=2,
                        limits=Limits(parse_timeout=120.0))
    if backend == "sqlite":
        yield embedded
        return
    with postgres_schema() as url:
        yield replace(embedded, database_url=url)


@contextmanager
def postgres_schema():
    """A fresh schema on the test PostgreSQL; yields a URL whose search_path is that schema."""
    import sqlalchemy

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(POSTGRES_URL, poolclass=sqlalchemy.pool.NullPool)
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    try:
        # Named after the schema, so that what a test left connected can be found and ended.
        yield f"{POSTGRES_URL}?application_name={schema}&options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            # Connections a test left open (a killed worker's) must not hold the drop forever.
            connection.execute(sqlalchemy.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": schema})
            connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def any_settings(settings: Settings) -> Settings:
    """Kept for the tests written before every database test ran on both backends."""
    return settings


@pytest.fixture
def store(settings: Settings):
    from worker.persistence.store import Store

    return Store(settings)


@pytest.fixture(scope="session")
def cog():
    from schemas.cog import Cog

    return Cog.load()


@pytest.fixture(scope="session")
def engine():
    from extractors.ocr.engine import TesseractEngine

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
