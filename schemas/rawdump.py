"""The fields as read, before normalisation, kept for a bench when GUICHET_RAW_FIELDS=1: one JSON
line per normalisation in <GUICHET_DATA_DIR>/raw_fields.jsonl.

bench/review_reasons.py normalises them again offline to say why each value was left for a
reviewer (the reader's doubt, a low confidence, a name the geography does not resolve, a rule
that lowered it) and whether it was right: thresholds are then set from counts, not cases.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

from extractors.model import FieldStatus, FieldValue, Source

ENV = "GUICHET_RAW_FIELDS"
FILE = "raw_fields.jsonl"


def dump(raw: Mapping[str, FieldValue]) -> None:
    """Append one JSON line of the raw fields to the data directory's dump (nothing when unset)."""
    if not os.environ.get(ENV):
        return
    path = Path(os.environ.get("GUICHET_DATA_DIR", "var")) / FILE
    line = {fid: {"value": v.value, "confidence": v.confidence, "status": v.status.value,
                  "source": asdict(v.source) if v.source else None} for fid, v in raw.items()}
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")


def load(line: str) -> dict[str, FieldValue]:
    """One dumped line back as fields."""
    fields = {}
    for fid, v in json.loads(line).items():
        src = v.get("source")
        source = Source(src["file"], src["page"], tuple(src["bbox"])) if src else None
        fields[fid] = FieldValue(v["value"], v["confidence"], source, FieldStatus(v["status"]))
    return fields
