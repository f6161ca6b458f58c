"""bench/dossier.py --against: the other tree's cold command too, compared round by round."""

from __future__ import annotations

from bench import dossier


def test_another_trees_cold_command_is_compared_round_by_round():
    rounds = [{"limit": (2.0, 4.0), "warm worker": (2.4, 4.8), "warm worker (main)": (2.4, 4.8),
               dossier.COLD: (4.0, 6.0), f"{dossier.COLD} (main)": (5.0, 8.0)},
              {"limit": (2.0, 4.0), "warm worker": (2.4, 4.8), "warm worker (main)": (2.4, 4.8),
               dossier.COLD: (3.0, 6.0), f"{dossier.COLD} (main)": (6.0, 10.0)}]
    lines = dossier.report(rounds)
    cold = next(line for line in lines if "this tree / main, cold" in line)
    assert "wall 0.65x (0.50–0.80)" in cold and "cpu 0.68x (0.60–0.75)" in cold
    warm = next(line for line in lines if "this tree / main " in line)
    assert "wall 1.00x" in warm
