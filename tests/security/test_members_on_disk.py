"""Issue 12, medium 7 (rest): a 2.9 MB zip gave 527 MB of blobs and 1.09 GB in the parent, since
the unpacking child sent every member back in memory. The child now writes the members into a
private directory beside the blobs (each stored by a rename), the parent reads them back one at
a time, and the disk's free space is checked as it goes (GUICHET_MIN_FREE_MB, DISK_FULL)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

from extractors.errors import ErrorCode
from extractors.model import Part
from worker.core.intake import intake_files
from worker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
MB = 1 << 20


def compressible_zip(members: int, size: int) -> bytes:
    """`members` files of `size` bytes each that deflate well (a random block repeated)."""
    block = os.urandom(4096)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(members):
            archive.writestr(f"annexe-{number:02d}.bin", block * (size // len(block)) + b"%d" % number)
    return out.getvalue()


def test_unpacking_stops_before_the_disk_is_full(store, settings):
    free_mb = shutil.disk_usage(settings.storage_dir).free // MB
    margin = 40  # MB this test may write before the threshold is met
    settings = replace(settings, limits=replace(settings.limits, min_free_mb=free_mb - margin,
                                                max_zip_ratio=100_000, max_unpacked_bytes=1 << 30))
    data = compressible_zip(members=40, size=4 * MB)  # 160 MB once unpacked, ~2 MB zipped
    intake = intake_files([Part("depot.zip", data)], "disque", store=store, settings=settings)

    files = store.files(intake.dossier_id)
    [archive] = [f for f in files if f.parent_id is None]
    assert ErrorCode.DISK_FULL.value in {issue["code"] for issue in archive.issues}
    assert store.blobs.exists(archive.sha256)  # the original is kept
    members = [f for f in files if f.parent_id == archive.id]
    assert 0 < len(members) < 40
    assert sum(f.size for f in members) <= (margin + 8) * MB
    assert not any(Path(settings.storage_dir, ".incoming").iterdir())  # nothing left behind


def test_the_free_disk_threshold_is_a_setting():
    assert Settings.from_env({"GUICHET_MIN_FREE_MB": "2048"}).limits.min_free_mb == 2048


MEASURE = """
import json, resource, sys
from pathlib import Path
from extractors.model import Part
from worker.core.intake import intake_files
from worker.settings import Limits, Settings
from worker.persistence.store import Store

root = Path(sys.argv[1])
settings = Settings(data_dir=root, database_url=f"sqlite:///{root / 'g.sqlite3'}", storage_dir=root / "blobs",
                    limits=Limits(max_zip_ratio=100_000, max_unpacked_bytes=1 << 30, min_free_mb=0))
store = Store(settings)
data = (root / "depot.zip").read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
intake = intake_files([Part("depot.zip", data)], "rss", store=store, settings=settings)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
members = [f for f in store.files(intake.dossier_id) if f.parent_id is not None]
print(json.dumps({"grown_mb": (after - before) / 1024, "members": len(members),
                  "unpacked_mb": sum(f.size for f in members) / 2**20}))
"""


def test_the_parent_holds_one_member_at_a_time(tmp_path):
    (tmp_path / "depot.zip").write_bytes(compressible_zip(members=40, size=5 * MB))  # 200 MB unpacked
    done = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["members"] == 40 and figures["unpacked_mb"] >= 200
    assert figures["grown_mb"] < 60, figures  # was every member at once, twice (the pickle): > 400 MB
