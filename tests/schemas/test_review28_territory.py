"""Territory readings confirmed by the dossier's own evidence (session 22, review28)."""

from __future__ import annotations

import pytest

from schemas.cog import Cog
from schemas.communes import parse_communes


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _read(text: str, cog: Cog) -> list[tuple[str, str | None, bool, bool]]:
    return [(e.nom, e.code_insee, e.sure, e.confirmed) for e in parse_communes(text, cog)]


@pytest.mark.parametrize("label", ["cade", "codc", "cote", "c0de", "kode"])
def test_code_misread_before_insee_is_still_the_label(cog, label):
    """A fax reads "code INSEE" as "cade INSEE": the word is the label, not a part of the name,
    and the code written after it confirms the commune."""
    assert _read(f"Saint-Brice-Courcelles — {label} INSEE 51474", cog) == [
        ("Saint-Brice-Courcelles", "51474", True, True)]
    assert _read(f"Sartène ({label} INSEE 2A272) ; Bonifacio", cog)[0] == ("Sartène", "2A272", True, True)


def test_a_four_letter_word_not_before_insee_stays_a_word(cog):
    """Only before "INSEE" is a word one slip from "code" a label: elsewhere it is read as written."""
    (entry,) = _read("Saint-Brice-Courcelles cade", cog)
    assert entry[0] == "Saint-Brice-Courcelles cade" and not entry[2]
