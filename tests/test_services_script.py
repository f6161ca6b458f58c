"""scripts/services.sh is `eval`'d by scripts/test.sh: its stdout must hold `export` lines only,
whatever the PostgreSQL tools print, and a cluster off port 5432 must still be found.

The machine's PostgreSQL cannot be moved to another port for a test: the tools the script calls
(pg_isready, pg_lsclusters, pg_ctlcluster, psql, runuser, createdb, redis-cli) are replaced by
small scripts on PATH that behave as on such a machine, and chatter on stdout as the real ones do.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "services.sh"
EXPORT = re.compile(r"export [A-Z_]+=\S+")

# $STATE/started: the cluster was started; $STATE/db: the role and database are set up.
FAKES = {
    "pg_isready": """
port=5432; while [ $# -gt 0 ]; do [ "$1" = -p ] && port=$2; shift; done
[ "$port" = "$REACHABLE_PORT" ] && { [ "$CLUSTER_STATUS" = online ] || [ -e "$STATE/started" ]; }""",
    "pg_lsclusters": 'echo "15 main $CLUSTER_PORT $CLUSTER_STATUS postgres /x /y.log"',  # as with -h
    "pg_ctlcluster": """
echo "pg_ctlcluster $*" >> "$STATE/calls"
if [ "$CLUSTER_STATUS" = online ]; then echo "Cluster is already running."; exit 2; fi
echo "Cluster is starting."; touch "$STATE/started\"""",
    "psql": 'echo " ?column? "; echo "1"; [ -e "$STATE/db" ]',
    "runuser": 'echo "ALTER ROLE"; echo "runuser $*" >> "$STATE/calls"; touch "$STATE/db"',
    "createdb": 'echo "createdb: done"',
    "redis-cli": 'echo PONG',
}


@pytest.fixture
def machine(tmp_path):
    """Run services.sh against fake tools; returns (stdout, stderr, the exports once eval'd, calls)."""
    bin_dir, state = tmp_path / "bin", tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    for name, body in FAKES.items():
        (bin_dir / name).write_text(f"#!/usr/bin/env bash\n{body}\n")
        (bin_dir / name).chmod(0o755)

    def run(*, cluster_port: str, status: str, reachable_port: str) -> dict:
        env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "STATE": str(state),
               "CLUSTER_PORT": cluster_port, "CLUSTER_STATUS": status, "REACHABLE_PORT": reachable_port}
        env.pop("GUICHET_TEST_POSTGRES", None)
        done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=120)
        evaluated = subprocess.run(["bash", "-c", f'set -e; eval "$(bash {SCRIPT})"; '
                                    'echo "url=${GUICHET_TEST_POSTGRES:-}"'],
                                   capture_output=True, text=True, env=env, timeout=120)
        calls = (state / "calls").read_text() if (state / "calls").exists() else ""
        return {"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                "eval": evaluated, "calls": calls}

    return run


def only_exports(stdout: str) -> bool:
    return all(EXPORT.fullmatch(line) for line in stdout.splitlines())


def test_a_running_cluster_on_another_port_is_used_and_not_restarted(machine):
    done = machine(cluster_port="5433", status="online", reachable_port="5433")
    assert done["code"] == 0, done["stderr"]
    assert done["stdout"] == "export GUICHET_TEST_POSTGRES=postgresql+psycopg://postgres:guichet@127.0.0.1:5433/test\n"
    assert "pg_ctlcluster" not in done["calls"] and "psql -p 5433" in done["calls"]
    assert "command not found" not in done["eval"].stderr
    assert done["eval"].stdout.strip().endswith("@127.0.0.1:5433/test")


def test_a_stopped_cluster_is_started_and_its_chatter_stays_off_stdout(machine):
    done = machine(cluster_port="5432", status="down", reachable_port="5432")
    assert done["code"] == 0, done["stderr"]
    assert "pg_ctlcluster --skip-systemctl-redirect 15 main start" in done["calls"]
    assert "Cluster is starting." in done["stderr"] and "Cluster" not in done["stdout"]
    assert done["stdout"] == "export GUICHET_TEST_POSTGRES=postgresql+psycopg://postgres:guichet@127.0.0.1:5432/test\n"


def test_a_cluster_that_cannot_be_reached_leaves_a_warning_not_a_command(machine):
    """The reported failure: a cluster exists but 5432 does not answer; `eval` ran "Cluster is
    already running." as a command."""
    done = machine(cluster_port="5432", status="online", reachable_port="none")
    assert done["code"] == 0
    assert done["stdout"] == ""
    assert "PostgreSQL injoignable sur 127.0.0.1:5432" in done["stderr"]
    assert done["eval"].returncode == 0 and "command not found" not in done["eval"].stderr
    assert done["eval"].stdout.strip() == "url="


def test_on_this_machine_stdout_holds_exports_only():
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert only_exports(done.stdout), done.stdout
