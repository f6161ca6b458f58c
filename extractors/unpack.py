"""Expand zip archives safely: no path traversal, no bombs, no endless nesting."""

from __future__ import annotations

import io
import logging
import posixpath
import zipfile
from dataclasses import dataclass

from extractors.errors import ErrorCode, GuichetError, MESSAGES
from extractors.filenames import without_format_characters
from extractors.model import Issue, Part

log = logging.getLogger(__name__)

_CHUNK = 1 << 16


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may expand to."""

    max_members: int
    max_total_bytes: int
    max_ratio: int


@dataclass(frozen=True)
class Unpacked:
    """The members read from an archive and the problems met on the way."""

    parts: tuple[Part, ...]
    issues: tuple[Issue, ...]


def unpack_zip(data: bytes, name: str, limits: ZipLimits) -> Unpacked:
    """Read every member of the zip `data`; members are named `name/member`."""
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
            try:
                content = _read_member(archive, info, budget, limits.max_ratio)
            except GuichetError as exc:
                issues.append(Issue(exc.code, exc.message, label))
                if exc.code is ErrorCode.ZIP_BOMB:
                    break  # the budget is spent: stop expanding this archive
                continue
            budget -= len(content)
            parts.append(Part(label, content))
    return Unpacked(tuple(parts), tuple(issues))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, ratio: int) -> bytes:
    """Stream one member, stopping as soon as it outgrows the budget or the ratio."""
    if info.flag_bits & 0x1:
        raise GuichetError(ErrorCode.ZIP_ENCRYPTED)
    # Headers can lie about sizes, so the limit is enforced on bytes actually produced.
    cap = min(budget, max(info.compress_size, 1) * ratio + _CHUNK)
    out = io.BytesIO()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out.write(chunk)
                if out.tell() > cap:
                    raise GuichetError(ErrorCode.ZIP_BOMB, info.filename[:100])
    except GuichetError:
        raise
    except RuntimeError as exc:  # zipfile says "password required" this way
        raise GuichetError(ErrorCode.ZIP_ENCRYPTED, str(exc)[:200]) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise GuichetError(ErrorCode.ZIP_INVALID, str(exc)[:200]) from exc
    return out.getvalue()


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
