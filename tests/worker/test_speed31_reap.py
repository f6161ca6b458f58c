"""Issue 16: a sandboxed child that sent its result is killed and left to end.

The kernel frees a reading child's memory (10-60 ms of wall on a loaded machine) while the
parent goes on; the child is reaped by the next child's start, so no zombie piles up. A
child that did not send its result (a timeout, a crash) is still awaited where it failed.
"""

from __future__ import annotations

import multiprocessing.process
import os
import time

import pytest

from extractors.errors import ErrorCode, GuichetError
from worker.core import sandbox
from worker.core.sandbox import run_limited

SLOW_END = 3.0  # what awaiting a child's end costs in these tests (a child that is slow to end)


def _slow_join(monkeypatch, joined: list):
    sandbox.require_confinement()  # its probe awaited first, once a process
    real = multiprocessing.process.BaseProcess.join

    def join(self, timeout=None):
        joined.append(self.pid)
        time.sleep(SLOW_END)
        return real(self, timeout)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "join", join)


def _state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def test_a_result_is_returned_without_awaiting_the_childs_end(monkeypatch):
    joined: list[int] = []
    _slow_join(monkeypatch, joined)
    started = time.monotonic()
    assert run_limited(sum, [1, 2, 3], timeout=30, memory_mb=512) == 6
    assert time.monotonic() - started < SLOW_END  # its end not awaited
    assert joined == []
    child = sandbox._ending[-1]
    for _ in range(500):  # killed: it ends by itself, a zombie until reaped
        if _state(child.pid) in ("Z", None):
            break
        time.sleep(0.01)
    assert _state(child.pid) == "Z"
    assert run_limited(sum, [4], timeout=30, memory_mb=512) == 4
    assert _state(child.pid) is None  # reaped by the next child's start
    assert child not in sandbox._ending


def test_a_child_that_sent_nothing_is_still_awaited(monkeypatch):
    joined: list[int] = []
    _slow_join(monkeypatch, joined)
    with pytest.raises(GuichetError) as caught:
        run_limited(os.abort, timeout=30, memory_mb=512)
    assert caught.value.code is ErrorCode.PARSE_CRASHED
    assert joined  # its exit code read: it was awaited
