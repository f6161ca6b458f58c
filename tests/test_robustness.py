"""Every file of ../shared/robustness goes through `guichet process`: no crash, no hang, none lost.

Each folder is one call. Limits are lowered (20 pages a file, 120 s a file) so the whole
corpus fits in CI time; the limits themselves are what is under test for the huge files.
"""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from tests.conftest import SHARED, load_json, run_guichet
from tests.contract import validate_export, validate_index

CORPUS = SHARED / "robustness"
LIMITS = {"GUICHET_MAX_PAGES": "20", "GUICHET_PARSE_TIMEOUT": "120", "GUICHET_OCR_PAGE_TIMEOUT": "60"}


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["mail", "office", "image", "pdf"])
def test_every_file_is_read_or_has_an_error_code(tmp_path, folder):
    source = CORPUS / folder
    result = run_guichet("process", "--quiet", "--out", str(tmp_path / "out"), str(source),
                         data_dir=tmp_path / "var", env=LIMITS, timeout=2400)
    assert result.returncode == 0, result.stderr[-3000:]
    index = load_json(tmp_path / "out" / "index.json")
    validate_index(index)
    accounted = {e["file"] for entry in index["inputs"] for e in entry["errors"]}
    unsupported = {e["file"] for entry in index["inputs"] for e in entry["errors"]
                   if e["code"] == "FILE_TYPE_UNSUPPORTED"}
    messages = set()
    for dossier_id in index["dossiers"]:
        export = load_json(tmp_path / "out" / f"{dossier_id}.json")
        validate_export(export)
        accounted |= {d["file"] for d in export["documents"]}
        messages |= {m["file"].split("#")[0] for m in export["messages"]}
        unsupported |= {d["file"] for d in export["documents"]
                        if d.get("error", {}).get("code") == "FILE_TYPE_UNSUPPORTED"}
    accounted |= messages
    files = sorted(p for p in source.iterdir() if p.is_file())
    assert [p.name for p in files if p.name not in accounted] == []
    # Outlook's .msg and winmail.dat (TNEF) are messages: read as such, never an unsupported file.
    outlook = {p.name for p in files if p.suffix.lower() in (".msg", ".tnef")}
    assert sorted(outlook & unsupported) == []
    assert sorted(outlook - messages) == []
    stored = _stored_originals(tmp_path / "var" / "guichet.sqlite3")
    assert [p.name for p in files if hashlib.sha256(p.read_bytes()).hexdigest() not in stored] == []


def _stored_originals(database) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("select sha256 from original")}
