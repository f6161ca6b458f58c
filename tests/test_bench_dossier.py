"""The pairing of bench/dossier.py on a fake clock: rounds in turn, per-round ratios, their median."""

from __future__ import annotations

import sys

from bench import dossier


class FakeMachine:
    """A machine whose load doubles every call: whatever runs later is slower."""

    def __init__(self):
        self.calls: list[str] = []
        self.load = 1.0

    def timer(self, name: str, wall: float, cpu: float):
        def run() -> tuple[float, float]:
            self.calls.append(name)
            self.load *= 2
            return wall * self.load, cpu * self.load
        return run


def test_rounds_alternate_the_order_and_keep_each_pair_together():
    machine = FakeMachine()
    rounds = dossier.paired_rounds(machine.timer("limit", 1.0, 2.0), {"warm": machine.timer("warm", 1.2, 2.4)}, 4)
    assert machine.calls == ["limit", "warm", "warm", "limit", "limit", "warm", "warm", "limit"]
    assert [set(r) for r in rounds] == [{"limit", "warm"}] * 4
    # Under a load rising by x2 a call, the later run of a pair looks twice as slow: odd rounds
    # say 2.4x, even rounds 0.6x; the true 1.2x is their geometric middle, not either one.
    ratios, median, low, high = dossier.ratio_summary(rounds, "warm", 0)
    assert [round(r, 6) for r in ratios] == [2.4, 0.6, 2.4, 0.6]
    assert (round(low, 6), round(high, 6)) == (0.6, 2.4)
    assert round(median, 6) == 1.5  # even count: the mean of the two middle ratios


def test_median_of_an_odd_count_is_the_middle_ratio_and_the_report_flags_the_target():
    limit = iter([(2.0, 4.0), (2.0, 4.0), (2.0, 4.0)])
    guichet = iter([(2.2, 4.4), (3.0, 6.0), (2.4, 5.6)])
    rounds = dossier.paired_rounds(lambda: next(limit), {"warm worker": lambda: next(guichet)}, 3)
    ratios, median, low, high = dossier.ratio_summary(rounds, "warm worker", 1)
    assert [round(r, 6) for r in ratios] == [1.1, 1.5, 1.4]
    assert (round(median, 6), round(low, 6), round(high, 6)) == (1.4, 1.1, 1.5)
    shown = []
    dossier.paired_rounds(iter([(2.0, 4.0)] * 2).__next__, {"warm worker": iter([(2.2, 4.4)] * 2).__next__}, 2,
                          shown=lambda index, r: shown.append(dossier.round_line(index, r)))
    assert shown[0].startswith("  round 1 (limit first") and shown[1].startswith("  round 2 (limit last")
    assert "warm worker  2.20 /  4.40 = 1.10x / 1.10x" in shown[0]
    lines = dossier.report(rounds)
    summary = next(line for line in lines if line.strip().startswith("warm worker"))
    assert "wall 1.20x (1.10–1.50)" in summary and "> 1.3" not in summary.split("cpu")[0]
    assert "cpu 1.40x (1.10–1.50) > 1.3" in summary
    assert any("the limit itself" in line and "wall 2.00–2.00 s" in line for line in lines)


def test_importing_the_bench_keeps_the_standard_queue_module():
    import queue

    assert "bench" not in str(getattr(queue, "__file__", "")) and dossier.ROOT.name
    assert str(dossier.ROOT) in sys.path


def test_another_tree_is_compared_round_by_round():
    rounds = [{"limit": (2.0, 4.0), "warm worker": (2.4, 4.8), "warm worker (main)": (3.0, 6.0)},
              {"limit": (4.0, 8.0), "warm worker": (4.4, 8.8), "warm worker (main)": (4.0, 8.0)},
              {"limit": (2.0, 4.0), "warm worker": (2.2, 4.4), "warm worker (main)": (2.5, 5.0)}]
    ratios, median, low, high = dossier.ratio_summary(rounds, "warm worker", 0, base="warm worker (main)")
    assert [round(r, 6) for r in ratios] == [0.8, 1.1, 0.88] and round(median, 6) == 0.88
    line = next(line for line in dossier.report(rounds) if "this tree / main" in line)
    assert "wall 0.88x (0.80–1.10)" in line and "cpu 0.88x (0.80–1.10)" in line


def test_several_runs_take_turns_in_each_place():
    calls = []

    def run(name):
        return lambda: calls.append(name) or (1.0, 1.0)

    dossier.paired_rounds(run("L"), {"A": run("A"), "B": run("B")}, 4)
    assert calls == list("LAB" "BAL" "LBA" "ABL")
