"""The scoring of bench/accuracy.py on tiny hand-made truth/export pairs (no Guichet run)."""

from __future__ import annotations

import pytest

from bench import reliability
from bench.scoring import calibration_rows, figures, micro_f1, reason_counts, same_value, score_case, sure_but_wrong


def _doc(kind: str, ocr: bool, sha: str) -> dict:
    return {"file": f"{sha}.pdf", "sha256": sha, "pages": [1], "kind": kind, "ocr": ocr}


def _truth(fields: dict, complete: bool, reasons=(), documents=None) -> dict:
    return {"messages": [],
            "documents": documents or [_doc("fiche", False, "f"), _doc("courrier_collectivite", True, "c")],
            "fields": {k: {"value": v, "status": "missing" if v is None else "extracted"}
                       for k, v in fields.items()},
            "completeness": {"complete": complete,
                             "reasons": [{"code": c, "detail": d} for c, d in reasons]}}


def _export(fields: dict, complete: bool, reasons=(), documents=None) -> dict:
    """fields: id -> (value, status, confidence)."""
    return {"messages": [],
            "documents": documents or [_doc("fiche", False, "f"), _doc("courrier_collectivite", True, "c")],
            "fields": {k: {"value": v, "status": s, "confidence": c} for k, (v, s, c) in fields.items()},
            "completeness": {"complete": complete,
                             "reasons": [{"code": c, "detail": d, "message": ""} for c, d in reasons]}}


TRUTH = {"fiche.lieu": "Vitré", "s1.etat.referent_nom": "Anne Roux", "s5.acteurs": None,
         "s3.intitule": "Vitré 2035", "courrier_collectivite.signataire_nom": "Paul Gas",
         "courrier_collectivite.signe": True, "s2.departement": "35"}


def _scored(got_fields: dict, complete=False, reasons=(), truth_complete=False, truth_reasons=()):
    expected = _truth(TRUTH, truth_complete, truth_reasons)
    return score_case("c1", expected, _export(got_fields, complete, reasons))


def test_sure_but_wrong_counts_only_sure_values_that_differ_from_the_truth():
    score = _scored({
        "fiche.lieu": ("vitré ", "extracted", 0.99),                 # right after folding
        "s1.etat.referent_nom": ("E D M A", "extracted", 0.97),     # sure and wrong
        "s5.acteurs": (None, "missing", 0.0),                         # absent in both: right
        "s3.intitule": ("Vitre 2O35", "needs_review", 0.6),           # wrong but not sure
        "courrier_collectivite.signataire_nom": ("Paul Gas", "corrected", 1.0),
        "courrier_collectivite.signe": (False, "corrected", 1.0),     # corrected and wrong
        "s2.departement": ("35", "missing", 0.0),                     # missing says nothing
    })
    right = {f.field: f.correct for f in score.fields}
    assert right == {"fiche.lieu": True, "s1.etat.referent_nom": False, "s5.acteurs": True,
                     "s3.intitule": False, "courrier_collectivite.signataire_nom": True,
                     "courrier_collectivite.signe": False, "s2.departement": False}
    assert sure_but_wrong(score.fields) == (2, 4)


def test_a_field_the_export_lacks_is_missing_and_wrong_against_a_value():
    score = _scored({"fiche.lieu": ("Vitré", "extracted", 1.0)})
    right = {f.field: f.correct for f in score.fields}
    assert right["s5.acteurs"] is True and right["s1.etat.referent_nom"] is False
    assert sure_but_wrong(score.fields) == (0, 1)


def test_a_value_read_where_the_truth_is_empty_is_wrong():
    score = _scored({"s5.acteurs": ("Signature", "extracted", 0.95)})
    assert {f.field: f.correct for f in score.fields}["s5.acteurs"] is False
    assert sure_but_wrong(score.fields) == (1, 1)


def test_fields_take_the_family_of_their_piece():
    families = {f.field: f.family for f in _scored({}).fields}
    assert families["fiche.lieu"] == "digital"
    assert families["courrier_collectivite.signe"] == "scanned"
    # the préfet's letter is absent from the case: it takes the case's family (one scan)
    assert {f.family for f in score_case("c", _truth({"courrier_prefet.signe": None}, False),
                                         _export({}, False)).fields} == {"scanned"}


def test_false_complete_is_a_complete_export_of_an_incomplete_truth():
    wrong = _scored({}, complete=True, truth_complete=False,
                    truth_reasons=[("COURRIER_PREFET_ABSENT", None)])
    assert wrong.false_complete and not wrong.verdict_right
    cautious = _scored({}, complete=False, reasons=[("VERIFICATION_REQUISE", None)],
                       truth_complete=True)
    assert not cautious.false_complete and not cautious.verdict_right and cautious.review
    assert figures([wrong, cautious])["wrongly complete"] == (1,)
    assert figures([wrong, cautious])["sent to review"] == (1, 2)


