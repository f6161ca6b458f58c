"""The event kinds: one enum (worker.events), no bare string for one in the code, and every
kind written is read by some code or shown; the history template names what it shows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT
from worker.events import AUDIT_ONLY, EventKind
from worker.instruction import review

SOURCES = sorted(p for folder in ("worker", "service") for p in (ROOT / folder).rglob("*.py")
                 if "migrations" not in p.parts and p != ROOT / "worker" / "events.py")
KINDS = {kind.value for kind in EventKind}
# Calls that record an event, and the position of its kind among their arguments.
WRITERS = {"add_event": 1, "fail": 1, "note": 2, "_requeue": 5}


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(), str(path))) for path in SOURCES]


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _written_expressions(tree: ast.Module) -> list[ast.expr]:
    """The expressions that give the kind of an event being recorded."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            keywords = {k.arg: k.value for k in node.keywords}
            if name == "Event" and "kind" in keywords:
                found.append(keywords["kind"])
            elif name == "Stage" and "begun" in keywords:  # recorded by pipeline.run_stage
                found.append(keywords["begun"])
            elif name in WRITERS and len(node.args) > WRITERS[name]:
                found.append(node.args[WRITERS[name]])
        elif isinstance(node, ast.Assign) and [_name(t) for t in node.targets] == ["kind"]:
            found.append(node.value)
    return found


def _members(expression: ast.expr) -> set[EventKind]:
    return {EventKind[n.attr] for n in ast.walk(expression) if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name) and n.value.id == "EventKind"}


def _bare(tree: ast.Module) -> list[tuple[int, str]]:
    """String constants naming an event kind where a kind is written, compared or listed."""
    suspects: list[ast.AST] = list(_written_expressions(tree))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_name(side) == "kind" for side in sides):
                suspects.extend(sides)
        elif isinstance(node, ast.Call) and _name(node.func) in ("_latest", "in_", "history", "after"):
            suspects.extend(node.args)
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) > 1 and all(
                isinstance(e, ast.Constant) and e.value in KINDS for e in node.elts):
            suspects.append(node)
    return sorted({(c.lineno, c.value) for s in suspects for c in ast.walk(s)
                   if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in KINDS})


def test_no_event_kind_is_a_bare_string():
    bare = {str(path.relative_to(ROOT)): found for path, tree in _trees() if (found := _bare(tree))}
    assert bare == {}


def test_the_scan_finds_a_bare_kind():
    tree = ast.parse('s.add(Event(dossier_id=d, kind="assessed"))\nif e.kind == "joined": pass\n'
                     'X = ("created", "message")\nstore.add_event(d, "understood")\n')
    assert _bare(tree) == [(1, "assessed"), (2, "joined"), (3, "created"), (3, "message"), (4, "understood")]


def test_every_kind_written_is_read_or_shown_and_every_kind_is_used():
    written: set[EventKind] = set()
    referenced: set[EventKind] = set()
    for _, tree in _trees():
        writes = _written_expressions(tree)
        written |= {m for w in writes for m in _members(w)}
        in_writes = {id(n) for w in writes for n in ast.walk(w)}
        referenced |= {EventKind[n.attr] for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                       and isinstance(n.value, ast.Name) and n.value.id == "EventKind" and id(n) not in in_writes}
    assert written - referenced == set(AUDIT_ONLY)  # kept exact: a new kind nobody reads must be declared
    assert set(EventKind) == written | referenced  # no kind left over (processing_failed: read in old rows)


def test_events_are_written_one_way():
    """Only persistence.store.note makes an event row: in the transaction of the change it records."""
    makers = {(str(path.relative_to(ROOT)), function.name) for path, tree in _trees() for function in ast.walk(tree)
              if isinstance(function, ast.FunctionDef) and any(
                  isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Event"
                  for n in ast.walk(function))}
    assert makers == {("worker/persistence/store.py", "note")}


def test_the_history_shows_what_it_lists():
    template = (ROOT / "service" / "templates" / "dossier" / "_history.html").read_text()
    shown = set(re.findall(r'e\.kind == "([a-z_]+)"', template))
    assert shown <= KINDS
    # The template's last branch is a reading asked again: every other kind listed has its own.
    assert set(review.REVIEW_EVENTS) - shown == {EventKind.REPROCESS_REQUESTED}
