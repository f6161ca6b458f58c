"""Low findings of the command line: `serve --demo` only on this machine and on data without accounts,
its account disabled when it stops; data files private to the service's account (umask 077)."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_guichet
from tests.service.test_cli import _free_port

GUICHET = str(Path(sys.executable).with_name("guichet"))


def demo_env(data_dir: Path) -> dict:
    env = {**os.environ, "GUICHET_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return env


def test_demo_refuses_a_public_address(tmp_path: Path):
    done = run_guichet("serve", "--demo", "--host", "0.0.0.0", data_dir=tmp_path / "var", timeout=120)
    assert done.returncode == 2 and "machine locale" in done.stderr
    assert "mot de passe" not in done.stdout and not (tmp_path / "var").exists()


def test_demo_refuses_a_configured_database_or_existing_data(tmp_path: Path):
    configured = run_guichet("serve", "--demo", data_dir=tmp_path / "a",
                             env={"DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}, timeout=120)
    assert configured.returncode == 2 and "DATABASE_URL" in configured.stderr
    assert "mot de passe" not in configured.stdout
    existing = tmp_path / "prod"
    assert run_guichet("user", "add", "agent@example.gouv.fr", "--password", "un-mot-de-passe-long",
                       data_dir=existing, timeout=120).returncode == 0
    refused = run_guichet("serve", "--demo", data_dir=existing, timeout=120)
    assert refused.returncode == 2 and "déjà 1 compte(s)" in refused.stderr
    from worker.persistence import accounts
    from worker.persistence.store import Store
    from worker.settings import Settings

    store = Store(Settings.from_env(demo_env(existing)))
    assert accounts.find_user(store, "demo@guichet.test") is None
    store.engine.dispose()


def serve_demo(data_dir: Path) -> tuple[subprocess.Popen, str, str]:
    port = _free_port()
    server = subprocess.Popen([GUICHET, "serve", "--demo", "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=demo_env(data_dir))
    match = re.search(r"Compte de démonstration : (\S+)  mot de passe : (\S+)", server.stdout.readline())
    assert match
    assert "Guichet est servi" in server.stdout.readline()
    return server, match.group(1), match.group(2)


def test_the_demo_account_is_disabled_when_the_demo_stops(tmp_path: Path):
    from worker.persistence import accounts
    from worker.persistence.store import Store
    from worker.settings import Settings

    data_dir = tmp_path / "var"
    # Data without accounts (samples just processed: the README's first command) serves the demo,
    # and so does the data the demo left, again with a new password.
    assert run_guichet("user", "tokens", data_dir=data_dir, timeout=120).returncode == 0  # creates the database
    for _ in range(2):
        server, login, password = serve_demo(data_dir)
        try:
            store = Store(Settings.from_env(demo_env(data_dir)))
            assert accounts.authenticate(store, login, password) is not None
            time.sleep(0.5)
        finally:
            server.send_signal(signal.SIGTERM)
            rest = server.communicate(timeout=20)[0]
        assert "Compte de démonstration désactivé." in rest
        assert accounts.authenticate(store, login, password) is None
        assert not accounts.find_user(store, login).active
        store.engine.dispose()


def test_data_files_are_private_to_the_service_account(tmp_path: Path):
    data_dir = tmp_path / "var"
    environment = {**os.environ, "GUICHET_DATA_DIR": str(data_dir)}
    environment.pop("DATABASE_URL", None)
    done = subprocess.run([GUICHET, "user", "add", "agent@example.gouv.fr", "--password", "un-mot-de-passe-long"],
                          env=environment, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: os.umask(0o022))  # a permissive shell
    assert done.returncode == 0, done.stderr
    created = [data_dir, *data_dir.rglob("*")]
    assert any(p.name == "guichet.sqlite3" for p in created)
    loose = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in created
             if stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert loose == {}
