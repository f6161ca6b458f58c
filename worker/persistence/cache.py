"""Keys and (de)serialisation for results computed from stored contents (the `computed` table).

A key hashes everything the result depends on: the content's sha256, the page as read
(number, OCR, orientation), the zone looked at, the limits, and the source code of the
functions that compute it, so that changing that code is enough to compute again.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from dataclasses import asdict
from functools import cache

from extractors.fields import SignatureZone
from extractors.model import READER_VERSION, PageText
from extractors.signature import SignatureCheck

SIGNATURE = "signature"


@cache
def code_version(*functions) -> str:
    """A hash of the source of the modules defining `functions`: any edit there changes it."""
    digest = hashlib.sha256()
    for module in sorted({inspect.getmodule(f).__name__: inspect.getmodule(f) for f in functions}.items()):
        digest.update(inspect.getsource(module[1]).encode())
    return digest.hexdigest()[:16]


def signature_key(blob: str, blob_kind: str, page: PageText, zone: SignatureZone, max_pixels: int,
                  code: str) -> str:
    """The key of one letter's signature check."""
    parts = [SIGNATURE, READER_VERSION, code, blob, blob_kind, page.number, page.ocr, page.rotation,
             round(page.skew, 4), list(page.warp or ()), list(zone.bbox), [list(b) for b in zone.printed],
             round(zone.text_height, 4), zone.page, max_pixels]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def signature_to_json(check: SignatureCheck) -> dict:
    return asdict(check)


def signature_from_json(value: dict) -> SignatureCheck:
    bbox = tuple(value["bbox"]) if value.get("bbox") is not None else None
    return SignatureCheck(value["signed"], value["confidence"], bbox, value["kind"], value["detail"],
                          tuple(value.get("block_text") or ()))
