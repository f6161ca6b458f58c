"""Validate outputs against the shared JSON Schemas of the export contract."""

from __future__ import annotations

import json
from functools import cache

import jsonschema

from tests.conftest import SHARED


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SHARED / "contract" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate_export(export: dict) -> None:
    """Raise if `export` does not follow dossier-export.v1.schema.json."""
    _validator("dossier-export.v1.schema.json").validate(export)


def validate_index(index: dict) -> None:
    """Raise if `index` does not follow index.v1.schema.json."""
    _validator("index.v1.schema.json").validate(index)
