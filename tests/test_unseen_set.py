"""The unseen set (samples/unseen) is what it claims to be, without running Guichet: each
expected.json has the shape of samples/*/expected.json, its files are in input/, the verdict
agrees with the defects the case was built with, and both halves mix digital and scanned,
complete and incomplete dossiers."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_json

UNSEEN = ROOT / "samples" / "unseen"
CASES = sorted(p.parent for p in UNSEEN.glob("*/*/expected.json"))
FIELD_IDS = set(load_json(ROOT / "samples" / "01_pdf_numeriques" / "expected.json")["fields"])
# Defect in the case's slug -> reason code it must give.
DEFECT_REASON = {"no-prefet": "COURRIER_PREFET_ABSENT", "no-coll": "COURRIER_COLLECTIVITE_ABSENT",
                 "no-fiche": "FICHE_ABSENTE", "coll-unsigned": "COURRIER_COLLECTIVITE_NON_SIGNE",
                 "prefet-unsigned": "COURRIER_PREFET_NON_SIGNE", "prefet-sg": "SIGNATAIRE_NON_HABILITE",
                 "coll-adjoint": "SIGNATAIRE_NON_HABILITE", "prefet-not-dgaln": "COURRIER_PREFET_DESTINATAIRE",
                 "unknown-commune": "COMMUNE_INCONNUE", "commune-outside-epci": "TERRITOIRE_INCOHERENT",
                 "prefet-other-dep": "TERRITOIRE_INCOHERENT", "vide-": "SECTION_VIDE"}


def _files(case: Path) -> dict[str, bytes]:
    """Every file a dossier's documents may name: input files, zip members, mail attachments."""
    found: dict[str, bytes] = {}

    def add(name: str, data: bytes) -> None:
        found[name] = data
        if name.lower().endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for member in z.namelist():
                    found[f"{name}/{member}"] = z.read(member)

    for path in (case / "input").iterdir():
        if path.suffix == ".eml":
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for part in message.walk():
                if part.get_filename() and part.get_content_disposition() == "attachment":
                    add(part.get_filename(), part.get_payload(decode=True))
        else:
            add(path.name, path.read_bytes())
    return found


def test_there_are_two_halves_of_the_promised_sizes():
    halves = {h: [c for c in CASES if c.parent.name == h] for h in ("tune", "frozen")}
    assert len(halves["tune"]) == 24
    assert len(halves["frozen"]) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.parent.name}/{c.name}")
def test_expected_has_the_samples_shape_and_names_real_files(case):
    expected = load_json(case / "expected.json")
    assert set(expected) == {"version", "case", "messages", "documents", "fields", "completeness"}
    assert expected["case"] == case.name
    assert set(expected["fields"]) == FIELD_IDS
    for field, entry in expected["fields"].items():
        assert (entry["value"] is None) == (entry["status"] == "missing"), field
    files = _files(case)
    for doc in expected["documents"]:
        assert hashlib.sha256(files[doc["file"]]).hexdigest() == doc["sha256"], doc["file"]
    assert [m["date"] for m in expected["messages"]] == sorted(m["date"] for m in expected["messages"])


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.parent.name}/{c.name}")
def test_the_verdict_follows_the_defects_the_case_was_built_with(case):
    completeness = load_json(case / "expected.json")["completeness"]
    codes = {r["code"] for r in completeness["reasons"]}
    wanted = {reason for defect, reason in DEFECT_REASON.items() if f"_{defect}" in case.name
              or f"-{defect}" in case.name}
    assert codes == wanted
    assert completeness["complete"] == (not codes)
    assert "VERIFICATION_REQUISE" not in codes


@pytest.mark.parametrize("half", ["tune", "frozen"])
def test_each_half_mixes_scanned_and_incomplete_dossiers(half):
    cases = [load_json(c / "expected.json") for c in CASES if c.parent.name == half]
    scanned = sum(any(d["ocr"] for d in e["documents"]) for e in cases)
    complete = sum(e["completeness"]["complete"] for e in cases)
    assert scanned >= 0.4 * len(cases)
    assert 0.6 * len(cases) <= complete <= 0.8 * len(cases)


def test_the_set_stays_small():
    size = sum(p.stat().st_size for p in UNSEEN.rglob("*") if p.is_file())
    assert size <= 35_000_000
