"""Run a parser of untrusted input in a child process with time and memory limits.

One hostile file (a decompression bomb, a page-tree loop, a parser crash) then costs
its own child, never the process that handles the other files.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import Callable
from typing import TypeVar

from extractors.errors import ErrorCode, GuichetError

log = logging.getLogger(__name__)

T = TypeVar("T")
_CONTEXT = multiprocessing.get_context("fork")  # the child inherits loaded modules: cheap


def run_limited(function: Callable[..., T], *args, timeout: float, memory_mb: int, **kwargs) -> T:
    """Call `function(*args, **kwargs)` in a forked child; raise GuichetError on any failure.

    GuichetErrors raised by the function come back unchanged; a timeout is PARSE_TIMEOUT,
    exhausted memory PARSE_MEMORY, anything else PARSE_CRASHED.
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_child, args=(sender, memory_mb, function, args, kwargs), daemon=False
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise GuichetError(ErrorCode.PARSE_TIMEOUT, f"{timeout:.0f} s")
        outcome, payload = receiver.recv()
    except EOFError:
        child.join(5)
        raise _death(child.exitcode) from None
    finally:
        _kill_group(child)
        receiver.close()
    if outcome == "ok":
        return payload
    if outcome == "guichet":
        raise GuichetError(ErrorCode(payload[0]), payload[1])
    if outcome == "memory":
        raise GuichetError(ErrorCode.PARSE_MEMORY, f"{memory_mb} Mio")
    raise GuichetError(ErrorCode.PARSE_CRASHED, payload)


def _child(sender, memory_mb: int, function, args, kwargs) -> None:
    os.setpgid(0, 0)  # own process group: a timeout kills the child and its tools together
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = ("ok", function(*args, **kwargs))
    except GuichetError as exc:
        result = ("guichet", (exc.code.value, exc.detail))
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("crashed", "récursion trop profonde")
    except BaseException as exc:  # the child reports everything; the parent decides
        log.debug("child failed: %s", traceback.format_exc())
        result = ("crashed", f"{type(exc).__name__}: {exc}"[:300])
    try:
        sender.send(result)
    except MemoryError:
        sender.send(("memory", None))
    sender.close()


def _kill_group(child) -> None:
    if child.pid is None:
        return
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    child.join(10)


def _death(exitcode: int | None) -> GuichetError:
    if exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS, -signal.SIGABRT):
        # Under RLIMIT_AS a failed allocation in C code often ends this way.
        return GuichetError(ErrorCode.PARSE_CRASHED, f"signal {-exitcode}")
    return GuichetError(ErrorCode.PARSE_CRASHED, f"code {exitcode}")
