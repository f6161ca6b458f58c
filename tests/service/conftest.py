"""Service fixtures: sample dossiers read once by the real pipeline, an app per test, accounts, logins."""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL, ROOT
from worker.core.context import make_context
from worker.core.intake import intake_files
from worker.settings import Limits, Settings

PASSWORD = "motdepasse-de-test"
ROLES = ("lecteur", "instructeur", "administrateur")
SAMPLES = ("01_pdf_numeriques", "11_sans_courrier_prefet")


def make_settings(root: Path) -> Settings:
    """Embedded defaults under `root`."""
    return Settings(data_dir=root, database_url=f"sqlite:///{root / 'g.sqlite3'}", storage_dir=root / "blobs",
                    ocr_workers=2, limits=Limits(parse_timeout=120.0))


@pytest.fixture(scope="session")
def sample_data(tmp_path_factory, engine, cog) -> tuple[Path, dict[str, str]]:
    """Two sample dossiers read by the real pipeline, then fields written as the extraction would."""
    root = tmp_path_factory.mktemp("samples") / "var"
    ids = build_samples(make_settings(root), engine, cog)
    return root, ids


def build_samples(settings: Settings, engine, cog) -> dict[str, str]:
    """Intake, process and seed the sample dossiers into the settings' database."""
    from worker.core import pipeline
    from worker.entry.inputs import plan_input
    from worker.persistence.store import Store

    store = Store(settings)
    ids = {}
    for case in SAMPLES:
        plan = plan_input(ROOT / "samples" / case / "input", case)
        done = intake_files(plan.loose, case, store=store, settings=settings)
        pipeline.run(done.dossier_id, make_context(settings, store, engine=engine, cog=cog))
        ids[case] = done.dossier_id
    seed_fields(store, ids["01_pdf_numeriques"], "Combourg", "35")
    seed_fields(store, ids["11_sans_courrier_prefet"], "Guingamp", "22")
    store.engine.dispose()
    return ids


@pytest.fixture(scope="session")
def postgres_samples(sample_data, engine, cog) -> str:
    """The same sample data in a PostgreSQL database used as a template: each test gets a copy."""
    root, ids = sample_data
    name = f"tpl_{uuid.uuid4().hex[:10]}"
    _admin(f"CREATE DATABASE {name}")
    try:
        # The same blobs folder: content-addressed, so the copies of `root` hold them already.
        built = build_samples(replace(make_settings(root), database_url=_database_url(name)), engine, cog)
        assert built == ids
        yield name
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _database_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _admin(statement: str) -> None:
    """CREATE/DROP DATABASE, which cannot run inside a transaction."""
    import sqlalchemy

    admin = sqlalchemy.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=sqlalchemy.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(statement))
    admin.dispose()


def seed_fields(store, dossier_id: str, commune: str, departement: str) -> None:
    """Write a few fields with a real source box (found in the fiche's words) via Store.save_results."""
    documents = store.documents(dossier_id)
    files = {f.id: f for f in store.files(dossier_id)}
    fiche = next(d for d in documents if d.kind == "fiche")
    source = _word_source(store, files[fiche.file_id], commune)
    fields = {fid: {"value": row.value, "confidence": row.confidence, "source": row.source, "status": row.status}
              for fid, row in store.fields(dossier_id).items()}
    fields["s1.collectivite.nom"] = {"value": f"Commune de {commune}", "confidence": 0.55, "source": source,
                                     "status": "needs_review"}
    fields["s2.departement"] = {"value": departement, "confidence": 0.97, "source": None, "status": "extracted"}
    docs = [dict(file_id=d.file_id, pages=d.pages, kind=d.kind, confidence=d.confidence, ocr=d.ocr,
                 error=d.error) for d in documents]
    store.save_results(dossier_id, docs, fields, store.dossier(dossier_id).completeness)


def _word_source(store, file, word: str) -> dict:
    from extractors.model import READER_VERSION

    reading = store.reading(file.sha256, READER_VERSION)
    for page in store.pages(reading.id):
        for w in page.words:
            if w.text.strip(".,") == word:
                return {"file": file.name, "page": page.number, "bbox": list(w.bbox)}
    raise AssertionError(f"{word} not found in {file.name}")


@pytest.fixture
def data(request, tmp_path: Path, sample_data, backend: str) -> tuple[Settings, dict[str, str]]:
    """A private copy of the sample data for one test, on SQLite or on PostgreSQL (a database
    cloned from the template, dropped afterwards)."""
    root, ids = sample_data
    target = tmp_path / "var"
    shutil.copytree(root, target)
    if backend == "sqlite":
        yield make_settings(target), ids
        return
    template = request.getfixturevalue("postgres_samples")
    name = f"t_{uuid.uuid4().hex[:10]}"
    _admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield replace(make_settings(target), database_url=_database_url(name)), ids
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def app(data):
    from service import create_app
    from service.config import WebSettings

    settings, _ids = data
    web = WebSettings(secret_key="cle-de-test-" + "x" * 40, login_limit="1000 per minute",
                      page_cache_dir=settings.data_dir / "cache")
    app = create_app(settings, web)
    app.config["TESTING"] = True
    for role in ROLES:
        from worker.persistence import accounts

        accounts.create_user(app.extensions["guichet"].store, f"{role}@example.gouv.fr", PASSWORD, role,
                             role.capitalize())
    yield app
    app.extensions["guichet"].store.engine.dispose()


@pytest.fixture
def ids(data) -> dict[str, str]:
    return data[1]


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, role: str) -> str:
    """Sign in as the account of `role`; returns the session's CSRF token."""
    token = csrf_of(client.get("/connexion").text)
    response = client.post("/connexion", data={"login": f"{role}@example.gouv.fr", "password": PASSWORD,
                                                "csrf_token": token})
    assert response.status_code == 302, response.text
    return csrf_of(client.get("/").text)


@pytest.fixture
def tokens(app) -> dict[str, str]:
    """An API token per role."""
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    return {role: accounts.create_token(store, accounts.find_user(store, f"{role}@example.gouv.fr").id)
            for role in ROLES}


@pytest.fixture
def no_processing(monkeypatch):
    """Uploads and reprocessing are recorded but not read (no OCR in these tests)."""
    calls = []
    monkeypatch.setattr("service.jobs.schedule_processing", lambda store, settings, dossier_id: calls.append(dossier_id))
    return calls

