"""Compiled patterns kept on disk (extractors.compiled_patterns): spaCy's French model reads
letters exactly as when it compiles its tokenizer's patterns itself, and any doubtful cache file
is compiled again, never used."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from extractors import compiled_patterns
from extractors.fields import nlp

ROOT = Path(__file__).resolve().parents[2]
NEEDS_MODEL = pytest.mark.skipif(importlib.util.find_spec(nlp.MODEL) is None, reason="spaCy model not installed")

# A child process reads the letters with the model loaded one way (`how`), and prints its
# tokens and entities; re's cache and the model are per process.
_CHILD = r"""
import json, re, sys, time
from re import _compiler
how, texts = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
started = time.process_time()
if how == "plain":  # spaCy as it comes: every pattern compiled by re
    import spacy
    model = spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer",
                                                   "attribute_ruler", "senter"])
else:
    from extractors.fields import nlp
    model = nlp._model()
loaded = time.process_time() - started
token_match = model.tokenizer.token_match.__self__
out = {"loaded": loaded, "docs": [
    [[(t.text, t.idx, t.whitespace_) for t in doc], [(e.text, e.label_, e.start, e.end) for e in doc.ents]]
    for doc in model.pipe(texts)]}
if how == "plain":  # the cached codes against re's own, compiled in this process
    from extractors import compiled_patterns
    (cached,) = compiled_patterns.seed([token_match.pattern])
    out["cached_equals_compiled"] = cached == token_match and cached is not token_match
else:  # the tokenizer's pattern is the one rebuilt from the cache file
    out["seeded"] = re.compile(token_match.pattern) is token_match
print(json.dumps(out))
"""


def _letter_texts() -> list[str]:
    """The text layers of the samples' letters (PDFs), page by page; scanned ones have none."""
    texts = []
    for path in sorted(ROOT.glob("samples/[0-9]*/input/**/*.pdf")):
        if not re.search("courrier|lettre", path.name, re.IGNORECASE):
            continue
        with pdfplumber.open(path) as pdf:
            texts += [text for page in pdf.pages if (text := page.extract_text() or "").strip()]
    return texts


def _read(how: str, texts: Path, cache: Path) -> dict:
    env = {**os.environ, "GUICHET_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, how, str(texts)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True, timeout=600)
    return json.loads(done.stdout)


@NEEDS_MODEL
def test_letters_read_the_same_with_the_cached_patterns_as_compiled(tmp_path):
    letters = _letter_texts()
    assert len(letters) >= 15 and sum(len(t) for t in letters) > 20_000
    letters += ["Aujourd'hui, à Saint-Pons-de-Thomières, l'entr'aide et le vis-à-vis : peut-être "
                "Jean-Marie Le Pen-Duval, porte-parole, sous-préfète, grand'mère, 3ème arr."]
    texts = tmp_path / "texts.json"
    texts.write_text(json.dumps(letters), encoding="utf-8")
    cache = tmp_path / "cache"
    written = _read("cached", texts, cache)  # no cache yet: compiled, and written
    assert len(list(cache.glob("*.re"))) == 5  # the tokenizer's five patterns
    from_cache = _read("cached", texts, cache)
    plain = _read("plain", texts, cache)
    assert written["seeded"] and from_cache["seeded"]
    assert plain["cached_equals_compiled"]  # the same codes as re compiles
    assert from_cache["docs"] == plain["docs"] == written["docs"]
    assert sum(len(ents) for _, ents in plain["docs"]) > 50
    # the point of it: the ~2 s of CPU compiling the French token pattern are gone
    assert from_cache["loaded"] < plain["loaded"] - 1.0


# The French tokenizer's suffix pattern's shape: case-insensitive Unicode classes, groups.
PATTERN = (r"(?iu)(?P<word>[a-zà-öø-ÿœ\-’']+)(?:-(l[èe]s?|à)[^\W\d_]{2,})?$"
           r"|^[A-ZÀ-Ý][a-zß-ÿ]{2,}(?:\s[\wÀ-ÿ]+)*$")


def _file(directory: Path) -> Path:
    (path,) = directory.glob("*.re")
    return path


def test_a_pattern_is_rebuilt_from_its_file_as_re_compiles_it(tmp_path):
    (written,) = compiled_patterns.seed([PATTERN], directory=tmp_path)
    (read,) = compiled_patterns.seed([PATTERN], directory=tmp_path)
    reference = re._compiler.compile(PATTERN, 0)
    assert written == reference and read == reference and read is not written
    assert re.compile(PATTERN) is read  # seeded into re's cache
    assert (read.groups, read.groupindex, read.flags) == (reference.groups, reference.groupindex, reference.flags)
    assert read.match("Saint-Pons").group("word") == reference.match("Saint-Pons").group("word")


def _header_and_body(path: Path) -> tuple[dict, bytes]:
    data = path.read_bytes()
    start = len(compiled_patterns.FORMAT) + 8
    size = int.from_bytes(data[len(compiled_patterns.FORMAT):start], "little")
    return json.loads(data[start:start + size]), data[start + size:]


def _rewritten(path: Path, header: dict, body: bytes) -> None:
    encoded = json.dumps(header).encode()
    path.write_bytes(compiled_patterns.FORMAT + len(encoded).to_bytes(8, "little") + encoded + body)


def _flipped_code(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-40] ^= 0x01
    path.write_bytes(bytes(data))


def _other_python(path: Path) -> None:
    header, body = _header_and_body(path)
    header["key"]["python"] = "3.11.6 (main) [GCC 12.2.0]"
    _rewritten(path, header, body)


def _invalid_codes_digested(path: Path) -> None:
    """Codes _sre refuses, under a digest that matches them."""
    import hashlib

    header, body = _header_and_body(path)
    body = bytes(len(body))  # all zero: no valid program
    header["digest"] = hashlib.sha256(body).hexdigest()
    _rewritten(path, header, body)


@pytest.mark.parametrize("spoil", [
    lambda path: path.write_bytes(b""),
    lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
    lambda path: path.write_bytes(b"\x00garbage" * 100),
    _flipped_code, _other_python, _invalid_codes_digested,
], ids=["empty", "truncated", "garbage", "flipped-code", "other-python", "invalid-codes"])
def test_a_spoilt_or_mismatched_file_is_compiled_again_and_rewritten(tmp_path, spoil):
    compiled_patterns.seed([PATTERN], directory=tmp_path)
    path = _file(tmp_path)
    good = path.read_bytes()
    spoil(path)
    (seeded,) = compiled_patterns.seed([PATTERN], directory=tmp_path)
    assert seeded == re._compiler.compile(PATTERN, 0)
    assert path.read_bytes() == good  # compiled again and written back whole


def test_an_unwritable_cache_directory_compiles_as_usual(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    (seeded,) = compiled_patterns.seed([PATTERN], directory=blocker / "cache")
    assert seeded == re._compiler.compile(PATTERN, 0)


def test_cache_dir_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GUICHET_CACHE_DIR", str(tmp_path / "here"))
    assert compiled_patterns.cache_dir() == tmp_path / "here"
    monkeypatch.delenv("GUICHET_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled_patterns.cache_dir() == tmp_path / "xdg" / "guichet"
