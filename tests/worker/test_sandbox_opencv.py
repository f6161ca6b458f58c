"""A limited child forked after this process used OpenCV on several threads: the pool's threads
are not in the child, and the child's first call that touches the pool (`ocr_pages` puts OpenCV
on one thread) waited for them until its timeout: every file read after, say, a check-box test
or an image step in the host came back PARSE_TIMEOUT."""

from __future__ import annotations

import cv2
import numpy as np

from worker.core.sandbox import run_limited


def one_thread_in_child() -> int:
    cv2.setNumThreads(1)
    return int(cv2.GaussianBlur(np.full((400, 400), 200, np.uint8), (5, 5), 0).mean())


def test_a_child_forked_after_opencv_ran_on_threads_does_not_hang():
    before = cv2.getNumThreads()
    try:
        cv2.setNumThreads(2)
        cv2.GaussianBlur(np.random.default_rng(0).integers(0, 255, (2000, 2000), np.uint8), (9, 9), 0)
        assert run_limited(one_thread_in_child, timeout=20, memory_mb=1024) == 200
    finally:
        cv2.setNumThreads(before)
