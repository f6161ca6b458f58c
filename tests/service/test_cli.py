"""`guichet user add` and `guichet serve --demo`, run as a user would."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import run_guichet


def test_user_add_creates_an_argon2id_account(tmp_path: Path):
    done = run_guichet("user", "add", "agent@example.gouv.fr", "--role", "instructeur",
                       "--password", "un-mot-de-passe-long", data_dir=tmp_path / "var", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Compte agent@example.gouv.fr créé (rôle instructeur)." in done.stdout
    again = run_guichet("user", "add", "agent@example.gouv.fr", "--password", "un-mot-de-passe-long",
                        data_dir=tmp_path / "var", timeout=120)
    assert again.returncode == 2 and "existe déjà" in again.stderr
    short = run_guichet("user", "add", "b@example.gouv.fr", "--password", "court", data_dir=tmp_path / "var",
                        timeout=120)
    assert short.returncode == 2 and "12 caractères" in short.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_demo_prints_an_account_that_signs_in(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "GUICHET_DATA_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    command = [str(Path(sys.executable).with_name("guichet")), "serve", "--demo", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        first = server.stdout.readline()
        match = re.search(r"Compte de démonstration : (\S+)  mot de passe : (\S+)", first)
        assert match, first
        assert f"http://localhost:{port}/" in server.stdout.readline()
        from worker.persistence import accounts
        from worker.persistence.store import Store
        from worker.settings import Settings

        store = Store(Settings.from_env(env))
        assert accounts.authenticate(store, match.group(1), match.group(2)).role == "administrateur"
        store.engine.dispose()
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/connexion", timeout=5) as response:
                    assert response.status == 200 and "Connexion à Guichet" in response.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not answer")
    finally:
        server.terminate()
        server.wait(timeout=10)