def test_reason_counts_match_code_and_detail_as_multisets_review_aside():
    want = [("SECTION_VIDE", "s4"), ("SECTION_VIDE", "s5"), ("COURRIER_PREFET_NON_SIGNE", "")]
    got = [("SECTION_VIDE", "s5"), ("SECTION_VIDE", "s1"), ("VERIFICATION_REQUISE", "")]
    assert reason_counts(want, got) == (1, 1, 2)
    precision, recall, f1 = micro_f1([reason_counts(want, got), (3, 0, 0)])
    assert precision == pytest.approx(4 / 5) and recall == pytest.approx(4 / 6)
    assert f1 == pytest.approx(2 * (4 / 5) * (4 / 6) / (4 / 5 + 4 / 6))
    assert micro_f1([(0, 0, 0)]) == (1.0, 1.0, 1.0)  # nothing wanted, nothing given
    assert micro_f1([(0, 1, 0)])[0] == 0.0


def test_signatures_are_scored_where_the_letter_is_there():
    score = _scored({"courrier_collectivite.signe": (False, "extracted", 0.9)})
    assert figures([score])["signe right (letter there)"] == (0, 1)


def test_upper_bound_is_clopper_pearson():
    assert reliability.upper_bound(0, 300) == pytest.approx(1 - 0.05 ** (1 / 300), rel=1e-6)
    assert reliability.upper_bound(0, 300) > 0.0099  # 0 of 300 is not 0 %: about the rule of three
    assert reliability.upper_bound(1, 100) == pytest.approx(0.0466, abs=2e-4)
    assert reliability.upper_bound(5, 5) == 1.0
    assert reliability.upper_bound(0, 0) == 1.0


def _rows(*groups):
    return [{"confidence": c, "correct": i >= wrong} for c, n, wrong in groups for i in range(n)]


def test_threshold_is_the_lowest_confidence_whose_values_above_meet_the_target():
    rows = _rows((0.99, 1000, 0), (0.9, 10, 2), (0.5, 100, 20))
    assert reliability.threshold(rows, 0.001) == {
        "threshold": 0.99, "n": 1000, "wrong": 0, "upper": pytest.approx(0.002991, abs=1e-5)}
    found = reliability.threshold(rows, 0.005)
    assert (found["threshold"], found["n"], found["wrong"]) == (0.9, 1010, 2)
    # by the upper bound, 0 of 1000 is not enough for 1 in 1000, and 2 of 1010 not for 0.5 %
    assert reliability.threshold(rows, 0.001, bound=True) is None
    assert reliability.threshold(rows, 0.005, bound=True)["threshold"] == 0.99


def test_threshold_takes_every_value_of_its_confidence():
    # the wrong value comes last among equals: a threshold of 0.95 takes it all the same
    rows = [{"confidence": 0.95, "correct": True}] * 500 + [{"confidence": 0.95, "correct": False}]
    assert reliability.threshold(rows, 0.001) is None
    found = reliability.threshold(rows + _rows((0.9, 1500, 0)), 0.001)
    assert (found["threshold"], found["n"], found["wrong"]) == (0.9, 2001, 1)


def test_calibration_rows_are_the_values_read(tmp_path):
    score = _scored({"fiche.lieu": ("Vitré", "extracted", 0.99),
                     "s3.intitule": ("Vitre 2O35", "needs_review", 0.6),
                     "s5.acteurs": (None, "missing", 0.0)})
    rows = calibration_rows(score.fields)
    assert [(r["field"], r["confidence"], r["correct"]) for r in rows] == [
        ("fiche.lieu", 0.99, True), ("s3.intitule", 0.6, False)]
    reliability.write_csv(tmp_path / "calibration.csv", rows)
    assert [(r["field"], r["confidence"], r["correct"]) for r in
            reliability.read_csv(tmp_path / "calibration.csv")] == [
        ("fiche.lieu", 0.99, True), ("s3.intitule", 0.6, False)]
    assert reliability.binned(rows)[reliability.bin_of(0.6)] == (1, 1)
    reliability.plot(tmp_path / "r.png", {"tune": rows, "frozen": rows})
    assert (tmp_path / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_person_name_is_the_same_in_either_order_but_not_with_other_words():
    assert same_value("courrier_prefet.signataire_nom", "BRUNET Josiane", "Josiane Brunet")
    assert not same_value("courrier_prefet.signataire_nom", "BRUNET Josiane Maire", "Josiane Brunet")
    assert not same_value("s1.collectivite.nom", "Lodève Commune de", "Commune de Lodève")
