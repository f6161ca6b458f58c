"""A hostile parse costs its own child process: time, memory and crashes become error codes."""

from __future__ import annotations

import os
import time

import pytest

from extractors.errors import ErrorCode, GuichetError
from worker.core.sandbox import run_limited


def _sleep_forever():
    time.sleep(3600)


def _allocate(megabytes: int):
    return len(bytearray(megabytes * 1024 * 1024))


def _abort():
    os.abort()


def _raise_guichet():
    raise GuichetError(ErrorCode.PDF_ENCRYPTED)


def _spawn_grandchild_and_hang():
    import subprocess

    subprocess.run(["sleep", "3600"])


def test_result_comes_back():
    assert run_limited(sum, [1, 2, 3], timeout=30, memory_mb=512) == 6


def test_timeout_is_parse_timeout_and_fast():
    started = time.monotonic()
    with pytest.raises(GuichetError) as caught:
        run_limited(_sleep_forever, timeout=1, memory_mb=512)
    assert caught.value.code is ErrorCode.PARSE_TIMEOUT
    assert time.monotonic() - started < 15


def test_timeout_kills_the_tools_the_parser_started():
    with pytest.raises(GuichetError):
        run_limited(_spawn_grandchild_and_hang, timeout=1, memory_mb=512)
    time.sleep(0.5)
    import subprocess

    survivors = subprocess.run(["pgrep", "-f", "^sleep 3600$"], capture_output=True, text=True).stdout
    assert survivors.split() == []


def test_memory_limit_is_parse_memory():
    with pytest.raises(GuichetError) as caught:
        run_limited(_allocate, 2048, timeout=30, memory_mb=512)
    assert caught.value.code is ErrorCode.PARSE_MEMORY


def test_crash_is_parse_crashed():
    with pytest.raises(GuichetError) as caught:
        run_limited(_abort, timeout=30, memory_mb=512)
    assert caught.value.code is ErrorCode.PARSE_CRASHED


def test_guichet_errors_keep_their_code():
    with pytest.raises(GuichetError) as caught:
        run_limited(_raise_guichet, timeout=30, memory_mb=512)
    assert caught.value.code is ErrorCode.PDF_ENCRYPTED
