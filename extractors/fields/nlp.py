"""spaCy's French model, loaded lazily once per process, and the person names it finds.

The only module that imports spaCy: the web process never pays for it, and a worker
pays once. Without spaCy or its model, letters are read by rules alone.
"""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)

MODEL = "fr_core_news_sm"
# Only the named-entity recogniser is needed; the rest of the pipeline costs time for nothing.
_DISABLED = ("parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter")


@lru_cache(maxsize=1)
def _model():
    """The model, or None when spaCy or the packaged model is not installed."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=list(_DISABLED))
    except (ImportError, OSError) as exc:  # OSError: the model package is missing
        log.warning("spaCy model %s unavailable (%s): names by rules only", MODEL, exc)
        return None


def available() -> bool:
    """Whether the model could be loaded."""
    return _model() is not None


def person_names(text: str) -> list[str]:
    """The PER entities of `text`, in order (empty without the model)."""
    model = _model()
    if model is None or not text.strip():
        return []
    return [ent.text for ent in model(text).ents if ent.label_ == "PER"]


def vocabulary() -> frozenset[str] | frozenset:
    """Every word form the model knows (its string store), for telling French words from OCR
    slips; empty without the model."""
    model = _model()
    return frozenset(model.vocab.strings) if model is not None else frozenset()
