"""The vocabulary is written once (extractors/vocabulary.py) and every code of it is tested.

In the manner of datasette's documentation tests: the code base is read as data. A collection
literal of two or more field ids, pieces, slugs or statuses outside the vocabulary module is a
second definition; a reason or error code written as a bare string is one too. The few tables that
must name items (the printed form's labels, rules about particular fields) are allowed below, each
with why.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from extractors import vocabulary as v
from schemas import labels
from tests.conftest import ROOT

PACKAGES = ("extractors", "schemas", "worker", "service", "guichet_cli")
VOCABULARY = ROOT / "extractors" / "vocabulary.py"
TESTS = ROOT / "tests"

# Items of an enum: two of them written as strings in one literal restate the enum.
ENUMS: dict[str, frozenset[str]] = {
    "piece kinds": frozenset(v.PieceKind),
    "field statuses": frozenset(v.FieldStatus),
    "dossier statuses": frozenset(v.DossierStatus),
    "decisions": frozenset(v.Decision),
}
# Tables of field ids and slugs: a literal holding a whole one (three items or more) restates it.
# Two or three fields named together by a rule are a use of the vocabulary, not a copy.
TABLES: list[tuple[str, frozenset[str]]] = [
    ("field ids", frozenset(ids)) for ids in (v.FIELD_IDS, v.BOOLEANS, *v.SECTIONS.values()) if len(ids) >= 3
] + [
    ("slugs", frozenset(slugs)) for slugs in (v.QUALITES, *v.SLUGS.values(), *v.SLUG_LISTS.values()) if len(slugs) >= 3
]
CODES = frozenset(v.ReasonCode) | frozenset(v.ErrorCode)  # distinctive: a bare one anywhere is a copy

# (module, group) -> why this module may name several items of the group in one literal.
ALLOWED: dict[tuple[str, str], str] = {
    ("schemas/labels.py", "field ids"): "French labels, checked below to cover exactly the vocabulary",
    ("schemas/labels.py", "slugs"): "French labels, checked below to cover exactly the vocabulary's slugs",
    ("schemas/labels.py", "piece kinds"): "section labels: a letter's section is named after its piece",
    ("schemas/labels.py", "decisions"): "queue-state labels: a decided dossier's state is its decision",
    ("schemas/normalise.py", "field ids"): "the fields answered in free text, a normalisation rule",
    ("schemas/completeness.py", "field ids"): "the fields the rules read beyond their section",
    ("extractors/fields/plausible.py", "field ids"): "the fields made of common words, a plausibility rule",
}


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if p != VOCABULARY)


def _strings(nodes) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _copies(path: Path) -> list[tuple[str, str, int, str]]:
    """(module, group, line, what) for each literal of this module that restates the vocabulary."""
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and node.value in CODES:
            found.append((name, "codes", node.lineno, node.value))
        items = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else \
            node.keys if isinstance(node, ast.Dict) else None
        if items is None:
            continue
        strings = set(_strings(items))
        for group, members in ENUMS.items():
            if len(strings & members) >= 2:
                found.append((name, group, node.lineno, ", ".join(sorted(strings & members))))
        for group, table in TABLES:
            if table <= strings:
                found.append((name, group, node.lineno, ", ".join(sorted(table)[:4]) + "…"))
    return found


def test_no_vocabulary_item_is_defined_twice():
    copies = [c for path in _modules() for c in _copies(path) if (c[0], c[1]) not in ALLOWED]
    assert copies == [], "write these in extractors/vocabulary.py and import them:\n" + \
        "\n".join(f"{m}:{line} {group}: {what}" for m, group, line, what in copies)


def test_every_allowance_is_still_needed():
    used = {(c[0], c[1]) for path in _modules() for c in _copies(path)}
    assert sorted(set(ALLOWED) - used) == []


def test_the_scan_finds_a_copy(tmp_path):
    """The scan itself: a tuple of pieces, a whole table of slugs or a bare code written in a module is found."""
    sample = tmp_path / "sample.py"
    sample.write_text('KINDS = ("fiche", "courrier_prefet")\nCODE = "ZIP_BOMB"\nPAIR = ("s2.epci", "s2.region")\n'
                      'ECHELLES = {"site": 1, "communale": 2, "intercommunale": 3}\n', encoding="utf-8")
    assert {(group, what) for _, group, _, what in _copies(sample)} == {
        ("piece kinds", "courrier_prefet, fiche"), ("codes", "ZIP_BOMB"), ("slugs", "communale, intercommunale, site…")}


def test_the_labels_cover_exactly_the_vocabulary():
    assert list(labels.FIELD_LABELS) == list(v.FIELD_IDS)
    assert list(labels.SECTION_LABELS) == list(v.SECTIONS)
    assert set(labels.PIECE_LABELS) == set(v.PieceKind)
    assert set(labels.DECISION_LABELS) == set(v.Decision)
    assert set(labels.STATUS_LABELS) == set(v.DossierStatus)
    assert set(labels.FIELD_STATUS_LABELS) == set(v.FieldStatus)
    slugs = {s for table in (v.SLUGS, v.SLUG_LISTS) for slugs in table.values() for s in slugs} | {v.AUCUN}
    assert set(labels.SLUG_LABELS) == slugs


def test_the_printed_form_offers_exactly_the_vocabulary_slugs():
    from extractors.fields.form import OPTIONS, SINGLE_CHOICE

    for field_id, options in OPTIONS.items():
        allowed = v.SLUGS.get(field_id) or v.SLUG_LISTS[field_id] + (v.AUCUN,) * (field_id == "s3.programmes")
        assert [o.slug for o in options] == list(allowed), field_id
    assert SINGLE_CHOICE <= set(v.SLUGS)


def _test_sources() -> str:
    here = Path(__file__)
    return "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py") if p != here)


def test_every_error_code_is_asserted_by_a_test():
    """A new code without a test that provokes it fails here (tests/worker/test_error_codes.py has most)."""
    text = _test_sources()
    untested = [c.value for c in v.ErrorCode
                if not re.search(rf"ErrorCode\.{c.name}\b|[\"']{c.value}[\"']", text)]
    assert untested == []


def test_every_reason_code_is_asserted_by_a_test():
    text = _test_sources()
    untested = [c.value for c in v.ReasonCode
                if not re.search(rf"ReasonCode\.{c.name}\b|[\"']{c.value}[\"']", text)]
    assert untested == []


def test_every_reason_code_has_a_rule_that_gives_it():
    """Beside its message, each code is named once more in schemas/completeness.py: by the rule giving it."""
    from schemas import completeness

    source = Path(completeness.__file__).read_text(encoding="utf-8")
    assert [c.name for c in v.ReasonCode if len(re.findall(rf"ReasonCode\.{c.name}\b", source)) < 2] == []
