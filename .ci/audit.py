"""Audit the lock file with pip-audit and say what was and was not checked.

pip-audit prints "No known vulnerabilities found" even when it could reach no package at all
(every one skipped): here the JSON report is counted instead. Exit 1 when vulnerabilities
are found, or when a requirement of the lock file has no sha256 hash (pip --require-hashes
then refuses to install); when the audit could not run or skipped packages, say so plainly
and go on.

    python .ci/audit.py PIP_AUDIT LOCK_FILE
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def summarise(report: dict) -> tuple[list[str], list[str], list[str]]:
    """(audited, skipped with reason, vulnerabilities found) from pip-audit's JSON report."""
    audited, skipped, found = [], [], []
    for dep in report.get("dependencies", []):
        if "skip_reason" in dep:
            skipped.append(f"{dep['name']}: {dep['skip_reason']}")
            continue
        audited.append(dep["name"])
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            found.append(f"{dep['name']} {dep.get('version', '?')}: {vuln['id']} (fixed in {fixes})")
    return audited, skipped, found


def requirements(lock: str) -> list[str]:
    """The requirement entries of a lock file, continuation lines joined, options and comments left out."""
    text = re.sub(r"\\\n", " ", Path(lock).read_text())
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith(("#", "-"))]


def unhashed(lock: str) -> list[str]:
    """The requirements of `lock` without a pinned version and a sha256 hash."""
    return [entry.split()[0] for entry in requirements(lock)
            if "==" not in entry.split()[0] or "--hash=sha256:" not in entry]


def not_run(detail: str) -> int:
    """Say the audit did not happen (CI goes on: an unreachable index is not a vulnerability)."""
    print("AUDIT NOT RUN: pip-audit gave no report; no package of the lock file was checked.")
    print(detail.strip()[-2000:])
    return 0


def main(pip_audit: str, lock: str) -> int:
    missing = unhashed(lock)
    if missing:
        print(f"LOCK NOT HASHED: {len(missing)} requirement(s) of {lock} without a pinned version and "
              f"a sha256 hash (pip --require-hashes refuses them): {', '.join(missing)}")
    else:
        print(f"{lock}: {len(requirements(lock))} package(s), each pinned with its sha256 hashes "
              "(installed with pip --require-hashes).")
    return max(_audit(pip_audit, lock), 1 if missing else 0)


def _audit(pip_audit: str, lock: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        try:
            run = subprocess.run([pip_audit, "-r", lock, "--no-deps", "--disable-pip",
                                  "--progress-spinner", "off", "--format", "json", "-o", str(out)],
                                 capture_output=True, text=True)
        except OSError as exc:  # pip-audit missing
            return not_run(str(exc))
        try:
            report = json.loads(out.read_text())
        except (OSError, ValueError):  # it stopped before writing a report
            return not_run(run.stderr)
    audited, skipped, found = summarise(report)
    print(f"pip-audit: {len(audited)} package(s) checked, {len(skipped)} NOT checked, "
          f"{len(found)} known vulnerabilit{'y' if len(found) == 1 else 'ies'}.")
    if skipped:
        print("Not checked (a vulnerability there would go unseen):")
        print("\n".join(f"  {line}" for line in skipped))
    if not audited:
        print("AUDIT INCOMPLETE: no package could be checked (is PyPI reachable?).")
    if found:
        print("Known vulnerabilities:")
        print("\n".join(f"  {line}" for line in found))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
