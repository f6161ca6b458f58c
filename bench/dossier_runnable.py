"""How many of Guichet's threads want a core, moment by moment, in one profiled run of
`bench/dossier.py --runnable`: the share of the time with 0, 1, 2... of them runnable, and the
stretches where fewer than the machine's cores are, with the stages then running.

A thread waiting for a core on a loaded machine is still runnable (state R), so these counts do
not depend on the load as wall times do: a stretch with one runnable thread on two cores leaves
a core idle on a quiet machine, where the limit (one Tesseract a core) keeps both busy. That is
what makes the wall ratio exceed the CPU ratio."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from pathlib import Path

PERIOD = 0.004  # seconds between samples


class Sampler:
    """Samples, on a thread of its own while in use, the runnable threads of this process's
    descendants (not of this process): [(perf_counter time, count, [process ids]), ...]."""

    def __init__(self):
        self.samples: list[tuple[float, int, list[int]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="runnable-sampler", daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        pids, listed = [], 0.0
        while not self._stop.is_set():
            now = time.perf_counter()
            if now - listed > 0.05:  # the process tree changes seldom: listed again 20 times a second
                pids, listed = descendants(os.getpid()), now
            running = [pid for pid in pids for _ in range(runnable_threads(pid))]
            self.samples.append((now, len(running), running))
            time.sleep(PERIOD)


def descendants(root: int) -> list[int]:
    """The process ids below `root` (not itself)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry))
    out, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def runnable_threads(pid: int) -> int:
    count = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            stat = Path(f"/proc/{pid}/task/{task}/stat").read_text()
            count += stat[stat.rindex(")") + 2] == "R"
    except OSError:  # ended meanwhile
        pass
    return count


def runnable_report(samples: list[tuple[float, int, list[int]]], records: list[dict], cores: int,
                    least: float = 0.05) -> list[str]:
    """The shares of the run's time (its stages' span) by runnable count, and the stretches of
    `least` seconds or more with fewer than `cores` runnable, with the innermost stages then open."""
    first, last = min(r["start"] for r in records), max(r["end"] for r in records)
    inside = [s for s in samples if first <= s[0] <= last]
    if not inside:
        return ["    runnable threads: no sample in the run"]
    shares = Counter(min(count, cores + 1) for _, count, _ in inside)
    cells = "   ".join(f"{count}{'+' if count > cores else ''}: {shares[count] / len(inside):4.0%}"
                       for count in range(cores + 2))
    busy = sum(min(count, cores) for _, count, _ in inside) / (cores * len(inside))
    lines = [f"    runnable threads over {last - first:.2f} s ({len(inside)} samples): {cells}; "
             f"cores busy {busy:.0%} on a quiet machine"]
    stretch: list = []
    for sample in [*inside, (last + 1.0, cores, [])]:
        if sample[1] < cores and (not stretch or sample[0] - stretch[-1][0] < 0.05):
            stretch.append(sample)
            continue
        if stretch and stretch[-1][0] - stretch[0][0] >= least:
            lines.append(_stretch_line(stretch, records, first))
        stretch = [sample] if sample[1] < cores else []
    return lines


def _stretch_line(stretch: list, records: list[dict], first: float) -> str:
    start, end = stretch[0][0], stretch[-1][0]
    open_ = {(r["pid"], r["stage"]) for r in records if r["start"] < end and r["end"] > start}
    inner = sorted({stage.rsplit("/", 1)[-1] for pid, stage in open_
                    if not any(p == pid and s.startswith(stage + "/") for p, s in open_)})
    mean = sum(count for _, count, _ in stretch) / len(stretch)
    return f"    {start - first:6.2f}-{end - first:6.2f} s: {mean:.1f} runnable — {', '.join(inner)[:110]}"


def records_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
