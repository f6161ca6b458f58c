"""Run a parser of untrusted input in a confined child process with time and memory limits.

One hostile file (a decompression bomb, a page-tree loop, a parser crash) then costs
its own child, never the process that handles the other files. The child also leaves
the host's namespaces before it reads anything: its own user namespace (uid nobody),
a network namespace with no interface, the whole file system read-only but for a
private temporary directory, and an environment without secrets. The tools it starts
(Tesseract, LibreOffice, qpdf) inherit all of it.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from extractors import isolation
from extractors.errors import ErrorCode, GuichetError

log = logging.getLogger(__name__)

T = TypeVar("T")
_CONTEXT = multiprocessing.get_context("fork")  # the child inherits loaded modules: cheap


def run_limited(function: Callable[..., T], *args, timeout: float, memory_mb: int,
                outbox: str | None = None, forked: Callable[[], object] | None = None, **kwargs) -> T:
    """Call `function(*args, **kwargs)` in a forked child; raise GuichetError on any failure.

    GuichetErrors raised by the function come back unchanged; a timeout is PARSE_TIMEOUT,
    exhausted memory PARSE_MEMORY, anything else PARSE_CRASHED. `outbox`, a directory of the
    host, is the one place the child may write files for the parent (an archive's members).
    `forked`, called once the child is started: work of the parent's for meanwhile (a thread it
    starts is never in a fork).
    """
    child = Limited(function, *args, timeout=timeout, memory_mb=memory_mb, outbox=outbox, **kwargs)
    if forked is not None:
        forked()
    return child.result()


class Limited:
    """`run_limited`'s child, started and not yet awaited: several children are forked from one
    thread (a fork never copies another thread of the parent, which might hold a lock), then
    awaited each by `result`, its timeout counted from its start."""

    def __init__(self, function: Callable[..., T], *args, timeout: float, memory_mb: int,
                 outbox: str | None = None, **kwargs):
        require_confinement()
        _no_native_thread_pool()
        self.timeout, self.memory_mb = timeout, memory_mb
        self.receiver, sender = _CONTEXT.Pipe(duplex=False)
        self.private = tempfile.mkdtemp(prefix="guichet-child-")  # the child mounts its own tmpfs here
        self.child = _CONTEXT.Process(
            target=_child, args=(sender, memory_mb, self.private, outbox, function, args, kwargs), daemon=False
        )
        self.deadline = time.monotonic() + timeout
        _reaped()
        self.child.start()
        sender.close()

    def result(self):
        """The function's value; raises GuichetError as `run_limited` does (once: the child is gone)."""
        child, receiver, timeout = self.child, self.receiver, self.timeout
        sent = False
        try:
            if not receiver.poll(max(0.0, self.deadline - time.monotonic())):
                raise GuichetError(ErrorCode.PARSE_TIMEOUT, f"{timeout:.0f} s")
            outcome, payload = receiver.recv()
            sent = True
        except EOFError:
            child.join(5)
            raise _death(child.exitcode) from None
        finally:
            # a child that sent its result is killed and left to end: the kernel frees its
            # memory (10-60 ms of wall for a reading's child) while this process goes on; it is
            # reaped by the next child's start (see _reaped) or at exit
            _kill_group(child, wait=not sent)
            receiver.close()
            shutil.rmtree(self.private, ignore_errors=True)
        if outcome == "ok":
            return payload
        if outcome == "guichet":
            raise GuichetError(ErrorCode(payload[0]), payload[1])
        if outcome == "memory":
            raise GuichetError(ErrorCode.PARSE_MEMORY, f"{self.memory_mb} Mio")
        raise GuichetError(ErrorCode.PARSE_CRASHED, payload)


def _no_native_thread_pool() -> None:
    """OpenCV's worker threads, once started in this process, are not in a forked child, whose
    copy of the pool waits for them forever: a child's first parallel OpenCV call hangs until
    its timeout. Ended here before forking (once; a no-op when OpenCV was never loaded)."""
    cv2 = sys.modules.get("cv2")
    if cv2 is not None and cv2.getNumThreads() != 1:
        cv2.setNumThreads(1)


