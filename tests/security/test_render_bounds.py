"""Issue 12, High 2: page images were rendered in the web process with no size limit.

A 10 x 12,340 pt page took the web server to 6.6 GB; a 0.37 MB PNG of 120 Mpx cost 1.47 GB
and 6.5 s in the web process (measured on the code before the fix), and a global lock made
every other page wait. Each figure below is measured in a fresh interpreter standing in for
the web process: its own peak RSS, and its rendering children's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from extractors.errors import ErrorCode, GuichetError
from service import render

ROOT = Path(__file__).resolve().parents[2]


def tall_page_pdf(width: float, height: float) -> bytes:
    """A tiny PDF with one text-bearing page of the given size in points (intake never renders it)."""
    content = b"BT /F1 12 Tf 1 100 Td (Fiche) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.fixture(scope="module")
def big_png(tmp_path_factory) -> Path:
    """120 Mpx, just under Limits.max_image_pixels, a few hundred KB on disk."""
    path = tmp_path_factory.mktemp("render") / "plan.png"
    image = Image.new("RGB", (10950, 10950), "white")
    draw = ImageDraw.Draw(image)
    for y in range(0, 10950, 500):
        draw.line([(0, y), (10950, y)], fill="black", width=3)
    image.save(path, optimize=True)
    return path


MEASURE = """
import json, resource, sys, time
from pathlib import Path
from service.render import cached_page
from PIL import Image
start = time.perf_counter()
path = cached_page(Path(sys.argv[1]), Path(sys.argv[2]), "ab" * 32, 1, int(sys.argv[3]))
# VmHWM, not RUSAGE_SELF: after fork+exec the latter keeps the peak of the process that forked us.
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - start, "size": Image.open(path).size,
                  "web_mb": int(peak.split()[1]) / 1024,
                  "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _measure(tmp_path: Path, blob: Path, width: int) -> dict:
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", MEASURE, str(tmp_path / "cache"), str(blob), str(width)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/local/bin:/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{blob.name} at {width}px: {figures}")
    return figures


@pytest.mark.parametrize("width", [160, 1400])
def test_huge_page_pdf_is_rendered_within_a_pixel_budget_outside_the_web_process(tmp_path, width):
    blob = tmp_path / "page.pdf"
    blob.write_bytes(tall_page_pdf(10, 12340))
    assert blob.stat().st_size < 3000
    figures = _measure(tmp_path, blob, width)
    columns, rows = figures["size"]
    assert columns <= width and columns * rows <= render.MAX_PIXELS
    assert figures["web_mb"] < 200  # was 6.6 GB
    assert figures["child_mb"] < 400
    assert figures["seconds"] < 30


def test_big_png_is_decoded_in_a_bounded_child(tmp_path, big_png):
    figures = _measure(tmp_path, big_png, 1400)
    assert tuple(figures["size"]) == (1400, 1400)
    assert figures["web_mb"] < 200  # was 1.47 GB in the web process
    assert figures["child_mb"] < 900  # the PNG decoder needs the whole 120 Mpx frame, once
    assert figures["seconds"] < 60


def test_a_page_beyond_the_child_limits_is_an_error_code_not_a_dead_server(tmp_path, big_png, monkeypatch):
    monkeypatch.setattr(render, "RENDER_MEMORY_MB", 200)
    with pytest.raises(render.PageNotRendered) as caught:
        render.cached_page(tmp_path, big_png, "cd" * 32, 1, 900)
    assert isinstance(caught.value.__cause__, GuichetError)
    assert caught.value.__cause__.code in (ErrorCode.PARSE_MEMORY, ErrorCode.PARSE_CRASHED)


def test_a_slow_page_does_not_hold_the_others(tmp_path, monkeypatch):
    """No global lock: each page renders in its own child, side by side."""
    slow, quick = tmp_path / "slow.pdf", tmp_path / "quick.pdf"
    slow.write_bytes(tall_page_pdf(595, 842))
    quick.write_bytes(tall_page_pdf(595, 842))
    real = render.render_page

    def render_page(blob: str, number: int, width: int) -> bytes:  # runs in the child
        if blob.endswith("slow.pdf"):
            time.sleep(8)
        return real(blob, number, width)

    monkeypatch.setattr(render, "render_page", render_page)
    slow_done = threading.Event()
    slow_thread = threading.Thread(
        target=lambda: (render.cached_page(tmp_path / "c", slow, "ef" * 32, 1, 900), slow_done.set()))
    slow_thread.start()
    time.sleep(0.5)
    start = time.perf_counter()
    path = render.cached_page(tmp_path / "c", quick, "01" * 32, 1, 900)
    assert time.perf_counter() - start < 6 and not slow_done.is_set()
    assert Image.open(path).width == 900
    slow_thread.join(30)
    assert slow_done.is_set()


@pytest.mark.parametrize(("width", "height", "wanted", "expected"), [
    (595, 842, 900, (900, 1273)),  # A4 within budget: exactly the width asked
    (10, 12340, 1400, (56, 70256)),  # the attack: the scale drops to fit the budget
    (100, 50, 1400, (1400, 700)),  # small images may grow when they stay in budget
])
def test_fitted_size(width, height, wanted, expected):
    assert render.fitted_size(width, height, wanted) == expected
    assert expected[0] * expected[1] <= render.MAX_PIXELS
