"""Slow regular expressions compiled once per machine, not once per process.

spaCy's French tokenizer matches each token against one pattern of about 1.45 million
characters (`TOKEN_MATCH`: case-insensitive alternatives of large Unicode letter classes):
Python compiles it in ~2 s of CPU (`re._compiler._optimize_charset` on every class), when
`spacy.lang.fr` is imported and again, from `re`'s own cache, when the model's tokenizer is
loaded from disk (spaCy issues #2679, #3011, #3023). The compiled form, the list of codes `re`
hands to `_sre.compile`, is kept here in a cache file, keyed by everything it depends on (the
Python build, `_sre`'s magic and code size, the Unicode database, the byte order, the pattern
and its flags) and checked by a digest; `seed` puts the pattern rebuilt from it into `re`'s
cache, where `re.compile` of the same pattern and flags finds it: the same object `re` would
have compiled (patterns compare equal when their codes do), in ~10 ms.

On any doubt nothing is seeded and `re` compiles as usual: a Python whose `re` internals differ
(the codes built here must equal `re`'s own for a probe pattern), a missing, unreadable,
corrupt or mismatched cache file (rebuilt then), an unwritable cache directory (compiled in
each process, as before).
"""

from __future__ import annotations

import array
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = b"guichet compiled pattern 1\n"
# Groups (named and not), both flag kinds, a Unicode class folded by IGNORECASE: what the
# compiler's steps the cached patterns go through look like.
_PROBE = r"(?iu)^(?P<word>[\w\-’']+)(?:-(l[èe]s?|à)[^\W\d_]{2,})?$"


def cache_dir() -> Path:
    """Where the compiled patterns are kept: $GUICHET_CACHE_DIR, else the user's cache
    ($XDG_CACHE_HOME or ~/.cache) under guichet/."""
    if configured := os.environ.get("GUICHET_CACHE_DIR"):
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "guichet"


def seed(patterns: Iterable[str], flags: int = 0, directory: Path | None = None) -> list[re.Pattern]:
    """Each of `patterns` compiled with `flags` and put into `re`'s cache, from its cache file
    in `directory` (default: `cache_dir()`) when one fits, else compiled here and its file
    written. Returns the patterns seeded (none where this Python's `re` is not the one this
    module builds codes for)."""
    if not _usable():
        return []
    directory = cache_dir() if directory is None else directory
    seeded = []
    for pattern in patterns:
        try:
            compiled = _cached(pattern, flags, directory)
        except Exception as exc:  # noqa: BLE001 - any failure leaves `re` to compile it as usual
            log.debug("compiled pattern not seeded (%s): compiled as usual", exc)
            continue
        re._cache[type(pattern), pattern, flags] = compiled  # type: ignore[attr-defined]
        seeded.append(compiled)
    return seeded


def compiled(pattern: str, flags: int = 0) -> tuple[re.Pattern, dict]:
    """`pattern` compiled as `re._compiler.compile` does it, step by step, and what rebuilds it:
    its codes (an array), and its flags and groups as `_sre.compile` takes them."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    codes = array.array(_typecode(), _compiler._code(parsed, flags))
    indexgroup = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    parts = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups - 1,
             "groupindex": dict(parsed.state.groupdict), "indexgroup": indexgroup}
    return _rebuilt(pattern, codes, parts), {"codes": codes, **parts}


def _rebuilt(pattern: str, codes: array.array, parts: dict) -> re.Pattern:
    import _sre

    return _sre.compile(pattern, parts["flags"], codes.tolist(), parts["groups"], parts["groupindex"],
                        tuple(parts["indexgroup"]))


def _cached(pattern: str, flags: int, directory: Path) -> re.Pattern:
    key = _key(pattern, flags)
    path = directory / f"{hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]}.re"
    try:
        return _read(path, pattern, key)
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:  # RuntimeError: codes _sre refused
        if not isinstance(exc, FileNotFoundError):
            log.info("compiled pattern cache %s unusable (%s): compiled again", path, exc)
    pattern_compiled, parts = compiled(pattern, flags)
    try:
        _write(path, key, parts)
    except OSError as exc:
        log.debug("compiled pattern cache %s not written (%s)", path, exc)
    return pattern_compiled


def _read(path: Path, pattern: str, key: dict) -> re.Pattern:
    data = path.read_bytes()
    if not data.startswith(FORMAT):
        raise ValueError("not a compiled pattern file")
    header_size = int.from_bytes(data[len(FORMAT):len(FORMAT) + 8], "little")
    start = len(FORMAT) + 8
    header = json.loads(data[start:start + header_size])
    body = data[start + header_size:]
    if header.get("key") != key:
        raise ValueError("compiled for another Python or pattern")
    if hashlib.sha256(body).hexdigest() != header.get("digest"):
        raise ValueError("digest mismatch")
    codes = array.array(_typecode())
    codes.frombytes(body)
    rebuilt = _rebuilt(pattern, codes, header["parts"])
    if rebuilt.pattern != pattern or rebuilt.flags != header["parts"]["flags"]:
        raise ValueError("rebuilt pattern differs")
    return rebuilt


def _write(path: Path, key: dict, parts: dict) -> None:
    body = parts["codes"].tobytes()
    header = json.dumps({"key": key, "digest": hashlib.sha256(body).hexdigest(),
                         "parts": {k: v for k, v in parts.items() if k != "codes"}}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(FORMAT + len(header).to_bytes(8, "little") + header + body)
        os.replace(temporary, path)  # whole or absent: a reader never sees half a file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _key(pattern: str, flags: int) -> dict:
    """Everything a pattern's codes depend on."""
    import _sre

    return {"python": sys.version, "implementation": sys.implementation.cache_tag,
            "hexversion": sys.hexversion, "sre_magic": _sre.MAGIC, "codesize": _sre.CODESIZE,
            "byteorder": sys.byteorder, "unicode": unicodedata.unidata_version, "flags": flags,
            "pattern": hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).hexdigest(),
            "length": len(pattern)}


def _typecode() -> str:
    import _sre

    return next(code for code in "ILQ" if array.array(code).itemsize == _sre.CODESIZE)


@cache
def _usable() -> bool:
    """Whether this Python's `re` keeps its compiled patterns where `seed` puts them and builds
    them as `compiled` does: a probe pattern built here must equal `re`'s own (equal codes)."""
    try:
        from re import _compiler

        if not isinstance(getattr(re, "_cache", None), dict):
            return False
        probe, _ = compiled(_PROBE)
        return probe == _compiler.compile(_PROBE, 0)
    except Exception as exc:  # noqa: BLE001 - another Python: patterns compiled as usual
        log.debug("compiled patterns not seeded on this Python (%s)", exc)
        return False
