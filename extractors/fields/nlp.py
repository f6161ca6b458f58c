"""spaCy's French model, loaded lazily once per process, and the person names it finds.

The only module that imports spaCy: the web process never pays for it, and a worker
pays once. Without spaCy or its model, letters are read by rules alone.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from extractors import compiled_patterns

log = logging.getLogger(__name__)

MODEL = "fr_core_news_sm"
# Only the named-entity recogniser is needed; the rest of the pipeline costs time for nothing.
_DISABLED = ("parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter")


@lru_cache(maxsize=1)
def _model():
    """The model, or None when spaCy or the packaged model is not installed."""
    try:
        import spacy

        _seed_tokenizer_patterns()
        return spacy.load(MODEL, exclude=list(_DISABLED))
    except (ImportError, OSError) as exc:  # OSError: the model package is missing
        log.warning("spaCy model %s unavailable (%s): names by rules only", MODEL, exc)
        return None


def _seed_tokenizer_patterns() -> None:
    """The model's tokenizer patterns, the French one that takes ~2 s to compile among them,
    put compiled into `re`'s cache from the machine's cache of compiled patterns, where spaCy's
    French defaults and then the model's tokenizer compile the same strings (see
    extractors.compiled_patterns). Without them, spaCy compiles them as usual."""
    try:
        import srsly
        from spacy.util import get_package_path

        (tokenizer,) = get_package_path(MODEL).glob("*/tokenizer")
        patterns = [value for value in srsly.msgpack_loads(tokenizer.read_bytes()).values()
                    if isinstance(value, str)]
    except Exception as exc:  # noqa: BLE001 - never a reason not to load the model
        log.debug("tokenizer patterns of %s not seeded (%s)", MODEL, exc)
        return
    compiled_patterns.seed(patterns)


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
