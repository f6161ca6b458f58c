"""The project checked against its own contract: domain ids, schema enums, import direction."""

from __future__ import annotations

import ast
import json
import re

from extractors.errors import MESSAGES as ERROR_MESSAGES, ErrorCode
from extractors.vocabulary import FIELD_IDS
from schemas.completeness import MESSAGES as REASON_MESSAGES
from tests.conftest import ROOT, SHARED

DOMAIN = (SHARED / "domain" / "fiche-de-candidature.md").read_text(encoding="utf-8")
EXPORT_SCHEMA = json.loads((SHARED / "contract" / "dossier-export.v1.schema.json").read_text(encoding="utf-8"))


def test_field_ids_are_exactly_those_of_the_domain_page():
    in_tables = re.findall(r"^\| `([a-z0-9_]+(?:\.[a-z0-9_]+)+)` \|", DOMAIN, flags=re.M)
    assert list(dict.fromkeys(in_tables)) == list(FIELD_IDS)


def test_field_ids_are_exactly_those_the_schema_requires():
    assert EXPORT_SCHEMA["properties"]["fields"]["required"] == list(FIELD_IDS)


def test_every_reason_code_has_a_french_message():
    codes = EXPORT_SCHEMA["properties"]["completeness"]["properties"]["reasons"]["items"]["properties"]["code"]["enum"]
    assert sorted(REASON_MESSAGES) == sorted(codes)


def test_every_error_code_has_a_french_message():
    assert set(ERROR_MESSAGES) == set(ErrorCode)


ALLOWED = {  # package -> packages of ours it may import
    "extractors": {"extractors"},
    "schemas": {"schemas", "extractors"},
    "worker": {"worker", "schemas", "extractors"},
    "service": {"service", "worker", "schemas"},
}
# The vocabulary is data of the bottom layer that imports nothing of ours: every package may read it.
EVERYWHERE = {"extractors.vocabulary"}


def test_imports_point_one_way():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
                for name in names:
                    top = name.split(".")[0]
                    if top in ALLOWED and top not in allowed and name not in EVERYWHERE:
                        wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


# worker's layers, bottom first (docs/architecture.md): each imports only those before it, and the
# modules shared by all (settings, events) import no layer.
WORKER_LAYERS = ("persistence", "core", "instruction", "mail", "entry")


def _worker_imports(path) -> set[str]:
    """The worker sub-packages or top-level modules this file imports (`worker.core.pipeline` -> core)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{a.name}" if node.module == "worker" else node.module for a in node.names]
        else:
            continue
        found |= {name.split(".")[1] for name in names if name.startswith("worker.")}
    return found


def test_worker_layers_import_downward_only():
    wrong = []
    for path in (ROOT / "worker").rglob("*.py"):
        parts = path.relative_to(ROOT / "worker").parts
        if "migrations" in parts:
            continue
        own = parts[0] if len(parts) > 1 else None
        below = set(WORKER_LAYERS[:WORKER_LAYERS.index(own) + 1]) if own else set()
        wrong += [f"{path.relative_to(ROOT)} imports worker.{layer}"
                  for layer in _worker_imports(path) & set(WORKER_LAYERS) - below]
    assert wrong == []
    assert {p.name for p in (ROOT / "worker").iterdir() if p.is_dir() and p.name != "__pycache__"} == set(WORKER_LAYERS)


def test_the_vocabulary_imports_nothing_of_ours():
    tree = ast.parse((ROOT / "extractors" / "vocabulary.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | \
        {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {name.split(".")[0] for name in imported if name} & set(ALLOWED)


def test_locked_pdfplumber_has_the_pdfminer_rce_fixes():
    """pdfminer.six's remote-code-execution CVEs are fixed from pdfplumber 0.11.9 on."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    version = re.search(r"^pdfplumber==([\d.]+)(?: \\|$)", lock, flags=re.M).group(1)
    assert tuple(map(int, version.split("."))) >= (0, 11, 9)


MODULE_LINES = 500  # a module longer than this hides more than one job (issue 15)


def test_no_module_is_over_500_lines():
    packages = ("extractors", "schemas", "worker", "service", "guichet_cli", "bench", "tests")
    long = {str(path.relative_to(ROOT)): n for package in packages for path in (ROOT / package).rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES}
    assert not long, f"split these modules along their seams: {long}"
