"""Expand zip archives safely: no path traversal, no bombs, no endless nesting."""

from __future__ import annotations

import io
import logging
import os
import posixpath
import shutil
import zipfile
from dataclasses import dataclass

from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.filenames import without_format_characters
from extractors.model import Issue, Part

log = logging.getLogger(__name__)

_CHUNK = 1 << 16
_DISK_CHECK_EVERY = 1 << 22  # a statvfs per 4 MiB written


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may expand to."""

    max_members: int
    max_total_bytes: int
    max_ratio: int
    min_free_bytes: int = 0  # members written to disk stop before the disk's free space falls below


@dataclass(frozen=True)
class Unpacked:
    """The members read from an archive and the problems met on the way."""

    parts: tuple[Part, ...]
    issues: tuple[Issue, ...]


def unpack_zip(data: bytes, name: str, limits: ZipLimits, out_dir: str | None = None) -> Unpacked:
    """Read every member of the zip `data`; members are named `name/member`.

    With `out_dir`, each member is written there (Part.path) instead of held in memory, and
    the disk's free space is checked as it goes (DISK_FULL).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise GuichetError(ErrorCode.ZIP_INVALID, str(exc)[:200]) from exc
    files = [i for i in infos if not i.is_dir() and not _is_macos_metadata(i.filename)]
    if len(files) > limits.max_members:
        raise GuichetError(ErrorCode.ZIP_BOMB, f"{len(files)} fichiers")
    parts: list[Part] = []
    issues: list[Issue] = []
    budget = limits.max_total_bytes
    with archive:
        for info in files:
            member = _member_name(info)
            label = f"{name}/{member}"
            if _is_unsafe(member):
                issues.append(Issue(ErrorCode.ZIP_UNSAFE_PATH, MESSAGES[ErrorCode.ZIP_UNSAFE_PATH], label))
                continue
            path = os.path.join(out_dir, str(len(parts))) if out_dir else None
            try:
                with open(path, "xb") if path else io.BytesIO() as sink:
                    size = _read_member(archive, info, budget, limits.max_ratio, sink,
                                        out_dir, limits.min_free_bytes)
                    content = b"" if path else sink.getvalue()
            except GuichetError as exc:
                if path:
                    os.unlink(path)
                issues.append(Issue(exc.code, exc.message, label))
                if exc.code in (ErrorCode.ZIP_BOMB, ErrorCode.DISK_FULL):
                    break  # the budget or the disk is spent: stop expanding this archive
                continue
            budget -= size
            parts.append(Part(label, content, path=path))
    return Unpacked(tuple(parts), tuple(issues))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, ratio: int, out,
                 disk: str | None, min_free: int) -> int:
    """Stream one member into `out`, stopping as soon as it outgrows the budget or the ratio,
    or the free space of `disk` falls below `min_free`; returns its size."""
    if info.flag_bits & 0x1:
        raise GuichetError(ErrorCode.ZIP_ENCRYPTED)
    # Headers can lie about sizes, so the limit is enforced on bytes actually produced.
    cap = min(budget, max(info.compress_size, 1) * ratio + _CHUNK)
    checked = 0
    _check_disk(disk, min_free)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out.write(chunk)
                if out.tell() > cap:
                    raise GuichetError(ErrorCode.ZIP_BOMB, info.filename[:100])
                if out.tell() - checked >= _DISK_CHECK_EVERY:
                    checked = out.tell()
                    _check_disk(disk, min_free)
    except GuichetError:
        raise
    except RuntimeError as exc:  # zipfile says "password required" this way
        raise GuichetError(ErrorCode.ZIP_ENCRYPTED, str(exc)[:200]) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise GuichetError(ErrorCode.ZIP_INVALID, str(exc)[:200]) from exc
    return out.tell()


def _check_disk(disk: str | None, min_free: int) -> None:
    if disk is None:
        return
    free = shutil.disk_usage(disk).free
    if free < min_free:
        raise GuichetError(ErrorCode.DISK_FULL, f"{free >> 20} Mio libres, {min_free >> 20} Mio requis")


def _member_name(info: zipfile.ZipInfo) -> str:
    """Names without the UTF-8 flag are cp437 to zipfile; macOS writes UTF-8 anyway."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return without_format_characters(name).replace("\\", "/")


def _is_unsafe(member: str) -> bool:
    if member.startswith("/") or (len(member) > 1 and member[1] == ":"):
        return True
    return ".." in posixpath.normpath(member).split("/") or "\x00" in member


def _is_macos_metadata(name: str) -> bool:
    """Finder's resource forks: not files the sender chose to send."""
    base = posixpath.basename(name)
    return name.startswith("__MACOSX/") or base.startswith("._") or base == ".DS_Store"
