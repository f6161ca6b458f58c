"""Hostile files give their error code on the dossier, their original stays stored, nothing crashes."""

from __future__ import annotations

import hashlib

import pytest

from tests import hostile
from tests.conftest import load_json, run_guichet
from tests.contract import validate_export, validate_index


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    expected = hostile.build(folder / "input")
    data_dir = folder / "var"
    result = run_guichet("process", "--out", str(folder / "out"), str(folder / "input"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder, expected, data_dir


def test_every_hostile_file_has_its_error_code(processed):
    folder, expected, _ = processed
    index = load_json(folder / "out" / "index.json")
    validate_index(index)
    found = {(e["file"], e["code"]) for entry in index["inputs"] for e in entry["errors"]}
    missing = {name: code for name, code in expected.items() if (name, code) not in found}
    assert not missing, f"missing codes {missing}; found {sorted(found)}"


def test_every_original_is_stored(processed):
    folder, _, data_dir = processed
    for path in (folder / "input").iterdir():
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        assert (data_dir / "blobs" / sha256[:2] / sha256[2:4] / sha256).exists(), path.name


def test_good_files_beside_hostile_ones_are_still_read(processed):
    folder, _, _ = processed
    index = load_json(folder / "out" / "index.json")
    documents = []
    for dossier_id in index["dossiers"]:
        export = load_json(folder / "out" / f"{dossier_id}.json")
        validate_export(export)
        documents.extend(export["documents"])
    by_file = {d["file"]: d for d in documents}
    assert by_file["chemins.zip/ok.pdf"]["pages"] == [1, 2, 3, 4]
    assert by_file["tronque.pdf"]["pages"], "a truncated PDF is read as far as it goes"
    assert by_file["chiffre.pdf"]["error"]["code"] == "PDF_ENCRYPTED"


def test_the_mail_with_a_bad_charset_is_a_dossier(processed):
    folder, _, _ = processed
    index = load_json(folder / "out" / "index.json")
    subjects = [m["subject"] for d in index["dossiers"]
                for m in load_json(folder / "out" / f"{d}.json")["messages"]]
    assert subjects == ["Candidature"]


def test_processing_again_changes_nothing(processed):
    folder, _, data_dir = processed
    before = load_json(folder / "out" / "index.json")
    again = run_guichet("process", "--out", str(folder / "again"), str(folder / "input"), data_dir=data_dir)
    assert again.returncode == 0, again.stderr[-2000:]
    assert load_json(folder / "again" / "index.json")["dossiers"] == before["dossiers"]
