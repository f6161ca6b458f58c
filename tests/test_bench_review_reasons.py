"""bench/review_reasons.py: the raw fields dumped by normalise_fields, and the reason a value was left for review."""

from __future__ import annotations

import pytest

from bench.review_reasons import blocking, reason
from extractors.model import FieldStatus, FieldValue, Source
from schemas.cog import Cog
from schemas.normalise import normalise_fields
from schemas.rawdump import ENV, FILE, load


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _raw(communes: str, status=FieldStatus.EXTRACTED, confidence: float = 0.9) -> dict[str, FieldValue]:
    source = Source("fiche.pdf", 2, (10.0, 20.0, 300.0, 40.0))
    return {"s2.communes": FieldValue(communes, confidence, source, status),
            "s2.epci": FieldValue("Communauté de communes du Royans-Vercors", 0.95, source, FieldStatus.EXTRACTED)}


def test_dumped_only_when_asked_and_read_back_alike(cog, tmp_path, monkeypatch):
    monkeypatch.setenv("GUICHET_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(ENV, raising=False)
    raw = _raw("Saint-Laurent-en-Royans")
    normalise_fields(raw, cog)
    assert not (tmp_path / FILE).exists()
    monkeypatch.setenv(ENV, "1")
    normalise_fields(raw, cog)
    assert load((tmp_path / FILE).read_text(encoding="utf-8").splitlines()[-1]) == raw


def test_reasons_say_which_rule_left_the_value(cog):
    assert reason("s2.communes", _raw("Saint-Laurent-en-Royans", FieldStatus.NEEDS_REVIEW, 0.85), cog) == "reader@0.8"
    assert reason("s2.communes", _raw("Saint-Laurent-en-Royans", confidence=0.42), cog) == "low<0.70@0.4"
    assert reason("s2.communes", _raw("Saint-Laurent-en-Rayons"), cog).startswith("communes:")
    assert reason("s2.communes", _raw("Saint-Laurent-en-Royans"), cog) == "agreement"


def test_blocking_only_when_every_reason_is_a_review():
    review = {"code": "VERIFICATION_REQUISE", "detail": "s2.communes"}
    assert blocking({"completeness": {"reasons": [review]}}) == {"s2.communes"}
    assert blocking({"completeness": {"reasons": [review, {"code": "SECTION_VIDE", "detail": "s5"}]}}) is None
