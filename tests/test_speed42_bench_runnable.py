"""bench/dossier_runnable.py: the shares of a run's time by runnable threads, and the stretches
where a core would idle on a quiet machine, named by the stages then open."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench import dossier_runnable


def test_a_stretch_with_one_runnable_thread_on_two_cores_is_listed_with_its_stages():
    records = [{"pid": 1, "stage": "read file", "start": 0.0, "end": 1.0},
               {"pid": 1, "stage": "read file/render", "start": 0.0, "end": 0.2},
               {"pid": 2, "stage": "signatures", "start": 1.0, "end": 2.0}]
    samples = [(t / 100, 1 if t < 30 else 2, []) for t in range(0, 200)]  # one thread for the first 0.3 s
    lines = dossier_runnable.runnable_report(samples, records, cores=2)
    assert "1:  15%" in lines[0] and "2:  85%" in lines[0]
    assert "cores busy 92%" in lines[0]
    assert len(lines) == 2 and lines[1].strip().startswith("0.00-  0.29 s: 1.0 runnable — render")


def test_the_sampler_counts_a_busy_child_and_not_itself():
    busy = [sys.executable, "-c", "import time\nend = time.time() + 0.6\nwhile time.time() < end: pass"]
    with dossier_runnable.Sampler() as sampler:
        child = subprocess.Popen(busy)
        child.wait()
        time.sleep(0.05)
    counted = [pids for _, count, pids in sampler.samples if count]
    assert counted and all(pids == [child.pid] for pids in counted)
    assert os.getpid() not in {pid for pids in counted for pid in pids}
