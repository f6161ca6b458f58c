"""Issue 12, Medium 11: the parser "sandbox" only limited time and memory.

A parser child (and the tools it starts) now has no network, no secret in its environment,
uid nobody, a read-only file system but for its private temporary directory; external
programs run under bubblewrap and see only what they are given.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from click.testing import CliRunner

from extractors import isolation
from worker.core import sandbox
from worker.core.sandbox import run_limited

SECRET = "postgresql://guichet:Tr3s-secret@db/guichet"


@pytest.fixture
def listening():
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(connection)

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], accepted
    server.close()


def _connect(port: int) -> str:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=3).close()
        return "connected"
    except OSError as exc:
        return f"refused: {exc}"


def _probe(port: int, outside: str) -> dict:
    """What a hostile parser would try from inside the child."""
    found = {"socket": _connect(port), "environ": dict(os.environ), "uid": os.getuid()}
    tool = subprocess.run([sys.executable, "-c", f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3)"],
                          capture_output=True, text=True)
    found["tool_socket"] = tool.returncode
    found["tool_environ"] = subprocess.run(["env"], capture_output=True, text=True).stdout
    try:
        with open(outside, "w") as handle:
            handle.write("written by the parser")
        found["write_outside"] = "written"
    except OSError as exc:
        found["write_outside"] = str(exc)
    with tempfile.NamedTemporaryFile() as scratch:  # its own temporary directory still works
        scratch.write(b"x" * 4096)
        found["scratch"] = scratch.name
    return found


def test_parser_child_has_no_network_no_secret_and_a_read_only_system(listening, tmp_path, monkeypatch):
    port, accepted = listening
    assert _connect(port) == "connected"  # the listener works from the parent
    deadline = time.monotonic() + 10
    while not accepted and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(accepted) == 1
    accepted.clear()
    monkeypatch.setenv("DATABASE_URL", SECRET)
    monkeypatch.setenv("GUICHET_IMAP_PASSWORD", "imap-secret")
    outside = tmp_path / "planted.txt"
    found = run_limited(_probe, port, str(outside), timeout=60, memory_mb=3072)
    assert found["socket"].startswith("refused")
    assert found["tool_socket"] != 0
    assert accepted == []
    assert SECRET not in repr(found["environ"]) and "imap-secret" not in repr(found["environ"])
    assert "Tr3s-secret" not in found["tool_environ"] and "imap-secret" not in found["tool_environ"]
    assert found["uid"] == 65534
    assert "Read-only file system" in found["write_outside"] and not outside.exists()
    assert not os.path.exists(found["scratch"])  # the private tmpfs is gone with the child


def test_external_program_sees_only_what_it_is_given(listening, tmp_path, monkeypatch):
    port, accepted = listening
    monkeypatch.setenv("DATABASE_URL", SECRET)
    given = tmp_path / "given"
    given.mkdir()
    hidden = tmp_path / "hidden.txt"
    hidden.write_text("not for the tool")
    script = (
        "import os, socket\n"
        f"print('secret' if {SECRET!r} in repr(os.environ) else 'clean')\n"
        f"print(os.path.exists({str(hidden)!r}), os.getuid())\n"
        f"open({str(given / 'out.txt')!r}, 'w').write('ok')\n"
        f"socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
    )
    done = subprocess.run(isolation.wrap(["/usr/bin/python3", "-c", script], writable=[str(given)]),
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["clean", "False", "65534"]
    assert (given / "out.txt").read_text() == "ok"
    # bubblewrap's network namespace has its own, empty loopback: nobody listens there.
    assert done.returncode != 0 and ("Connection refused" in done.stderr or "unreachable" in done.stderr)
    assert accepted == []


@pytest.fixture
def fresh_checks():
    sandbox.require_confinement.cache_clear()
    isolation.check.cache_clear()
    yield
    sandbox.require_confinement.cache_clear()
    isolation.check.cache_clear()


def test_missing_bubblewrap_stops_guichet_at_start_with_a_clear_message(monkeypatch, fresh_checks):
    from guichet_cli import main

    monkeypatch.setattr(isolation.shutil, "which", lambda *args, **kwargs: None)
    result = CliRunner().invoke(main, ["process", "--out", "/nonexistent", __file__])
    assert result.exit_code == 1
    assert "bubblewrap" in result.output and "GUICHET_SANDBOX=off" in result.output
    assert "introuvable" in result.output and "not found" in result.output


def test_refused_namespaces_stop_guichet_at_start(monkeypatch, fresh_checks):
    def refused(private, memory_mb):
        raise PermissionError(1, "unshare: Operation not permitted")

    monkeypatch.setattr(sandbox, "confine", refused)  # as a kernel or a seccomp profile would
    with pytest.raises(isolation.SandboxUnavailable, match="namespaces refused"):
        sandbox.require_confinement()


def test_sandbox_off_is_loud(monkeypatch, caplog, fresh_checks):
    monkeypatch.setenv("GUICHET_SANDBOX", "off")
    sandbox.require_confinement()
    assert any("SANS isolement" in record.getMessage() and record.levelname == "WARNING"
               for record in caplog.records)
    assert isolation.wrap(["true"]) == ["true"]
    assert run_limited(isolation.enabled, timeout=30, memory_mb=3072) is False  # the child keeps it off


def _nothing() -> int:
    return 1


def test_confinement_cost_per_call_is_small(monkeypatch):
    """Measured, not asserted tightly: the machine is shared. Prints both figures."""
    def per_call() -> float:
        start = time.perf_counter()
        for _ in range(20):
            run_limited(_nothing, timeout=30, memory_mb=3072)
        return (time.perf_counter() - start) / 20

    confined = per_call()
    monkeypatch.setenv("GUICHET_SANDBOX", "off")
    plain = per_call()
    print(f"run_limited per call: confined {confined * 1000:.1f} ms, unconfined {plain * 1000:.1f} ms")
    assert confined < 0.5
