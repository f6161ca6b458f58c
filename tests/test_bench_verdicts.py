"""bench/verdicts.py: the reasons that cost a verdict, with the fields behind them."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from bench.verdicts import field_line, study, unexpected_reasons


def _dossier(reasons, fields, complete=False):
    return {"documents": [], "messages": [], "fields": fields,
            "completeness": {"complete": complete, "reasons": reasons}}


def test_unexpected_reasons_are_those_not_in_the_truth_as_a_multiset():
    got = _dossier([{"code": "VERIFICATION_REQUISE", "detail": "s2.communes"},
                    {"code": "SECTION_VIDE", "detail": "s3"}], {})
    expected = _dossier([{"code": "SECTION_VIDE", "detail": "s3"}], {})
    assert [r["detail"] for r in unexpected_reasons(got, expected)] == ["s2.communes"]


def test_a_field_line_says_whether_the_value_is_right():
    got = _dossier([], {"s2.epci": {"value": {"nom": "CC X", "siren": "1"}, "status": "needs_review",
                                    "confidence": 0.6}})
    right = _dossier([], {"s2.epci": {"value": {"nom": "CC Y", "siren": "1"}}})
    wrong = _dossier([], {"s2.epci": {"value": {"nom": "CC Y", "siren": "2"}}})
    assert field_line("s2.epci", got, right)[1] is True
    line, ok = field_line("s2.epci", got, wrong)
    assert ok is False and "needs_review 0.60" in line and "want" in line


def test_study_counts_a_review_that_cost_a_complete_dossier(tmp_path, capsys):
    out, truth = tmp_path / "out", tmp_path / "truth"
    case = "01_x"
    (out / case).mkdir(parents=True)
    (truth / case).mkdir(parents=True)
    got = _dossier([{"code": "VERIFICATION_REQUISE", "detail": "s2.communes", "message": "m"}],
                   {"s2.communes": {"value": [{"nom": "A", "code_insee": "1"}], "status": "needs_review",
                                    "confidence": 0.5}})
    expected = _dossier([], {"s2.communes": {"value": [{"nom": "A", "code_insee": "1"}]}}, complete=True)
    (out / case / "index.json").write_text(json.dumps({"dossiers": ["D"]}))
    (out / case / "D.json").write_text(json.dumps(got))
    (truth / case / "expected.json").write_text(json.dumps(expected))
    table: dict = defaultdict(Counter)
    study("d0", out, truth, False, table)
    assert table[("VERIFICATION_REQUISE(s2.communes)", "value right")] == Counter({"d0": 1, "alone": 1})
    assert "WRONG VERDICT" in capsys.readouterr().out
