"""A number written with France's code whose prefix is an overseas one ("+33 6 39 …", "+33 6 92 …")
is the overseas territory's only where that territory's plan allocates it; otherwise it is the
number as written (it was no number at all, left for a reviewer)."""

from __future__ import annotations

import pytest

from schemas.values import normalise_phone


@pytest.mark.parametrize("written, e164", [
    ("+33 6 39 12 10 07", "+33639121007"),  # no Mayotte mobile: as written
    ("+33 6 92 61 24 87", "+262692612487"),  # a Réunion mobile written with +33
    ("+33 6 90 12 34 56", "+590690123456"),  # a Guadeloupe mobile written with +33
])
def test_an_overseas_prefix_written_with_france_s_code(written, e164):
    assert normalise_phone(written) == e164
