"""Content-addressed storage of originals: written and fsync'd before anything parses them."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


class BlobStore:
    """Files named by their sha256 under `root/ab/cd/<sha256>`; writing the same bytes twice is a no-op."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """Where the blob `sha256` lives (whether or not it exists)."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store `data` durably and return its sha256."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.exists() and target.stat().st_size == len(data):
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write aside, fsync, then rename: a crash never leaves a half blob under its name.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return sha256

    def put_file(self, path: str | Path) -> tuple[str, int]:
        """Move the file at `path` (on the same file system) into the store, never reading it
        whole into memory; returns its sha256 and size."""
        digest, size = hashlib.sha256(), 0
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
            os.fsync(handle.fileno())
        sha256 = digest.hexdigest()
        target = self.path(sha256)
        if target.exists() and target.stat().st_size == size:
            Path(path).unlink()
            return sha256, size
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        _fsync_dir(target.parent)
        return sha256, size

    def get(self, sha256: str) -> bytes:
        """The bytes of a stored blob."""
        return self.path(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path(sha256).exists()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