def _child(sender, memory_mb: int, private: str, outbox: str | None, function, args, kwargs) -> None:
    os.setpgid(0, 0)  # own process group: a timeout kills the child and its tools together
    try:
        confine(private, memory_mb, outbox)
    except OSError as exc:
        sender.send(("crashed", f"isolement impossible : {exc}"[:300]))
        sender.close()
        return
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


_CLONE_NEWNS, _CLONE_NEWUSER, _CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_PRIVATE = 0x2, 0x4, 0x1000, 1 << 18
_MOUNT_ATTR_RDONLY, _AT_FDCWD, _AT_RECURSIVE = 0x1, -100, 0x8000
_SYS_MOUNT_SETATTR = 442  # the same number on every architecture (new syscall table)


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def confine(private: str, memory_mb: int, outbox: str | None = None) -> None:
    """Leave the host's user, network and mount namespaces; keep only `private` (and `outbox`,
    a host directory the parent reads afterwards) writable.

    Python 3.11 has no os.unshare: libc through ctypes. Costs a few milliseconds per child.
    """
    env = isolation.clean_environment(private)
    if isolation.enabled():
        libc = ctypes.CDLL(None, use_errno=True)
        uid, gid = os.getuid(), os.getgid()
        _check(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET | _CLONE_NEWNS), "unshare")
        # uid nobody inside; a mapping is needed for the tools to nest bubblewrap.
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"65534 {uid} 1")
        _write("/proc/self/gid_map", f"65534 {gid} 1")
        if outbox:  # a mount of its own, so that it can stay writable below
            _check(libc.mount(outbox.encode(), outbox.encode(), None, _MS_BIND, None), "mount outbox")
        attr = _MountAttr(_MOUNT_ATTR_RDONLY, 0, _MS_PRIVATE, 0)
        _check(libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, b"/", _AT_RECURSIVE,
                            ctypes.byref(attr), ctypes.sizeof(attr)), "mount_setattr")
        # /proc stays writable: bubblewrap, started by the tools, writes its uid map there.
        writable = _MountAttr(0, _MOUNT_ATTR_RDONLY, 0, 0)
        _check(libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, b"/proc", 0,
                            ctypes.byref(writable), ctypes.sizeof(writable)), "mount_setattr /proc")
        if outbox:
            _check(libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, outbox.encode(), 0,
                                ctypes.byref(writable), ctypes.sizeof(writable)), "mount_setattr outbox")
        # A tmpfs as big as the memory limit: the only place the child and its tools can write.
        _check(libc.mount(b"tmpfs", private.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV,
                          f"size={memory_mb}m,mode=0700".encode()), "mount tmpfs")
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = private


@functools.cache
def require_confinement() -> None:
    """Raise isolation.SandboxUnavailable unless bubblewrap and the child's confinement work here."""
    isolation.check()
    if not isolation.enabled():
        return
    private = tempfile.mkdtemp(prefix="guichet-child-")
    try:
        probe = _CONTEXT.Process(target=_probe, args=(private,))
        probe.start()
        probe.join(30)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    if probe.exitcode != 0:
        raise isolation.SandboxUnavailable(isolation.MISSING.format(
            detail="espaces de noms utilisateur, réseau ou montage refusés / namespaces refused "
                   f"(code {probe.exitcode})"))


def _probe(private: str) -> None:
    try:
        confine(private, 16)
    except OSError as exc:
        log.error("confinement impossible: %s", exc)
        os._exit(3)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _kill_group(child, wait: bool = True) -> None:
    if child.pid is None:
        return
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if wait:
        child.join(10)
    else:
        _ending.append(child)


_ending: list = []  # children killed after their result, not yet reaped


def _reaped() -> None:
    """The killed children that have ended reaped (no zombie stays past the next child's start);
    those still ending are left for later."""
    _ending[:] = [child for child in _ending if child.exitcode is None]


def _death(exitcode: int | None) -> GuichetError:
    if exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS, -signal.SIGABRT):
        # Under RLIMIT_AS a failed allocation in C code often ends this way.
        return GuichetError(ErrorCode.PARSE_CRASHED, f"signal {-exitcode}")
    return GuichetError(ErrorCode.PARSE_CRASHED, f"code {exitcode}")
