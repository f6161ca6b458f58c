"""A cold process loads the geography and spaCy's model with the garbage collector paused, then
freezes them out of its sight (as a worker freezes its preload): once, and the collector
enabled again whatever the loads did (srsly, under spaCy, re-enables it after each of its
own loads: a collector disabled before cannot be promised to stay so)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

# gc's state is the process's: each case in a child of its own.
_CHILD = r"""
import gc, json, sys
from worker.core import pipeline
from schemas.cog import Cog

case = sys.argv[1]
paused = []

class Ctx:
    @property
    def cog(self):
        paused.append(not gc.isenabled())
        if case == "raises":
            raise RuntimeError("no geography")
        return Cog.shipped()

pipeline._loaded_for_understanding(Ctx())
first = gc.get_freeze_count()
cog_frozen = not any(o is Cog.shipped() for o in gc.get_objects()) if case != "raises" else None
pipeline._loaded_for_understanding(Ctx())  # a batch's next dossier: nothing frozen again
print(json.dumps({"paused": paused, "enabled": gc.isenabled(), "frozen": first,
                  "again": gc.get_freeze_count() - first, "cog_frozen": cog_frozen}))
"""


def _run(case: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, case], cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""},
                          capture_output=True, text=True, check=True, timeout=600)
    return json.loads(done.stdout.splitlines()[-1])


def test_loads_paused_then_frozen_once():
    seen = _run("loads")
    assert seen["paused"] == [True, True] and seen["enabled"]
    assert seen["frozen"] > 100_000 and seen["cog_frozen"]  # the geography among them
    assert seen["again"] == 0


def test_a_load_that_fails_leaves_the_collector_enabled():
    seen = _run("raises")
    assert seen["paused"] == [True, True] and seen["enabled"]
