"""broken_rings of this tree against another tree's, on the signatory areas of signstudy letters:
their outputs must be equal (a speed-up that changes no decision), and the CPU each took.

    PYTHONPATH=$PWD .venv/bin/python -m bench.rings_compare record --pages /tmp/me/sign/files --seeds 0:120 \
        --areas /tmp/me/areas          # every area's print-free ink, as the signature check gives it
    PYTHONPATH=$PWD .venv/bin/python -m bench.rings_compare compare --areas /tmp/me/areas --against ../other-checkout

`--pages`: a signstudy --out folder's files/ (its cached pages, only read). Study seeds only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import numpy as np


def record(pages: Path, seeds: str, areas: Path) -> None:
    """Each area's ink less its printed words (what `broken_stamp_drawn` votes on), and a mark
    beside those whose check reached the vote."""
    import extractors.signature as signature
    import extractors.signature_rings as rings
    from bench.signstudy import check_seed

    areas.mkdir(parents=True, exist_ok=True)
    state = {"seed": 0, "n": 0}
    components, broken_rings = signature.components, rings.broken_rings

    def recorded(ink, unit, words=None):
        np.savez_compressed(areas / f"{state['seed']}_{state['n']}.npz", ink=ink if words is None else ink & ~words,
                            unit=unit)
        state["n"] += 1
        return components(ink, unit, words)

    def voted(ink, unit, most=3):
        (areas / f"{state['seed']}_{state['n'] - 1}.voted").write_text("")
        return broken_rings(ink, unit, most)

    signature.components, rings.broken_rings = recorded, voted
    lo, hi = (int(v) for v in seeds.split(":"))
    for seed in range(lo, hi):
        meta, cached = pages / f"{seed}.json", pages / f"{seed}.pages"
        if meta.exists() and cached.exists():
            known = json.loads(meta.read_text())
            state["seed"], state["n"] = seed, 0
            check_seed(seed, pages / Path(known["path"]).name, known["kind"], cached)  # the pages as cached


def compare(areas: Path, against: Path) -> int:
    """Equal outputs on every area (those that reached the vote apart), and the CPU of each tree."""
    spec = importlib.util.spec_from_file_location("rings_before", against / "extractors" / "signature_rings.py")
    before = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(before)
    import extractors.signature_rings as after

    count = {True: [0, 0, 0.0, 0.0], False: [0, 0, 0.0, 0.0]}  # voted: areas, differing, cpu before, after
    for path in sorted(areas.glob("*.npz")):
        data = np.load(path)
        ink, unit = data["ink"], float(data["unit"])
        start = time.process_time()
        old = before.broken_rings(ink, unit)
        middle = time.process_time()
        new = after.broken_rings(ink, unit)
        row = count[path.with_suffix(".voted").exists()]
        row[0] += 1
        row[1] += old != new
        row[2] += middle - start
        row[3] += time.process_time() - middle
        if old != new:
            print("differ:", path.name, old, new)
    for voted, (n, differ, cpu_old, cpu_new) in count.items():
        print(f"{'voted' if voted else 'not voted'}: {n} areas, {differ} differ, "
              f"cpu {cpu_old:.2f} s before, {cpu_new:.2f} s after")
    return 1 if count[True][1] or count[False][1] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("record", "compare"))
    parser.add_argument("--areas", type=Path, required=True)
    parser.add_argument("--pages", type=Path)
    parser.add_argument("--seeds", default="0:120")
    parser.add_argument("--against", type=Path, help="the other tree (compare)")
    args = parser.parse_args(argv)
    if args.what == "record":
        record(args.pages, args.seeds, args.areas)
        return 0
    if args.against is None:
        parser.error("compare needs --against TREE")
    return compare(args.areas, args.against)


if __name__ == "__main__":
    sys.exit(main())
