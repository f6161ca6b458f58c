"""Issue 12: pip-audit said "No known vulnerabilities found" while it had skipped every pinned
package. .ci/audit.py counts what was checked, names what was not, and fails only on a
vulnerability found. pip-audit is replaced by a script that writes a given JSON report."""

from __future__ import annotations

import importlib.util
import json
import stat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

SKIPPED = {"name": "wrapt", "skip_reason": "Dependency not found on PyPI and could not be audited: wrapt (2.5.2)"}
CLEAN = {"name": "attrs", "version": "26.1.0", "vulns": []}
VULNERABLE = {"name": "jinja2", "version": "3.1.0", "vulns": [
    {"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": [], "description": "xss"}]}


def fake_pip_audit(tmp_path: Path, report: dict | None, code: int = 0) -> str:
    """A stand-in for pip-audit writing `report` to its -o file (none when None), exiting `code`."""
    script = tmp_path / "pip-audit"
    payload = json.dumps({"dependencies": report, "fixes": []}) if report is not None else ""
    script.write_text("#!/bin/sh\n"
                      + (f"for a; do out=$a; done\ncat > \"$out\" <<'JSON'\n{payload}\nJSON\n" if payload else
                         "echo 'network unreachable' >&2\n")
                      + f"exit {code}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_all_skipped_is_said_and_not_called_clean(tmp_path, capsys):
    assert audit.main(fake_pip_audit(tmp_path, [SKIPPED]), "requirements.lock") == 0
    out = capsys.readouterr().out
    assert "0 package(s) checked, 1 NOT checked" in out
    assert "wrapt" in out and "AUDIT INCOMPLETE" in out
    assert "No known vulnerabilities" not in out


def test_a_vulnerability_fails_and_is_named(tmp_path, capsys):
    assert audit.main(fake_pip_audit(tmp_path, [CLEAN, VULNERABLE, SKIPPED], code=1), "requirements.lock") == 1
    out = capsys.readouterr().out
    assert "2 package(s) checked, 1 NOT checked, 1 known vulnerability" in out
    assert "jinja2 3.1.0: GHSA-h5c8-rqwp-cp95 (fixed in 3.1.3)" in out


def test_an_audit_that_cannot_run_says_so_without_failing(tmp_path, capsys):
    assert audit.main(fake_pip_audit(tmp_path, None, code=1), "requirements.lock") == 0
    out = capsys.readouterr().out
    assert "AUDIT NOT RUN" in out and "network unreachable" in out
    assert audit.main(str(tmp_path / "missing"), "requirements.lock") == 0
    assert "AUDIT NOT RUN" in capsys.readouterr().out


def test_ci_runs_the_audit_through_the_report():
    run = (ROOT / ".ci" / "run").read_text()
    assert ".ci/audit.py" in run and "bash scripts/test.sh" in run
